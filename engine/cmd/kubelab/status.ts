// `kubelab status`: the running cluster's machines, components, modes and endpoints.
import { adminJSON } from '../../host/admin-client.js';
import { formatStatus, type ClusterStatus } from '../../cluster/status.js';
import { connect, parseWithOutput, reportAdminError, wantsHelp, type CommandIO } from './admin.js';

export const statusUsage = `Show the running cluster: the API server and etcd URLs, the data directory, the pod network
and kube-proxy modes, every machine with its IP and pod CIDR, and the components on each.

Options:
  --data-dir DIR   the cluster's data directory (default $KUBELAB_DATA_DIR or ./.kubelab)
  -o, --output     json for the structured form

Usage:
  kubelab status [-o json] [--data-dir DIR]
`;

export async function status(argv: string[], io: CommandIO): Promise<number> {
  if (wantsHelp(argv)) return io.stdout(statusUsage), 0;
  const flags = parseWithOutput(argv, { values: ['data-dir', 'output'] });
  const output = flags.values.get('output');
  if (output !== undefined && output !== 'json') throw new Error(`unable to match a printer suitable for the output format "${output}", allowed formats are: json`);
  const cluster = await connect(flags, io);
  try {
    const s = await adminJSON<ClusterStatus>(cluster, 'GET', '/status');
    io.stdout(output === 'json' ? JSON.stringify(s, null, 2) + '\n' : formatStatus(s));
    return 0;
  } catch (err) {
    return reportAdminError(err, io);
  }
}
