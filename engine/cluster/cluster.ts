// A whole Kubelab cluster in one process: the store and API server, the controller manager, the
// scheduler, DNS and LoadBalancer add-ons, and N node machines on the virtual dataplane, each with
// its kube-proxy and kubelet. Web-standard only: `kubelab up`, the browser worker and tests all use
// it. (kwok's cluster bring-up plays the same role for its simulated nodes.)
import { newForTransport, type Clientset } from '../client/kubernetes/clientset.js';
import { runKubeScheduler } from '../cmd/kube-scheduler.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import { startControlPlane, type ControlPlane } from '../controlplane/instance.js';
import { ControllerManager } from '../controller/manager/controllermanager.js';
import type { KubeControllerManagerOptions } from '../controller/manager/options.js';
import type { LogStorage } from '../etcd/wal/log-storage.js';
import type { Machine } from '../net/machine.js';
import { Network, type PodNetworkMode } from '../net/network.js';
import { newSharedProxyInformers, type ProxyServer } from '../proxy/server.js';
import type { Underlay } from '../net/link/underlay.js';
import type { LeaseStore } from '../net/overlay/flannel.js';
import type { SharedInformerFactory } from '../client/informers/factory.js';
import type { Clock } from '../util/clock.js';
import { dnsServiceIP, startLoadBalancerController } from './addons.js';
import { waitForNodesReady, type ClusterProgress } from './boot-progress.js';
import { startInClusterAddons, type InClusterAddons } from './incluster-addons.js';
import { EtcdLeaseStore } from './etcd-lease-store.js';
import { failNode, recoverNode, removeNode } from './node-power.js';
import { ClusterNodeConnection } from './node-connections.js';
import { startKubelet, startKubeProxy } from './node-components.js';

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
  /** underlay joins the machines (default: in memory); with machines in other processes, leaseStore and nodeConnection reach them too. */
  underlay?: Underlay;
  leaseStore?: LeaseStore;
  nodeConnection?: ClusterNodeConnection;
  /**
   * onProgress hears each start-up step as it begins and ends; steps that end after start returned
   * (DNS when start waits for the nodes only, the controllers' election) are reported when they do.
   */
  onProgress?: (p: ClusterProgress) => void;
  /**
   * ready is what start waits for before it returns: 'dns' (the default) until kube-dns answers from
   * a node; 'nodes' until every node's kubelet posted Ready, leaving DNS to come up right after.
   */
  ready?: 'dns' | 'nodes';
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

/** NODES_READY_TIMEOUT_MS bounds how long start waits for the nodes to be Ready (clock time). */
export const NODES_READY_TIMEOUT_MS = 60_000;

const PROXY_SYNC_TIMEOUT_MS = 5_000;
const PROXY_SYNC_POLL_MS = 10;

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
  /** addonsApplied settles once the API server is served on the master and the DNS add-on applied. */
  private addonsApplied: Promise<void> = Promise.resolve();
  /** proxyInformers is the services and endpoints cache every node's kube-proxy shares. */
  private proxyInformers?: SharedInformerFactory;

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

  /**
   * start brings the control plane up, then the add-ons and the nodes (each node's kube-proxy, then
   * its kubelet), and waits for DNS (or for the nodes: options.ready), reporting each step to
   * options.onProgress as it begins and ends.
   */
  static async start(options: ClusterOptions): Promise<Cluster> {
    const { clock } = options;
    const progress = options.onProgress ?? (() => undefined);
    const nodeConnection = options.nodeConnection ?? new ClusterNodeConnection();
    progress({ step: 'storage', state: 'active' });
    const plane = await startControlPlane({
      nodeConnection,
      clock,
      persistence: options.persistence,
      serviceCIDR: options.serviceCIDR,
      nodePortRange: options.nodePortRange,
      advertiseAddress: masterIP,
      port: 6443,
      onStoreOpened: (r) => {
        // A new store replays nothing; the bootstrap's own writes come after recovery.
        const restored = r.recordsReplayed > 0 || r.snapshotIndex > 0;
        progress({ step: 'storage', state: 'done', detail: restored ? `replayed ${r.recordsReplayed} log records` : 'new cluster' });
        progress({ step: 'api-server', state: 'active' });
      },
    });
    progress({ step: 'api-server', state: 'done', detail: `${masterIP}:6443` });
    const mode = options.network ?? 'routing';
    const { machineBits, podNetwork } = machineNetwork(options.nodes ?? 3);
    const leases = mode === 'overlay' && !options.leaseStore ? new EtcdLeaseStore(plane.store, podNetwork) : undefined;
    const network = new Network({ clock, mode, seed: options.seed, serviceCidr: options.serviceCIDR, leaseStore: options.leaseStore ?? leases, podNetwork, underlay: options.underlay });
    const master = network.addMachine({ name: 'master', ip: `${masterIP}/${machineBits}`, role: 'master' });
    const cluster = new Cluster(options, plane, network, master, leases);
    nodeConnection.cluster = cluster;
    // The nodes' kube-proxies share one services and endpoints cache: fill it while the rest starts.
    cluster.proxyInformers = newSharedProxyInformers(cluster.client, clock, cluster.abort.signal);
    await cluster.startControlPlaneComponents(progress);
    // The first node's kube-proxy syncs while the add-ons are applied; kubelets start after both.
    const addons = startInClusterAddons(cluster);
    cluster.addonsApplied = addons.then(
      () => undefined,
      () => undefined,
    );
    const names = Array.from({ length: options.nodes ?? 3 }, (_, i) => `node-${i + 1}` as const);
    const nodesReady = cluster.watchNodesReady(names, plane.recovery.revision, progress);
    for (const name of names) {
      progress({ step: name, state: 'active' });
      await cluster.addNode(name);
    }
    cluster.inCluster = await addons;
    progress({ step: 'dns', state: 'active' });
    const dns = cluster.inCluster.waitForDNS().then((ok) => {
      if (!cluster.abort.signal.aborted) progress({ step: 'dns', state: ok ? 'done' : 'failed', detail: `kube-dns ${dnsServiceIP}` });
    });
    if (options.ready === 'nodes') cluster.running.push(dns);
    else await dns;
    // With another node agent the nodes may never post Ready; waiting for them is the kubelets' job.
    if (options.ready === 'nodes' && !options.nodeAgent) await nodesReady;
    else cluster.running.push(nodesReady);
    return cluster;
  }

  /**
   * componentIdentity names a control-plane component in leader election as upstream does,
   * hostname_id, but with the machine's own id in place of a per-process one: the master's id is the
   * cluster's (the kube-system namespace's uid), so a master restarted on the same store — a reloaded
   * lab — finds its own lock and takes it over at once instead of waiting out the lease.
   */
  private async componentIdentity(): Promise<string> {
    const ns = await this.client.coreV1().namespaces().get('kube-system');
    return `${this.master.name}_${ns.metadata.uid}`;
  }

  private async startControlPlaneComponents(progress: (p: ClusterProgress) => void): Promise<void> {
    const { clock } = this.options;
    const signal = this.abort.signal;
    const report = (component: string) => (err: unknown) => this.options.onError?.(component, err);
    const identity = await this.componentIdentity();
    progress({ step: 'controllers', state: 'active' });
    const manager = new ControllerManager({
      transport: this.plane.transport,
      clock,
      options: { identity, ...this.options.controllerManager, rootCA: this.plane.rootCA },
      onError: report('kube-controller-manager'),
      onStartedLeading: () => progress({ step: 'controllers', state: 'done', detail: 'leading' }),
    });
    this.running.push(manager.run(signal).catch(report('kube-controller-manager')));
    progress({ step: 'scheduler', state: 'active' });
    this.running.push(
      runKubeScheduler([], {
        transport: this.plane.transport,
        clock,
        identity,
        readFile: async (path) => {
          throw new Error(`open ${path}: no such file or directory`);
        },
        stderr: (s) => report('kube-scheduler')(new Error(s)),
        signal,
        onRunning: () => progress({ step: 'scheduler', state: 'done' }),
      }).catch(report('kube-scheduler')),
    );
    const pool = this.options.loadBalancerPool ?? '192.168.1.200-192.168.1.250';
    this.running.push(startLoadBalancerController(this.client, clock, pool, signal).catch(report('loadbalancer')));
  }

  /** watchNodesReady reports each named node's step done once its kubelet posts Ready in this boot. */
  private async watchNodesReady(names: string[], revision: number, progress: (p: ClusterProgress) => void): Promise<void> {
    const signal = this.abort.signal;
    const ready = await waitForNodesReady({
      client: this.client,
      clock: this.clock,
      names,
      revision,
      timeoutMs: NODES_READY_TIMEOUT_MS,
      signal,
      onReady: (node) => progress({ step: node.metadata.name as ClusterProgress['step'], state: 'done', detail: `${this.nodes.get(node.metadata.name ?? '')?.machine.ip ?? ''} Ready` }),
    });
    if (signal.aborted) return;
    for (const name of names) if (!ready.has(name)) progress({ step: name as ClusterProgress['step'], state: 'failed', detail: 'not Ready' });
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
    const informers = (this.proxyInformers ??= newSharedProxyInformers(this.client, this.clock, this.abort.signal));
    node.proxy = startKubeProxy({ name, machine, client: this.client, clock: this.clock, proxyMode: this.options.proxyMode, onError: this.options.onError, informers }, abort.signal);
    await this.firstProxySync(node.proxy, abort.signal);
    await this.addonsApplied;
    const start = this.options.nodeAgent ?? ((n) => this.startKubelet(node, n.signal));
    node.agent = await start({ name, machine, cluster: this, signal: abort.signal });
  }

  /**
   * firstProxySync waits (a bounded time) for kube-proxy's first rules before the kubelet starts. On
   * a booting machine the kubelet's containers take longer to come up than kube-proxy's first sync;
   * here both are instant, and a pod started first (CoreDNS after a restart) would reach for the
   * `kubernetes` service before its DNAT rule exists and wait out an ARP timeout and a back-off.
   */
  private async firstProxySync(proxy: ProxyServer, signal: AbortSignal): Promise<void> {
    const deadline = this.clock.now() + PROXY_SYNC_TIMEOUT_MS;
    while (proxy.proxier.syncCount === 0 && !signal.aborted && this.clock.now() < deadline) await this.clock.sleep(PROXY_SYNC_POLL_MS);
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
    const { kubeletFlags, onError } = this.options;
    return startKubelet({ name: node.name, machine: node.machine, clock: this.clock, kubeletFlags, onError, transport: this.plane.transport, onKubelet: (k) => void (node.kubelet = k) }, signal);
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
    await this.proxyInformers?.shutdown();
    this.inCluster?.stop();
    await Promise.allSettled(this.running);
    this.leases?.close();
    await this.plane.close();
  }
}
