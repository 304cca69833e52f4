// `kubelab trace FROM TO[:PORT]`: the path of one connection, hop by hop, with every netfilter
// rule it matched, the NAT applied and any encapsulation — printed, or as JSON for drawing.
import { adminJSON } from '../../host/admin-client.js';
import type { TraceResult } from '../../cluster/trace-target.js';
import { connect, parseWithOutput, reportAdminError, wantsHelp, type CommandIO } from './admin.js';

export const traceUsage = `Trace a connection through the cluster's virtual network without sending it: a dry-run probe
(TCP SYN, UDP datagram, or ICMP echo when no port is known) from FROM to TO, showing every
interface, routing decision, netfilter rule matched (table, chain, rule), NAT and encapsulation.

FROM and TO may be:
  NS/NAME or pod/NS/NAME    a pod (NAME alone: a pod in "default", unless a node has that name)
  node/NAME or NAME         a node machine (or "master")
  svc/NS/NAME               a service's ClusterIP (TO only); its first port unless :PORT is given
  IP                        any address (a ClusterIP, a pod IP, a node IP)

Examples:
  kubelab trace default/client svc/default/frontend
  kubelab trace node-1 10.254.0.10:53 --protocol udp
  kubelab trace default/client default/web:80 -o json

Options:
  --protocol tcp|udp   the probe's protocol (default: the port's, else tcp)
  -o, --output json    the structured trace
  --data-dir DIR       the cluster's data directory (default $KUBELAB_DATA_DIR or ./.kubelab)

Usage:
  kubelab trace FROM TO[:PORT] [--protocol tcp|udp] [-o json] [--data-dir DIR]
`;

export async function trace(argv: string[], io: CommandIO): Promise<number> {
  if (wantsHelp(argv)) return io.stdout(traceUsage), 0;
  const flags = parseWithOutput(argv, { values: ['data-dir', 'output', 'protocol'] });
  const [from, to, ...extra] = flags.positional;
  if (!from || !to || extra.length) {
    io.stderr(`kubelab trace: need exactly FROM and TO\nSee 'kubelab trace --help'.\n`);
    return 2;
  }
  const protocol = flags.values.get('protocol');
  if (protocol !== undefined && protocol !== 'tcp' && protocol !== 'udp') throw new Error(`invalid value "${protocol}" for --protocol: must be tcp or udp`);
  const output = flags.values.get('output');
  if (output !== undefined && output !== 'json') throw new Error(`unable to match a printer suitable for the output format "${output}", allowed formats are: json`);
  const cluster = await connect(flags, io);
  try {
    const r = await adminJSON<TraceResult>(cluster, 'POST', '/trace', { from, to, protocol });
    if (output === 'json') io.stdout(JSON.stringify(r, null, 2) + '\n');
    else {
      const where = (e: TraceResult['from']) => `${e.kind} ${e.name} (${e.ip}${e.node && e.kind === 'pod' ? ` on ${e.node}` : ''})`;
      io.stdout(`from ${where(r.from)}\nto   ${where(r.to)}\n${r.text}`);
    }
    return 0;
  } catch (err) {
    return reportAdminError(err, io);
  }
}
