// The master's side of `kubelab up --processes` (kubeadm init's role, with the joins started here):
// the underlay the node processes dial (TCP, or HTTP where raw TCP between processes is not
// available), the node processes themselves, the kubelet client that reaches their kubelet servers,
// and the admin API that knows them. The master process keeps the store, the API server, the
// controller manager, the scheduler and the master machine.
import type { ClusterOptions, Cluster } from '../../cluster/cluster.js';
import { machineNetwork, nodeIP } from '../../cluster/cluster.js';
import type { AdminOptions, FetchHandler } from '../../cluster/admin-api.js';
import { newProcessAdminHandler } from '../../cluster/process-admin.js';
import { NodeProcesses } from '../../host/node-processes.js';
import { RemoteKubeletConnection } from '../../host/remote-kubelet.js';
import { listenHttpUnderlay } from '../../host/underlay-http.js';
import { listenTcpUnderlay, type UnderlayListener } from '../../host/underlay-tcp.js';
import { formatCIDR, mustParseCIDR } from '../../net/ip/addr.js';
import { ReplicatedLeaseStore } from '../../net/link/replicated-lease-store.js';
import { StreamUnderlay } from '../../net/link/stream-underlay.js';
import type { PodNetworkMode } from '../../net/network.js';
import type { Node } from '../../api/core/v1/types.js';
import { nodeReady } from '../../cluster/status.js';
import type { Clock } from '../../util/clock.js';

export interface ProcessModeOptions {
  underlay: 'tcp' | 'http';
  network: PodNetworkMode;
  proxyMode: 'iptables' | 'userspace';
  nodes: number;
  /** host is the loopback address every port listens on. */
  host: string;
  serviceCIDR?: string;
  kubeletFlags: string[];
  /** command runs kubelab in a new process (the node processes run `kubelab join`). */
  command: string[];
  clock: Clock;
  log: (line: string) => void;
}

export interface ProcessMode {
  /** clusterOptions make the master's Cluster use the underlay and reach the remote kubelets. */
  clusterOptions: Pick<ClusterOptions, 'underlay' | 'leaseStore' | 'nodeConnection'>;
  table: NodeProcesses;
  underlayURL: string;
  adminHandler(cluster: Cluster, options: AdminOptions): FetchHandler;
  /** startNodes starts every node process against the API server at apiURL. */
  startNodes(apiURL: string): Promise<void>;
  /** waitReady waits until every node is Ready; it returns those that are not after timeoutMs. */
  waitReady(cluster: Cluster, timeoutMs: number): Promise<string[]>;
  stop(): Promise<void>;
}

/** podSubnet is the index-th /24 of the pod network: node i's pod CIDR, as one process hands them out. */
export function podSubnet(podNetwork: string, index: number): string {
  const net = mustParseCIDR(podNetwork);
  return formatCIDR({ addr: (net.addr + index * 256) >>> 0, bits: 24 });
}

export async function startProcessMode(o: ProcessModeOptions): Promise<ProcessMode> {
  const { machineBits, podNetwork } = machineNetwork(o.nodes);
  let stopping = false;
  // A link lost while the cluster stops is the shutdown itself, not news.
  const underlay = new StreamUnderlay({ name: 'master', clock: o.clock, log: (line) => void (stopping || o.log(`${line}\n`)) });
  const listener: UnderlayListener = o.underlay === 'tcp' ? await listenTcpUnderlay(underlay, { host: o.host }) : await listenHttpUnderlay(underlay, { host: o.host });
  const underlayURL = `${o.underlay}://${o.host}:${listener.port}`;
  let apiURL = '';
  const table = new NodeProcesses({
    command: o.command,
    address: (i) => ({ ip: `${nodeIP(i)}/${machineBits}`, podCIDR: o.network === 'routing' ? podSubnet(podNetwork, i) : undefined }),
    joinFlags: () => [
      '--server', apiURL, '--underlay', underlayURL, '--network', o.network, '--pod-network', podNetwork, '--proxy-mode', o.proxyMode,
      ...(o.serviceCIDR ? ['--service-cluster-ip-range', o.serviceCIDR] : []), '--address', o.host, '--', ...o.kubeletFlags,
    ],
    podCIDROf: (ip) => underlay.directory.lookup(ip)?.podCidr,
    log: o.log,
    clock: o.clock,
  });
  const nodeConnection = new RemoteKubeletConnection((name) => {
    const n = table.get(name);
    return n && { url: n.url, ip: n.ip };
  });
  return {
    clusterOptions: { underlay, leaseStore: o.network === 'overlay' ? new ReplicatedLeaseStore(underlay) : undefined, nodeConnection },
    table,
    underlayURL,
    adminHandler: (cluster, options) => newProcessAdminHandler(cluster, table, options),
    async startNodes(url) {
      apiURL = url;
      const names = Array.from({ length: o.nodes }, (_, i) => `node-${i + 1}`);
      // add takes each node's address before it awaits, so node-i gets the i-th address.
      await Promise.all(names.map((name) => table.add(name)));
    },
    async waitReady(cluster, timeoutMs) {
      const deadline = o.clock.now() + timeoutMs;
      for (;;) {
        const nodes = (await cluster.client.coreV1().nodes().list()).items as Node[];
        const notReady = table.list().map((n) => n.name).filter((name) => nodeReady(nodes.find((n) => n.metadata.name === name)) !== 'Ready');
        if (notReady.length === 0 || o.clock.now() >= deadline) return notReady;
        await o.clock.sleep(250);
      }
    },
    async stop() {
      stopping = true;
      await table.stopAll();
      underlay.close();
      await listener.close();
    },
  };
}
