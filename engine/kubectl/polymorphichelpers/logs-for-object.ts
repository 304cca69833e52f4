// Mirrors k8s.io/kubectl/pkg/polymorphichelpers (logsforobject.go, attachablepodforobject's
// GetFirstPod, podutils.ByLogging): turns a pod, a pod list or a workload into the pods/log
// requests to make — one per container — defaulting the container as kubectl does.
import type { RESTClient } from '../rest/client.js';
import type { Clock } from '../../util/clock.js';

export interface LogPod {
  metadata: { name?: string; namespace?: string; annotations?: Record<string, string>; creationTimestamp?: string };
  spec?: { nodeName?: string; containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }>; ephemeralContainers?: Array<{ name: string }> };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string }>; containerStatuses?: Array<{ restartCount?: number }> };
}

/** LogRequest is one pods/log stream to read: the pod, the container and the query. */
export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  query: Record<string, string>;
}

export interface LogsContext {
  client: RESTClient;
  clock: Clock;
  errOut: (s: string) => void;
  /** podRunningTimeoutMs is how long to wait for a workload to have a pod. */
  podRunningTimeoutMs: number;
}

const defaultContainerAnnotation = 'kubectl.kubernetes.io/default-container';

/** allContainerNames is podcmd.AllContainerNames: "a, b, init (init), dbg (ephem)". */
export function allContainerNames(pod: LogPod): string {
  const s = pod.spec ?? {};
  return [...(s.containers ?? []).map((c) => c.name), ...(s.initContainers ?? []).map((c) => `${c.name} (init)`), ...(s.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`)].join(', ');
}

function hasContainer(pod: LogPod, name: string): boolean {
  const s = pod.spec ?? {};
  return [...(s.containers ?? []), ...(s.initContainers ?? []), ...(s.ephemeralContainers ?? [])].some((c) => c.name === name);
}

/** requestsForPod is the *corev1.Pod case: one container (defaulted) or all of them. */
export function requestsForPod(ctx: LogsContext, pod: LogPod, query: Record<string, string>, allContainers: boolean, allPods = false): LogRequest[] {
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  const s = pod.spec ?? {};
  if (allContainers) {
    return [...(s.initContainers ?? []), ...(s.containers ?? []), ...(s.ephemeralContainers ?? [])].flatMap((c) =>
      requestsForPod(ctx, pod, { ...query, container: c.name }, false, allPods),
    );
  }
  let container = query.container ?? '';
  const preset = pod.metadata.annotations?.[defaultContainerAnnotation];
  if (!container && preset) {
    if (hasContainer(pod, preset)) container = preset;
    else ctx.errOut(`Default container name "${preset}" not found in pod ${name}\n`);
  }
  if (!container) {
    container = s.containers?.[0]?.name ?? '';
    if (((s.containers?.length ?? 0) > 1 || s.initContainers?.length || s.ephemeralContainers?.length) && !allPods)
      ctx.errOut(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
  }
  if (!hasContainer(pod, container)) throw new Error(`container ${container} is not valid for pod ${name} out of: ${allContainerNames(pod)}`);
  return [{ namespace: ns, pod: name, container, query: { ...query, container } }];
}

const phaseRank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
const isReady = (p: LogPod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const maxRestarts = (p: LogPod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));

/** byLogging orders pods as podutils.ByLogging: scheduled, running, ready, restarted most, oldest first. */
export function byLogging(a: LogPod, b: LogPod): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (!an || !bn)) return an ? -1 : 1;
  const ap = phaseRank[a.status?.phase ?? ''] ?? 0;
  const bp = phaseRank[b.status?.phase ?? ''] ?? 0;
  if (ap !== bp) return ap - bp;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  if (at !== bt) return !at ? 1 : !bt ? -1 : at < bt ? -1 : 1;
  return 0;
}

/** getFirstPod lists the selector's pods, waiting up to the timeout for one to exist. */
export async function getFirstPod(ctx: LogsContext, namespace: string, selector: string): Promise<{ pod: LogPod; count: number; pods: LogPod[] }> {
  const deadline = ctx.clock.now() + ctx.podRunningTimeoutMs;
  for (;;) {
    const list = await ctx.client.get<{ items: LogPod[] }>(`/api/v1/namespaces/${namespace}/pods`, { query: { labelSelector: selector } });
    const pods = [...(list.items ?? [])].sort(byLogging);
    if (pods.length) return { pod: pods[0]!, count: pods.length, pods };
    if (ctx.clock.now() >= deadline) throw new Error('timed out waiting for the condition');
    await ctx.clock.sleep(Math.min(1000, Math.max(1, deadline - ctx.clock.now())));
  }
}

/** selectorFor is SelectorsForObject: a workload's (or service's) pod selector as a string. */
export function selectorFor(obj: { kind?: string; spec?: Record<string, unknown> }): string {
  const spec = obj.spec ?? {};
  switch (obj.kind) {
    case 'ReplicationController':
    case 'Service': {
      const sel = (spec.selector ?? {}) as Record<string, string>;
      if (obj.kind === 'Service' && !Object.keys(sel).length) throw new Error(`cannot get the logs from *v1.Service: invalid service 'spec.selector' (empty)`);
      return Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
    }
    case 'ReplicaSet':
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job': {
      const sel = (spec.selector ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
      const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
      for (const e of sel.matchExpressions ?? []) {
        if (e.operator === 'In' || e.operator === 'NotIn') parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
        else parts.push(e.operator === 'Exists' ? e.key : `!${e.key}`);
      }
      return parts.join(',');
    }
    default: {
      const group = obj.kind === 'CronJob' ? 'batch' : obj.kind === 'HorizontalPodAutoscaler' ? 'autoscaling' : obj.kind === 'ConfigMap' || obj.kind === 'Secret' || obj.kind === 'Node' || obj.kind === 'Namespace' ? 'v1' : '';
      const t = `*${group || 'v1'}.${obj.kind}`;
      throw new Error(`cannot get the logs from ${t}: selector for ${t} not implemented`);
    }
  }
}
