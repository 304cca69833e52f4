// `kubelab node add|remove|fail|recover NAME` and `kubelab node list`: machines joining, dying,
// coming back and leaving a running cluster.
import { adminJSON } from '../../host/admin-client.js';
import type { ClusterStatus } from '../../cluster/status.js';
import { connect, reportAdminError, wantsHelp, type CommandIO } from './admin.js';
import { parseFlags } from './flags.js';

export const nodeUsage = `Manage the node machines of the running cluster.

Commands:
  list             the machines, their IPs, pod CIDRs and node status
  add NAME         start a new machine with a kubelet and a kube-proxy; it registers itself
  fail NAME        power the machine off: its kubelet stops posting status, kube-proxy stops,
                   its containers die and its links go down. After the node monitor grace period
                   (40s) the node controller marks it Unknown and taints it unreachable; its pods
                   are evicted after their toleration (300s) and controllers replace them.
  recover NAME     power a failed machine back on: links up, kubelet and kube-proxy start again
  remove NAME      delete the Node and unplug the machine (its pods are deleted as orphans)

Options:
  --data-dir DIR   the cluster's data directory (default $KUBELAB_DATA_DIR or ./.kubelab)

Usage:
  kubelab node list|add|fail|recover|remove [NAME] [--data-dir DIR]
`;

export async function node(argv: string[], io: CommandIO): Promise<number> {
  if (wantsHelp(argv)) return io.stdout(nodeUsage), 0;
  const flags = parseFlags(argv, { values: ['data-dir'] });
  const [verb, name, ...extra] = flags.positional;
  const verbs = ['list', 'ls', 'add', 'fail', 'recover', 'remove', 'rm'];
  if (!verb || !verbs.includes(verb)) {
    io.stderr(`${verb ? `kubelab node: unknown command "${verb}"\n` : ''}${nodeUsage}`);
    return 2;
  }
  if (verb !== 'list' && verb !== 'ls' && !name) throw new Error(`kubelab node ${verb} needs a node name\nSee 'kubelab node --help'.`);
  if (extra.length) throw new Error(`unexpected argument "${extra[0]}"\nSee 'kubelab node --help'.`);
  const cluster = await connect(flags, io);
  const path = `/nodes/${encodeURIComponent(name ?? '')}`;
  try {
    switch (verb) {
      case 'list':
      case 'ls': {
        const s = await adminJSON<ClusterStatus>(cluster, 'GET', '/status');
        const rows = [['NAME', 'IP', 'POD CIDR', 'MACHINE', 'STATUS'], ...s.nodes.map((n) => [n.name, n.ip, n.podCIDR || '<pending>', n.machine, n.ready])];
        const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
        io.stdout(rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]! + 3) : c)).join('') + '\n').join(''));
        return 0;
      }
      case 'add': {
        const n = await adminJSON<{ name: string; ip: string; podCIDR: string }>(cluster, 'POST', '/nodes', { name });
        io.stdout(`node/${n.name} added (IP ${n.ip}${n.podCIDR ? `, pod CIDR ${n.podCIDR}` : ''}); its kubelet is registering\n`);
        return 0;
      }
      case 'fail':
        await adminJSON(cluster, 'POST', `${path}/fail`);
        io.stdout(`node/${name} failed: machine powered off (kubelet and kube-proxy stopped, links down)\n`);
        io.stdout(`Watch it: kubelab kubectl get nodes -w   (Unknown after ~40s; pods evicted after 300s)\n`);
        return 0;
      case 'recover':
        await adminJSON(cluster, 'POST', `${path}/recover`);
        io.stdout(`node/${name} recovered: machine powered on, kubelet and kube-proxy starting\n`);
        return 0;
      default:
        await adminJSON(cluster, 'DELETE', path);
        io.stdout(`node/${name} removed\n`);
        return 0;
    }
  } catch (err) {
    return reportAdminError(err, io);
  }
}
