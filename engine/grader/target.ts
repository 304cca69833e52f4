// No upstream twin: what the grader grades. A target is a Transport to an API server, the clock
// and the dataplane; clusterTarget wraps an in-process Kubelab cluster, remoteTarget a cluster
// named by a kubeconfig (Kubelab's `up` or a real one), reached over HTTP, and discoverTarget is
// remoteTarget that reaches a `kubelab up` cluster's dataplane through its admin API.
import { parse as parseYAML } from 'yaml';
import type { Cluster } from '../cluster/cluster.js';
import { newForConfig } from '../client/kubernetes/clientset.js';
import { httpTransport, type Transport } from '../client/transport.js';
import { runKubectl } from '../kubectl/cmd/cmd.js';
import { memoryFiles, type FileAccess } from '../kubectl/cmd/util/io.js';
import { normalize, resolveClientConfig } from '../kubectl/kubeconfig/loader.js';
import type { Kubeconfig } from '../kubectl/kubeconfig/types.js';
import type { Clock } from '../util/clock.js';
import { adminDataplane, findAdminAPI } from './admin-dataplane.js';
import { clusterDataplane, fetchDataplane } from './dataplane.js';
import type { CheckContext, Dataplane, KubectlResult } from './types.js';

export interface GradeTarget {
  transport: Transport;
  clock: Clock;
  net: Dataplane;
  /** kubeconfig is handed to kubectl when the target is remote (it then speaks HTTP itself). */
  kubeconfig?: Kubeconfig;
  /** bearer is the Authorization header value for the clientset, when the target needs one. */
  authorization?: string;
  /** files is what kubectl reads manifests from (the submission); empty by default. */
  files?: FileAccess;
  namespace?: string;
}

/** clusterTarget grades an in-process Kubelab cluster. */
export function clusterTarget(cluster: Cluster, files?: FileAccess): GradeTarget {
  return { transport: cluster.plane.transport, clock: cluster.clock, net: clusterDataplane(cluster), ...(files ? { files } : {}) };
}

interface RemoteOptions {
  fetch?: typeof fetch;
  files?: FileAccess;
}

/** connection reads the server and credentials of a kubeconfig's current context. */
function connection(kubeconfigText: string) {
  const kubeconfig = normalize((parseYAML(kubeconfigText) ?? {}) as Partial<Kubeconfig>);
  const cc = resolveClientConfig(kubeconfig, {});
  let authorization: string | undefined;
  if (cc.token) authorization = `Bearer ${cc.token}`;
  else if (cc.username) authorization = `Basic ${btoa(`${cc.username}:${cc.password ?? ''}`)}`;
  const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
  return { kubeconfig, cc, authorization, headers };
}

/** remoteTarget grades the cluster a kubeconfig's current context names, over HTTP. */
export function remoteTarget(kubeconfigText: string, clock: Clock, options: RemoteOptions = {}): GradeTarget {
  const { kubeconfig, cc, authorization, headers } = connection(kubeconfigText);
  return {
    transport: httpTransport(cc.server, headers),
    clock,
    net: fetchDataplane(clock, options.fetch),
    kubeconfig,
    ...(authorization ? { authorization } : {}),
    ...(options.files ? { files: options.files } : {}),
    namespace: cc.namespace,
  };
}

/**
 * discoverTarget is remoteTarget for a cluster that may be Kubelab's: when the API server also
 * serves Kubelab's admin API, checks reach pods, cluster IPs, DNS and node addresses from inside
 * the cluster through it; any other cluster keeps the host's fetch (and its skips).
 */
export async function discoverTarget(kubeconfigText: string, clock: Clock, options: RemoteOptions = {}): Promise<GradeTarget> {
  const target = remoteTarget(kubeconfigText, clock, options);
  const { cc, headers } = connection(kubeconfigText);
  const admin = await findAdminAPI(cc.server, headers, clock, options.fetch);
  return admin ? { ...target, net: adminDataplane(admin, headers, clock, options.fetch) } : target;
}

/** kubectlRunner runs our kubectl against the target and collects its output. */
export function kubectlRunner(target: GradeTarget, signal?: AbortSignal): (argv: string[]) => Promise<KubectlResult> {
  const files = target.files ?? memoryFiles();
  return async (argv) => {
    let stdout = '';
    let stderr = '';
    const code = await runKubectl(argv, {
      // A remote target's kubectl builds its own HTTP transport from the kubeconfig's credentials.
      ...(target.kubeconfig ? { kubeconfig: target.kubeconfig } : { transport: target.transport }),
      stdin: async () => '',
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      env: { HOME: '/home/learner' },
      files,
      clock: target.clock,
      ...(signal ? { signal } : {}),
    });
    return { code, stdout, stderr };
  };
}

/** newCheckContext builds what every check receives from a target. */
export function newCheckContext(target: GradeTarget): CheckContext {
  const client = newForConfig({ transport: target.transport, userAgent: 'kubelab-grader/v1.32.0', ...(target.authorization?.startsWith('Bearer ') ? { bearerToken: target.authorization.slice(7) } : {}) });
  return {
    client,
    kubectl: kubectlRunner(target),
    net: target.net,
    clock: target.clock,
    namespace: target.namespace ?? 'default',
    async nodeAddresses() {
      const nodes = (await client.coreV1().nodes().list()).items;
      const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.flatMap((n) => n.status?.addresses?.filter((a) => a.type === 'InternalIP').map((a) => a.address) ?? []);
    },
  };
}
