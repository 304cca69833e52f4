// `kubelab up`: starts a whole cluster in this process — store, API server, controller manager,
// scheduler, DNS and node machines with their kube-proxies — keeps the store in --data-dir, serves
// the API, etcd's JSON API and every NodePort on loopback ports, writes a kubeconfig and runs until
// interrupted.
import { resolve } from 'node:path';
import { Cluster } from '../../cluster/cluster.js';
import { newAdminHandler, withAdminAPI } from '../../cluster/admin-api.js';
import { exposeNodePorts } from '../../host/node-port-exposer.js';
import { FileLogStorage } from '../../host/etcd-file-storage.js';
import { serve, type ServedHandler } from '../../host/http-server.js';
import { clearClusterState, defaultDataDir, writeClusterState } from '../../host/cluster-state.js';
import { RealClock } from '../../util/clock.js';
import { parseFlags, portFlag } from './flags.js';

export const upUsage = `Usage: kubelab up [--nodes N] [--proxy-mode iptables|userspace] [--network routing|overlay] [--data-dir DIR] [--port N] [--etcd-port N] [--service-cluster-ip-range CIDR] [--service-node-port-range A-B]
`;

export interface UpIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** untilStopped resolves when the user asks the cluster to stop (Ctrl-C). */
  untilStopped: Promise<void>;
}

export async function up(argv: string[], io: UpIO): Promise<number> {
  const flags = parseFlags(argv, { values: ['data-dir', 'port', 'etcd-port', 'service-cluster-ip-range', 'service-node-port-range', 'address', 'nodes', 'proxy-mode', 'network'] });
  const nodes = Number(flags.values.get('nodes') ?? '3');
  if (!Number.isInteger(nodes) || nodes < 0 || nodes > 1000) throw new Error(`invalid value "${flags.values.get('nodes')}" for --nodes: must be a whole number from 0 to 1000`);
  const proxyMode = flags.values.get('proxy-mode') ?? 'iptables';
  if (proxyMode !== 'iptables' && proxyMode !== 'userspace') throw new Error(`invalid value "${proxyMode}" for --proxy-mode: must be iptables or userspace`);
  const network = flags.values.get('network') ?? 'routing';
  if (network !== 'routing' && network !== 'overlay') throw new Error(`invalid value "${network}" for --network: must be routing or overlay`);
  const dataDir = resolve(flags.values.get('data-dir') ?? defaultDataDir);
  const host = flags.values.get('address') ?? '127.0.0.1';
  const wantedPort = portFlag(flags, 'port', 8080);
  const etcdPort = portFlag(flags, 'etcd-port', 2379);

  const persistence = new FileLogStorage(resolve(dataDir, 'etcd'));
  const clock = new RealClock();
  // The engine's timers do not hold the process open (RealClock unrefs them); `up` itself must stay
  // alive while the cluster starts, before any port listens.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const cluster = await Cluster.start({
    clock,
    nodes,
    proxyMode,
    network,
    persistence,
    serviceCIDR: flags.values.get('service-cluster-ip-range'),
    nodePortRange: flags.values.get('service-node-port-range'),
    onError: (component, err) => io.stderr(`${component}: ${(err as Error)?.message ?? String(err)}\n`),
  });
  const plane = cluster.plane;
  for (const problem of plane.recovery.problems) io.stderr(`etcd: recovered from a damaged log: ${problem}\n`);

  let apiServer: ServedHandler | undefined;
  let etcdServer: ServedHandler | undefined;
  // The admin API (kubelab status|down|node|ssh|trace) shares the API server's port under /kubelab/v1/.
  let requestStop!: () => void;
  const stopRequested = new Promise<void>((r) => (requestStop = r));
  const info = { dataDir, pid: process.pid, startedAt: new Date().toISOString() };
  const admin = newAdminHandler(cluster, { info: () => ({ ...info, apiURL: apiServer?.url, etcdURL: etcdServer?.url }), shutdown: () => requestStop() });
  try {
    apiServer = await serve(withAdminAPI(plane.apiserver.handler, admin), { port: wantedPort, host });
    etcdServer = await serve(plane.etcdGateway, { port: etcdPort, host });
  } catch (err) {
    await apiServer?.close();
    await cluster.stop();
    const e = err as NodeJS.ErrnoException & { port?: number };
    io.stderr(e.code === 'EADDRINUSE' ? `kubelab: port ${e.port ?? ''} is already in use; choose another with --port / --etcd-port\n` : `kubelab: ${e.message}\n`);
    return 1;
  }
  const apiURL = apiServer.url;
  const etcdURL = etcdServer.url;
  const kubeconfig = await writeClusterState(dataDir, { apiURL, etcdURL, pid: process.pid, startedAt: info.startedAt });

  io.stdout(`Kubernetes API server is running at ${apiURL}\n`);
  io.stdout(`etcd is serving clients at ${etcdURL}\n`);
  io.stdout(`kubeconfig written to ${kubeconfig}\n`);
  io.stdout(`Try: npx kubelab kubectl get namespaces   (or: kubectl --kubeconfig ${kubeconfig} get namespaces)\n`);
  io.stdout(`Nodes: ${[...cluster.nodes.keys()].join(', ') || 'none'} (network ${network}, kube-proxy ${proxyMode} mode)\n`);
  io.stdout('Press Ctrl-C to stop.\n');

  const exposing = new AbortController();
  const firstNode = [...cluster.nodes.values()][0];
  const exposer = firstNode
    ? exposeNodePorts({ client: cluster.client, clock, node: { netns: firstNode.machine.host, ip: firstNode.machine.ip }, listenHost: host, log: io.stdout }, exposing.signal)
    : Promise.resolve();

  await Promise.race([io.untilStopped, stopRequested]);
  exposing.abort();
  await exposer;
  io.stdout('Stopping…\n');
  await Promise.all([apiServer.close(), etcdServer.close()]);
  await cluster.stop();
  await clearClusterState(dataDir);
  clearInterval(keepAlive);
  return 0;
}
