// `kubelab status`: what runs where in a Kubelab cluster — the control-plane components on the
// master machine, each node machine with its IP, pod CIDR and agents, the network and proxy modes
// — and the text printer for it. (Like `minikube status` / `kind get nodes`; no upstream twin.)
import type { Node } from '../api/core/v1/types.js';
import type { Cluster } from './cluster.js';
import { dnsServiceIP } from './addons.js';

/** ClusterInfo is what only the hosting process knows. */
export interface ClusterInfo {
  apiURL?: string;
  etcdURL?: string;
  dataDir?: string;
  pid?: number;
  startedAt?: string;
}

export interface ComponentStatus {
  name: string;
  machine: string;
  state: 'Running' | 'Stopped';
}

export interface NodeStatus {
  name: string;
  ip: string;
  podCIDR: string;
  /** machine is Running or Failed (kubelab node fail). */
  machine: 'Running' | 'Failed';
  /** ready is the Node's Ready condition as the API server has it. */
  ready: string;
  /** pid is the machine's OS process when each machine runs in its own (kubelab up --processes). */
  pid?: number;
}

export interface ClusterStatus extends ClusterInfo {
  kind: 'ClusterStatus';
  network: string;
  proxyMode: string;
  podNetwork: string;
  serviceCIDR: string;
  clusterDNS: string;
  master: { name: string; ip: string };
  components: ComponentStatus[];
  nodes: NodeStatus[];
}

/** clusterStatus reads the cluster's machines and, from the API, each node's Ready condition. */
export async function clusterStatus(cluster: Cluster, info: ClusterInfo = {}): Promise<ClusterStatus> {
  const apiNodes = new Map<string, Node>();
  for (const n of (await cluster.client.coreV1().nodes().list()).items as Node[]) apiNodes.set(n.metadata.name ?? '', n);
  const master = cluster.master;
  const components: ComponentStatus[] = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((name) => ({ name, machine: master.name, state: 'Running' }));
  const nodes: NodeStatus[] = [];
  for (const node of cluster.nodes.values()) {
    const state = node.failed ? 'Stopped' : 'Running';
    components.push({ name: 'kubelet', machine: node.name, state }, { name: 'kube-proxy', machine: node.name, state });
    nodes.push({
      name: node.name,
      ip: node.machine.ip,
      podCIDR: node.machine.podCidr ?? apiNodes.get(node.name)?.spec?.podCIDR ?? '',
      machine: node.failed ? 'Failed' : 'Running',
      ready: nodeReady(apiNodes.get(node.name)),
    });
  }
  return {
    kind: 'ClusterStatus',
    ...info,
    network: cluster.network.mode,
    proxyMode: cluster.options.proxyMode ?? 'iptables',
    podNetwork: cluster.network.podNetwork,
    serviceCIDR: cluster.options.serviceCIDR ?? '10.254.0.0/16',
    clusterDNS: dnsServiceIP,
    master: { name: master.name, ip: master.ip },
    components,
    nodes,
  };
}

/** nodeReady words a Node's Ready condition for the status table. */
export function nodeReady(node: Node | undefined): string {
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : ready === 'Unknown' ? 'Unknown' : 'NotRegistered';
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]! + 3) : c)).join('').trimEnd() + '\n').join('');
}

/** formatStatus prints the status for a terminal. */
export function formatStatus(s: ClusterStatus): string {
  const lines: string[] = [];
  lines.push(`Kubernetes API server: ${s.apiURL ?? '(in process)'}`);
  lines.push(`etcd:                  ${s.etcdURL ?? '(in process)'}`);
  if (s.dataDir) lines.push(`data directory:        ${s.dataDir}`);
  if (s.pid) lines.push(`process:               ${s.pid}${s.startedAt ? ` (started ${s.startedAt})` : ''}`);
  lines.push(`pod network:           ${s.podNetwork} (${s.network === 'overlay' ? 'overlay: flannel VXLAN' : 'routing: host-gw routes'})`);
  lines.push(`service CIDR:          ${s.serviceCIDR} (cluster DNS ${s.clusterDNS})`);
  lines.push(`kube-proxy mode:       ${s.proxyMode}`);
  const out = lines.join('\n') + '\n\n';
  const machines = [['MACHINE', 'ROLE', 'IP', 'POD CIDR', 'STATE', 'NODE STATUS'], [s.master.name, 'master', s.master.ip, '', 'Running', '']];
  for (const n of s.nodes) machines.push([n.name, 'node', n.ip, n.podCIDR || '<pending>', n.machine, n.ready]);
  // With one process per machine, each machine's process is worth seeing (and what `node fail` kills).
  if (s.nodes.some((n) => n.pid !== undefined)) {
    machines[0]!.push('PID');
    machines[1]!.push(String(s.pid ?? ''));
    s.nodes.forEach((n, i) => machines[i + 2]!.push(n.machine === 'Running' ? String(n.pid ?? '') : '-'));
  }
  const components = [['COMPONENT', 'MACHINE', 'STATE'], ...s.components.map((c) => [c.name, c.machine, c.state])];
  return out + table(machines) + '\n' + table(components);
}
