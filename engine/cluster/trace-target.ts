// `kubelab trace <from> <to>[:port]`: turns the names a learner types — pods (ns/name), nodes,
// services (svc/ns/name), ClusterIPs and plain IPs — into the namespace a probe leaves from and the
// address and port it goes to, then runs engine/net's trace. (No upstream twin: it plays the part
// of picking the right `nsenter` and `dig` by hand.)
import type { Pod, Service } from '../api/core/v1/types.js';
import { isNotFound } from '../apimachinery/api/errors/errors.js';
import { isIP } from '../net/ip/addr.js';
import type { NetNamespace } from '../net/netns.js';
import { trace, formatTrace, type Trace } from '../net/trace/trace.js';
import type { Protocol } from '../net/types.js';
import type { Cluster } from './cluster.js';
import { NodeError } from './node-power.js';

/** Endpoint says what a name resolved to, for the printed header and the drawn path. */
export interface Endpoint {
  spec: string;
  kind: 'pod' | 'node' | 'service' | 'ip';
  name: string;
  ip: string;
  /** node is where a pod runs, or the node itself. */
  node?: string;
}

export interface TraceRequest {
  from: string;
  to: string;
  protocol?: 'tcp' | 'udp';
}

export interface TraceResult {
  from: Endpoint;
  to: Endpoint & { port?: number };
  trace: Trace;
  /** namespaces names the pod behind each sandbox's network namespace (they are named by sandbox ID). */
  namespaces: Record<string, string>;
  text: string;
}

/** sandboxNames maps every running sandbox ID to its pod's namespace/name. */
function sandboxNames(cluster: Cluster): Record<string, string> {
  const out: Record<string, string> = {};
  for (const node of cluster.nodes.values()) {
    for (const sb of node.kubelet?.runtime.listPodSandbox() ?? []) out[sb.id] = `${sb.metadata.namespace}/${sb.metadata.name}`;
  }
  return out;
}

type Resolved = Endpoint & { netns?: NetNamespace; ports?: { port: number; protocol: string }[] };

async function getPod(cluster: Cluster, ns: string, name: string): Promise<Pod | undefined> {
  try {
    return await cluster.client.coreV1().pods(ns).get(name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function getService(cluster: Cluster, ns: string, name: string): Promise<Service | undefined> {
  try {
    return await cluster.client.coreV1().services(ns).get(name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

function fromPod(cluster: Cluster, spec: string, pod: Pod): Resolved {
  const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const ip = pod.status?.podIP;
  if (!ip) throw new NodeError(`pod "${name}" has no IP yet (phase ${pod.status?.phase ?? 'Pending'})`, 'Conflict');
  const ports = (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: (p.protocol ?? 'TCP').toLowerCase() })));
  const node = pod.spec?.nodeName;
  const netns = pod.spec?.hostNetwork ? cluster.network.machine(node ?? '')?.host : cluster.network.namespaceOf(ip);
  return { spec, kind: 'pod', name, ip, node, netns, ports };
}

/** resolveEndpoint reads one name: kind/ns/name, ns/name (a pod), a node, an IP, or a pod in default. */
export async function resolveEndpoint(cluster: Cluster, spec: string): Promise<Resolved> {
  const parts = spec.split('/');
  const kinds = ['node', 'no', 'nodes', 'svc', 'service', 'services', 'pod', 'po', 'pods'];
  const kind = parts.length === 3 || (parts.length === 2 && kinds.includes(parts[0]!)) ? parts.shift()! : undefined;
  if (isIP(spec)) {
    const netns = cluster.network.namespaceOf(spec);
    if (!netns) {
      // A ClusterIP: trace to the service, so its port is known.
      const svc = ((await cluster.client.coreV1().services('').list()).items as Service[]).find((s) => s.spec?.clusterIP === spec);
      if (svc) return { spec, kind: 'service', name: `${svc.metadata.namespace}/${svc.metadata.name}`, ip: spec, ports: (svc.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: (p.protocol ?? 'TCP').toLowerCase() })) };
    }
    return { spec, kind: 'ip', name: netns?.name ?? spec, ip: spec, netns };
  }
  if (kind === 'node' || kind === 'no' || kind === 'nodes' || (!kind && parts.length === 1 && cluster.network.machine(spec))) {
    const name = parts[parts.length - 1]!;
    const m = cluster.network.machine(name);
    if (!m) throw new NodeError(`node "${name}" not found`, 'NotFound');
    return { spec, kind: 'node', name, ip: m.ip, node: name, netns: m.host };
  }
  const [ns, name] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['default', parts[0]!];
  if (kind === 'svc' || kind === 'service' || kind === 'services') {
    const svc = await getService(cluster, ns, name);
    if (!svc) throw new NodeError(`services "${name}" not found in namespace "${ns}"`, 'NotFound');
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') throw new NodeError(`service "${ns}/${name}" is headless: it has no ClusterIP to trace to`, 'Conflict');
    const ports = (svc.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: (p.protocol ?? 'TCP').toLowerCase() }));
    return { spec, kind: 'service', name: `${ns}/${name}`, ip, ports };
  }
  if (kind && kind !== 'pod' && kind !== 'po' && kind !== 'pods') throw new NodeError(`unknown kind "${kind}" in "${spec}": use pod/ns/name, svc/ns/name, node/name or an IP`, 'NotFound');
  const pod = await getPod(cluster, ns, name);
  if (!pod) throw new NodeError(`"${spec}" is not a node, and pods "${name}" not found in namespace "${ns}"`, 'NotFound');
  return fromPod(cluster, spec, pod);
}

/** splitPort reads "target:port"; an IPv4 address has no other colon. */
function splitPort(to: string): { target: string; port?: number } {
  const i = to.lastIndexOf(':');
  if (i < 0) return { target: to };
  const port = Number(to.slice(i + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new NodeError(`invalid port "${to.slice(i + 1)}" in "${to}"`, 'Conflict');
  return { target: to.slice(0, i), port };
}

const strip = ({ netns: _n, ports: _p, ...e }: Resolved): Endpoint => e;

/** traceBetween resolves both ends and follows a dry-run probe between them. */
export async function traceBetween(cluster: Cluster, req: TraceRequest): Promise<TraceResult> {
  const from = await resolveEndpoint(cluster, req.from);
  if (from.kind === 'service') throw new NodeError(`a trace cannot start from service "${from.name}": start from a pod or a node`, 'Conflict');
  if (!from.netns) throw new NodeError(`no machine or pod owns ${from.ip}`, 'NotFound');
  if (from.node && cluster.nodes.get(from.node)?.failed) throw new NodeError(`node "${from.node}" has failed: nothing runs there`, 'Conflict');
  const { target, port: given } = splitPort(req.to);
  const to = await resolveEndpoint(cluster, target);
  const wanted = req.protocol;
  const known = to.ports?.find((p) => !wanted || p.protocol === wanted);
  const port = given ?? known?.port;
  const protocol: Protocol = port === undefined ? 'icmp' : (wanted ?? (known?.protocol === 'udp' ? 'udp' : 'tcp'));
  const t = await trace(from.netns, to.ip, protocol, port ?? 0);
  const namespaces = sandboxNames(cluster);
  let text = formatTrace(t);
  for (const [id, pod] of Object.entries(namespaces)) text = text.replaceAll(`[${id}]`, `[pod ${pod} (sandbox ${id.slice(0, 13)})]`).replaceAll(` in ${id}\n`, ` in pod ${pod}\n`);
  return { from: strip(from), to: { ...strip(to), port }, trace: t, namespaces, text };
}
