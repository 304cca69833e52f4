// `kubelab up`: starts the store and the API server (controllers and nodes join in later stages),
// keeps the store in --data-dir, serves the API and etcd's JSON API on loopback ports, writes a
// kubeconfig and runs until interrupted.
import { resolve } from 'node:path';
import { startControlPlane } from '../../controlplane/instance.js';
import { FileLogStorage } from '../../host/etcd-file-storage.js';
import { serve, type ServedHandler } from '../../host/http-server.js';
import { clearClusterState, defaultDataDir, writeClusterState } from '../../host/cluster-state.js';
import { RealClock } from '../../util/clock.js';
import { parseFlags, portFlag } from './flags.js';

export const upUsage = `Usage: kubelab up [--data-dir DIR] [--port N] [--etcd-port N] [--service-cluster-ip-range CIDR] [--service-node-port-range A-B]
`;

export interface UpIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** untilStopped resolves when the user asks the cluster to stop (Ctrl-C). */
  untilStopped: Promise<void>;
}

export async function up(argv: string[], io: UpIO): Promise<number> {
  const flags = parseFlags(argv, { values: ['data-dir', 'port', 'etcd-port', 'service-cluster-ip-range', 'service-node-port-range', 'address'] });
  const dataDir = resolve(flags.values.get('data-dir') ?? defaultDataDir);
  const host = flags.values.get('address') ?? '127.0.0.1';
  const wantedPort = portFlag(flags, 'port', 8080);
  const etcdPort = portFlag(flags, 'etcd-port', 2379);

  const persistence = new FileLogStorage(resolve(dataDir, 'etcd'));
  const plane = await startControlPlane({
    clock: new RealClock(),
    persistence,
    serviceCIDR: flags.values.get('service-cluster-ip-range'),
    nodePortRange: flags.values.get('service-node-port-range'),
    advertiseAddress: host,
    port: wantedPort,
  });
  for (const problem of plane.recovery.problems) io.stderr(`etcd: recovered from a damaged log: ${problem}\n`);

  let apiServer: ServedHandler | undefined;
  let etcdServer: ServedHandler | undefined;
  try {
    apiServer = await serve(plane.apiserver.handler, { port: wantedPort, host });
    etcdServer = await serve(plane.etcdGateway, { port: etcdPort, host });
  } catch (err) {
    await apiServer?.close();
    await plane.close();
    const e = err as NodeJS.ErrnoException & { port?: number };
    io.stderr(e.code === 'EADDRINUSE' ? `kubelab: port ${e.port ?? ''} is already in use; choose another with --port / --etcd-port\n` : `kubelab: ${e.message}\n`);
    return 1;
  }
  const apiURL = apiServer.url;
  const etcdURL = etcdServer.url;
  const kubeconfig = await writeClusterState(dataDir, { apiURL, etcdURL, pid: process.pid, startedAt: new Date().toISOString() });

  io.stdout(`Kubernetes API server is running at ${apiURL}\n`);
  io.stdout(`etcd is serving clients at ${etcdURL}\n`);
  io.stdout(`kubeconfig written to ${kubeconfig}\n`);
  io.stdout(`Try: npx kubelab kubectl get namespaces   (or: kubectl --kubeconfig ${kubeconfig} get namespaces)\n`);
  io.stdout('Press Ctrl-C to stop.\n');

  await io.untilStopped;
  io.stdout('Stopping…\n');
  await Promise.all([apiServer.close(), etcdServer.close()]);
  await plane.close();
  await clearClusterState(dataDir);
  return 0;
}
