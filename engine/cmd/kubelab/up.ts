// `kubelab up`: starts a whole cluster — store, API server, controller manager, scheduler, DNS and
// node machines with their kubelets and kube-proxies — in this process, or (--processes) with every
// node machine in an OS process of its own joined by a real underlay; keeps the store in
// --data-dir, serves the API, etcd's JSON API and every NodePort on loopback ports, writes a
// kubeconfig and runs until interrupted.
import { resolve } from 'node:path';
import { Cluster } from '../../cluster/cluster.js';
import type { KubeControllerManagerOptions } from '../../controller/manager/options.js';
import { newAdminHandler, withAdminAPI } from '../../cluster/admin-api.js';
import { exposeNodePorts } from '../../host/node-port-exposer.js';
import { FileLogStorage } from '../../host/etcd-file-storage.js';
import { serve, type ServedHandler } from '../../host/http-server.js';
import { clearClusterState, defaultDataDir, writeClusterState } from '../../host/cluster-state.js';
import { RealClock } from '../../util/clock.js';
import { parseDuration } from '../kubelet.js';
import { parseFlags, portFlag } from './flags.js';
import { startProcessMode, type ProcessMode } from './up-processes.js';

export { upUsage } from './up-usage.js';

/** maxProcessNodes bounds --processes: each node is an OS process with its own engine. */
const maxProcessNodes = 20;

export interface UpIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** untilStopped resolves when the user asks the cluster to stop (Ctrl-C). */
  untilStopped: Promise<void>;
  /** command runs kubelab again in a new process (for --processes), e.g. [node, bin/kubelab.mjs]. */
  command?: string[];
}

export async function up(argv: string[], io: UpIO): Promise<number> {
  const flags = parseFlags(argv, {
    values: ['data-dir', 'port', 'etcd-port', 'service-cluster-ip-range', 'service-node-port-range', 'address', 'nodes', 'proxy-mode', 'network', 'underlay', 'node-monitor-grace-period', 'node-monitor-period', 'node-status-update-frequency'],
    booleans: ['processes'],
  });
  const nodes = Number(flags.values.get('nodes') ?? '3');
  if (!Number.isInteger(nodes) || nodes < 0 || nodes > 1000) throw new Error(`invalid value "${flags.values.get('nodes')}" for --nodes: must be a whole number from 0 to 1000`);
  const proxyMode = flags.values.get('proxy-mode') ?? 'iptables';
  if (proxyMode !== 'iptables' && proxyMode !== 'userspace') throw new Error(`invalid value "${proxyMode}" for --proxy-mode: must be iptables or userspace`);
  const network = flags.values.get('network') ?? 'routing';
  if (network !== 'routing' && network !== 'overlay') throw new Error(`invalid value "${network}" for --network: must be routing or overlay`);
  const processes = flags.values.get('processes') === 'true';
  const underlay = flags.values.get('underlay') ?? 'tcp';
  if (underlay !== 'tcp' && underlay !== 'http') throw new Error(`invalid value "${underlay}" for --underlay: must be tcp or http`);
  if (flags.values.has('underlay') && !processes) throw new Error('--underlay joins node processes: use it with --processes');
  if (processes && nodes > maxProcessNodes) throw new Error(`invalid value "${nodes}" for --nodes: --processes runs one OS process per node, at most ${maxProcessNodes}`);
  if (processes && !io.command) throw new Error('--processes needs a way to start kubelab again; run it from the kubelab command');
  const duration = (name: string) => {
    const text = flags.values.get(name);
    if (text === undefined) return undefined;
    try {
      return parseDuration(text);
    } catch {
      throw new Error(`invalid value "${text}" for --${name}: must be a duration such as 40s`);
    }
  };
  // How soon a silent node turns NotReady: the controller manager's and the kubelets' flags.
  const controllerManager: Partial<KubeControllerManagerOptions> = {};
  const grace = duration('node-monitor-grace-period');
  const period = duration('node-monitor-period');
  if (grace !== undefined) controllerManager.nodeMonitorGracePeriod = grace;
  if (period !== undefined) controllerManager.nodeMonitorPeriod = period;
  const kubeletFlags = duration('node-status-update-frequency') === undefined ? [] : ['--node-status-update-frequency', flags.values.get('node-status-update-frequency')!];
  const dataDir = resolve(flags.values.get('data-dir') ?? defaultDataDir);
  const host = flags.values.get('address') ?? '127.0.0.1';
  const wantedPort = portFlag(flags, 'port', 8080);
  const etcdPort = portFlag(flags, 'etcd-port', 2379);

  const persistence = new FileLogStorage(resolve(dataDir, 'etcd'));
  const clock = new RealClock();
  const log = (s: string) => io.stderr(s);
  // The engine's timers do not hold the process open (RealClock unrefs them); `up` itself must stay
  // alive while the cluster starts, before any port listens.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const mode: ProcessMode | undefined = processes
    ? await startProcessMode({ underlay, network, proxyMode, nodes, host, serviceCIDR: flags.values.get('service-cluster-ip-range'), kubeletFlags, command: io.command!, clock, log })
    : undefined;
  const cluster = await Cluster.start({
    clock,
    // In process mode the master process holds no node machine; the node processes join below.
    nodes: mode ? 0 : nodes,
    proxyMode,
    network,
    persistence,
    serviceCIDR: flags.values.get('service-cluster-ip-range'),
    nodePortRange: flags.values.get('service-node-port-range'),
    kubeletFlags,
    controllerManager,
    onError: (component, err) => io.stderr(`${component}: ${(err as Error)?.message ?? String(err)}\n`),
    ...mode?.clusterOptions,
  });
  const plane = cluster.plane;
  for (const problem of plane.recovery.problems) io.stderr(`etcd: recovered from a damaged log: ${problem}\n`);

  let apiServer: ServedHandler | undefined;
  let etcdServer: ServedHandler | undefined;
  // The admin API (kubelab status|down|node|ssh|trace) shares the API server's port under /kubelab/v1/.
  let requestStop!: () => void;
  const stopRequested = new Promise<void>((r) => (requestStop = r));
  const info = { dataDir, pid: process.pid, startedAt: new Date().toISOString() };
  const adminOptions = { info: () => ({ ...info, apiURL: apiServer?.url, etcdURL: etcdServer?.url }), shutdown: () => requestStop() };
  const admin = mode ? mode.adminHandler(cluster, adminOptions) : newAdminHandler(cluster, adminOptions);
  const stopAll = async () => {
    await mode?.stop();
    await Promise.all([apiServer?.close(), etcdServer?.close()]);
    await cluster.stop();
  };
  try {
    apiServer = await serve(withAdminAPI(plane.apiserver.handler, admin), { port: wantedPort, host });
    etcdServer = await serve(plane.etcdGateway, { port: etcdPort, host });
  } catch (err) {
    await stopAll();
    const e = err as NodeJS.ErrnoException & { port?: number };
    io.stderr(e.code === 'EADDRINUSE' ? `kubelab: port ${e.port ?? ''} is already in use; choose another with --port / --etcd-port\n` : `kubelab: ${e.message}\n`);
    return 1;
  }
  const apiURL = apiServer.url;
  const etcdURL = etcdServer.url;
  if (mode) {
    try {
      await mode.startNodes(apiURL);
    } catch (err) {
      io.stderr(`kubelab: ${(err as Error).message}\n`);
      await stopAll();
      return 1;
    }
    const late = await mode.waitReady(cluster, 120_000);
    if (late.length) io.stderr(`kubelab: not Ready yet: ${late.join(', ')}\n`);
  }
  const kubeconfig = await writeClusterState(dataDir, { apiURL, etcdURL, pid: process.pid, startedAt: info.startedAt });

  io.stdout(`Kubernetes API server is running at ${apiURL}\n`);
  io.stdout(`etcd is serving clients at ${etcdURL}\n`);
  io.stdout(`kubeconfig written to ${kubeconfig}\n`);
  io.stdout(`Try: npx kubelab kubectl get namespaces   (or: kubectl --kubeconfig ${kubeconfig} get namespaces)\n`);
  if (mode) {
    const machines = mode.table.list().map((n) => `${n.name} (pid ${n.pid ?? '-'})`);
    io.stdout(`Nodes: ${machines.join(', ') || 'none'}, one process each, joined by the ${underlay} underlay at ${mode.underlayURL} (network ${network}, kube-proxy ${proxyMode} mode)\n`);
  } else {
    io.stdout(`Nodes: ${[...cluster.nodes.keys()].join(', ') || 'none'} (network ${network}, kube-proxy ${proxyMode} mode)\n`);
  }
  io.stdout('Press Ctrl-C to stop.\n');

  // NodePorts and the first node's hostPorts open on the host. In process mode the master machine
  // dials the first running node across the underlay, as a client outside the cluster would.
  const exposing = new AbortController();
  const firstNode = [...cluster.nodes.values()][0];
  const table = mode?.table;
  const first = table?.list()[0];
  const target = table
    ? first && { netns: cluster.master.host, name: first.name, get ip() { return (table.list().find((n) => n.state === 'Running') ?? first).ip; } }
    : firstNode && { netns: firstNode.machine.host, ip: firstNode.machine.ip };
  const exposer = target ? exposeNodePorts({ client: cluster.client, clock, node: target, listenHost: host, log: io.stdout }, exposing.signal) : Promise.resolve();

  await Promise.race([io.untilStopped, stopRequested]);
  exposing.abort();
  await exposer;
  io.stdout('Stopping…\n');
  await stopAll();
  await clearClusterState(dataDir);
  clearInterval(keepAlive);
  return 0;
}
