// `kubelab down`: asks the running `kubelab up` to stop (admin API, else SIGTERM to its pid) and
// waits until the process has exited and the store is closed.
import { adminFetch, processAlive, waitForExit } from '../../host/admin-client.js';
import { parseDuration } from '../kubelet.js';
import { connect, wantsHelp, type CommandIO } from './admin.js';
import { parseFlags } from './flags.js';

export const downUsage = `Stop the cluster that "kubelab up" runs: components stop in order, the store is flushed to the
data directory (the next "kubelab up" resumes from it), and the process exits.

Options:
  --data-dir DIR   the cluster's data directory (default $KUBELAB_DATA_DIR or ./.kubelab)
  --timeout 60s    how long to wait before giving up

Usage:
  kubelab down [--timeout 60s] [--data-dir DIR]
`;

export async function down(argv: string[], io: CommandIO): Promise<number> {
  if (wantsHelp(argv)) return io.stdout(downUsage), 0;
  const flags = parseFlags(argv, { values: ['data-dir', 'timeout'] });
  const timeout = parseDuration(flags.values.get('timeout') ?? '60s');
  const cluster = await connect(flags, io);
  const { pid } = cluster.state;
  io.stdout(`Stopping the cluster in ${cluster.dataDir} (pid ${pid})…\n`);
  try {
    await adminFetch(cluster, 'POST', '/shutdown');
  } catch {
    // An older or wedged process: fall back to the signal Ctrl-C sends.
    if (processAlive(pid)) process.kill(pid, 'SIGTERM');
  }
  if (!(await waitForExit(pid, timeout))) {
    io.stderr(`kubelab: the cluster (pid ${pid}) did not stop within ${flags.values.get('timeout') ?? '60s'}\n`);
    return 1;
  }
  io.stdout('Cluster stopped.\n');
  return 0;
}
