// A whole Kubelab cluster in one process: the store and API server, the controller manager, the
// scheduler, DNS and LoadBalancer add-ons, and N node machines on the virtual dataplane, each with
// its kube-proxy and kubelet. Web-standard only: `kubelab up`, the browser worker and tests all use
// it. (kwok's cluster bring-up plays the same role for its simulated nodes.)
import { newForTransport, type Clientset } from '../client/kubernetes/clientset.js';
import { runKubeScheduler } from '../cmd/kube-scheduler.js';
import { runKubelet } from '../cmd/kubelet.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import { startControlPlane, type ControlPlane } from '../controlplane/instance.js';
import { ControllerManager } from '../controller/manager/controllermanager.js';
import type { KubeControllerManagerOptions } from '../controller/manager/options.js';
import type { LogStorage } from '../etcd/wal/log-storage.js';
import type { Machine } from '../net/machine.js';
import { Network, type PodNetworkMode } from '../net/network.js';
import { runProxyServer, type ProxyServer } from '../proxy/server.js';
import type { Clock } from '../util/clock.js';
import { dnsServiceIP, startLoadBalancerController } from './addons.js';
import { startInClusterAddons, type InClusterAddons } from './incluster-addons.js';
import { EtcdLeaseStore } from './etcd-lease-store.js';
import { failNode, recoverNode, removeNode } from './node-power.js';
import { ClusterNodeConnection } from './node-connections.js';

export interface ClusterOptions {
  clock: Clock;
  /** nodes is how many node machines to start (default 3). */
  nodes?: number;
  proxyMode?: 'iptables' | 'userspace';
  network?: PodNetworkMode;
  persistence?: LogStorage;
  serviceCIDR?: string;
  nodePortRange?: string;
  /** loadBalancerPool is what LoadBalancer services get addresses from. */
  loadBalancerPool?: string;
  /** seed makes the dataplane's random choices reproducible. */
  seed?: number;
  /** nodeAgent starts the per-node agents beyond kube-proxy; the default runs a kubelet. */
  nodeAgent?: NodeAgentFactory;
  /** kubeletFlags are passed to every node's kubelet (e.g. ["--max-pods", "20"]). */
  kubeletFlags?: string[];
  /** controllerManager overrides kube-controller-manager options (e.g. endpointUpdatesBatchPeriod). */
  controllerManager?: Partial<KubeControllerManagerOptions>;
  onError?: (component: string, err: unknown) => void;
}

/** NodeAgent is a per-node component the cluster starts and stops with its machine. */
export interface NodeAgent {
  stop(): Promise<void>;
}

export type NodeAgentFactory = (node: { name: string; machine: Machine; cluster: Cluster; signal: AbortSignal }) => Promise<NodeAgent>;

export interface ClusterNode {
  name: string;
  machine: Machine;
  proxy: ProxyServer;
  agent?: NodeAgent;
  /** kubelet is set when the default node agent runs. */
  kubelet?: Kubelet;
  abort: AbortController;
  /** failed is set while the machine is powered off (kubelab node fail). */
  failed?: boolean;
}

export const masterIP = '192.168.1.100';

/** SMALL_CLUSTER_NODES is how many nodes fit the documents' machine network, 192.168.1.0/24. */
export const SMALL_CLUSTER_NODES = 99;

/**
 * nodeIP is node i's address: 192.168.1.(100+i) as in the documents, up to node 99 (192.168.1.200–250
 * stay free for LoadBalancer addresses); a larger cluster's machine network is 192.168.0.0/16 and
 * node 100 onwards continue at 192.168.2.1, skipping .0 and .255 so every address reads as a host.
 */
export function nodeIP(i: number): string {
  if (i <= SMALL_CLUSTER_NODES) return `192.168.1.${100 + i}`;
  const j = i - SMALL_CLUSTER_NODES - 1;
  return `192.168.${2 + Math.floor(j / 254)}.${1 + (j % 254)}`;
}

/**
 * machineNetwork sizes a cluster's networks by its node count: the documents' /24 of machines and
 * 172.17.0.0/16 of pod subnets (255 nodes) for small clusters; a /16 of machines and
 * 172.16.0.0/12 of pod subnets (4,095 nodes) for large ones.
 */
export function machineNetwork(nodes: number): { machineBits: number; podNetwork: string } {
  return nodes <= SMALL_CLUSTER_NODES ? { machineBits: 24, podNetwork: '172.17.0.0/16' } : { machineBits: 16, podNetwork: '172.16.0.0/12' };
}

export class Cluster {
  readonly nodes = new Map<string, ClusterNode>();
  readonly client: Clientset;
  private readonly abort = new AbortController();
  private readonly running: Promise<unknown>[] = [];
  private inCluster?: InClusterAddons;

  private constructor(
    readonly options: ClusterOptions,
    readonly plane: ControlPlane,
    readonly network: Network,
    readonly master: Machine,
    private readonly leases?: EtcdLeaseStore,
  ) {
    this.client = newForTransport(plane.transport, 'kubelab-cluster/v1.32.0');
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** start brings the control plane up, then the add-ons, then the nodes. */
  static async start(options: ClusterOptions): Promise<Cluster> {
    const { clock } = options;
    const nodeConnection = new ClusterNodeConnection();
    const plane = await startControlPlane({
      nodeConnection,
      clock,
      persistence: options.persistence,
      serviceCIDR: options.serviceCIDR,
      nodePortRange: options.nodePortRange,
      advertiseAddress: masterIP,
      port: 6443,
    });
    const mode = options.network ?? 'routing';
    const { machineBits, podNetwork } = machineNetwork(options.nodes ?? 3);
    const leases = mode === 'overlay' ? new EtcdLeaseStore(plane.store, podNetwork) : undefined;
    const network = new Network({ clock, mode, seed: options.seed, serviceCidr: options.serviceCIDR, leaseStore: leases, podNetwork });
    const master = network.addMachine({ name: 'master', ip: `${masterIP}/${machineBits}`, role: 'master' });
    const cluster = new Cluster(options, plane, network, master, leases);
    nodeConnection.cluster = cluster;
    cluster.startControlPlaneComponents();
    cluster.inCluster = await startInClusterAddons(cluster);
    for (let i = 1; i <= (options.nodes ?? 3); i++) await cluster.addNode(`node-${i}`);
    await cluster.inCluster.waitForDNS();
    return cluster;
  }

  private startControlPlaneComponents(): void {
    const { clock } = this.options;
    const signal = this.abort.signal;
    const report = (component: string) => (err: unknown) => this.options.onError?.(component, err);
    const manager = new ControllerManager({ transport: this.plane.transport, clock, options: { ...this.options.controllerManager, rootCA: this.plane.rootCA }, onError: report('kube-controller-manager') });
    this.running.push(manager.run(signal).catch(report('kube-controller-manager')));
    this.running.push(
      runKubeScheduler([], {
        transport: this.plane.transport,
        clock,
        readFile: async (path) => {
          throw new Error(`open ${path}: no such file or directory`);
        },
        stderr: (s) => report('kube-scheduler')(new Error(s)),
        signal,
      }).catch(report('kube-scheduler')),
    );
    const pool = this.options.loadBalancerPool ?? '192.168.1.200-192.168.1.250';
    this.running.push(startLoadBalancerController(this.client, clock, pool, signal).catch(report('loadbalancer')));
  }

  /** addNode starts a machine with its kube-proxy and agents (kubelab node add). */
  async addNode(name: string): Promise<ClusterNode> {
    if (this.nodes.has(name)) throw new Error(`node ${name} already exists`);
    const index = this.nextNodeIndex();
    const machineBits = this.master.eth0.addresses[0]?.bits ?? 24;
    if (machineBits === 24 && index > SMALL_CLUSTER_NODES) throw new Error(`the machine network 192.168.1.0/24 holds ${SMALL_CLUSTER_NODES} nodes; start a cluster with more nodes to get a /16`);
    const machine = this.network.addMachine({ name, ip: `${nodeIP(index)}/${machineBits}` });
    const node = { name, machine } as ClusterNode;
    this.nodes.set(name, node);
    await this.startNodeComponents(node);
    return node;
  }

  /** startNodeComponents runs a node's kube-proxy and agents (at add, and again at recover). */
  async startNodeComponents(node: ClusterNode): Promise<void> {
    const { name, machine } = node;
    const abort = new AbortController();
    if (this.abort.signal.aborted) abort.abort();
    else this.abort.signal.addEventListener('abort', () => abort.abort(), { once: true });
    node.abort = abort;
    node.proxy = runProxyServer(
      {
        client: this.client,
        clock: this.clock,
        hostname: name,
        nodeIP: machine.ip,
        netfilter: machine.host.netfilter,
        stack: machine.host.stack,
        config: { mode: this.options.proxyMode ?? 'iptables' },
        onError: (err) => this.options.onError?.(`kube-proxy@${name}`, err),
      },
      abort.signal,
    );
    const start = this.options.nodeAgent ?? ((n) => this.startKubelet(node, n.signal));
    node.agent = await start({ name, machine, cluster: this, signal: abort.signal });
  }

  /** failNode powers a node's machine off: agents stop, containers die, links go down. */
  failNode(name: string): Promise<void> {
    return failNode(this, name);
  }

  /** recoverNode powers a failed machine back on: links up, kube-proxy and kubelet start again. */
  recoverNode(name: string): Promise<void> {
    return recoverNode(this, name);
  }

  /** removeNode deletes the Node object and unplugs the machine from the network. */
  removeNode(name: string): Promise<void> {
    return removeNode(this, name);
  }

  /** startKubelet runs the node's kubelet against the API server (the default node agent). */
  private async startKubelet(node: ClusterNode, signal: AbortSignal): Promise<NodeAgent> {
    const flags = ['--cluster-dns', dnsServiceIP, ...(this.options.kubeletFlags ?? [])];
    const done = runKubelet(flags, {
      transport: this.plane.transport,
      clock: this.clock,
      machine: node.machine,
      stderr: (s) => this.options.onError?.(`kubelet@${node.name}`, new Error(s.trimEnd())),
      signal,
      onKubelet: (k) => void (node.kubelet = k),
    }).catch((err) => this.options.onError?.(`kubelet@${node.name}`, err));
    return { stop: async () => void (await done) };
  }

  private nextNodeIndex(): number {
    const used = new Set([...this.nodes.values()].map((n) => n.machine.ip));
    let i = 1;
    while (used.has(nodeIP(i))) i++;
    return i;
  }

  /** stop ends every component and closes the store. */
  async stop(): Promise<void> {
    this.abort.abort();
    for (const node of this.nodes.values()) {
      await node.agent?.stop();
      await node.proxy.done.catch(() => undefined);
    }
    this.inCluster?.stop();
    await Promise.allSettled(this.running);
    this.leases?.close();
    await this.plane.close();
  }
}
