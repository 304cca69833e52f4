// `kubelab` in the browser lab's terminal: status, node fail/recover, ssh and trace, asked of the
// cluster's admin API in this worker — the handler `kubelab up` serves on its port, called
// in-process — and printed as the CLI prints them. up, down, kubeconfig and grade belong to the
// host's CLI and are not offered here.
import { newAdminHandler } from '../../../../engine/cluster/admin-api.js';
import type { Cluster } from '../../../../engine/cluster/cluster.js';
import { nodeShellCommands } from '../../../../engine/cluster/node-shell.js';
import { formatStatus, type ClusterStatus } from '../../../../engine/cluster/status.js';
import type { TraceResult } from '../../../../engine/cluster/trace-target.js';
import { readAllText } from '../../../../engine/shell/io.js';
import type { ShellCommand } from '../../../../engine/shell/types.js';

export const kubelabUsage = `Usage:
  kubelab status [-o json]                 the lab cluster: machines, components, modes
  kubelab node list|fail|recover NODE      the node machines; power one off and on again
  kubelab ssh NODE -- COMMAND [ARGS…]      run a tool on a node (${nodeShellCommands.join(', ')})
  kubelab trace FROM TO[:PORT] [--protocol tcp|udp] [-o json]
                                           the path of a connection, hop by hop, rule by rule
`;

/** stdinTools read their standard input; only they get the shell's. */
const stdinTools = new Set(['iptables-restore', 'nc', 'netcat']);

interface Status {
  message?: string;
  reason?: string;
}

/** kubelabCommand answers the terminal's kubelab through the cluster's admin API. */
export function kubelabCommand(cluster: () => Cluster, apiServer: string): ShellCommand {
  return async (inv) => {
    const admin = newAdminHandler(cluster(), { info: () => ({ apiURL: `${apiServer} (in this page's worker)` }) });
    const out = (s: string) => inv.stdout(s);
    const err = (s: string) => inv.stderr(s);
    const call = async (method: string, path: string, body?: unknown): Promise<Response> =>
      admin(new Request(`http://kubelab/kubelab/v1${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), signal: inv.signal }));
    /** answer prints a failed call as kubectl prints a Status, or hands back the JSON. */
    const answer = async <T>(res: Response): Promise<T | undefined> => {
      const body = (await res.json()) as T & Status;
      if (res.ok) return body;
      err(`Error from server${body.reason ? ` (${body.reason})` : ''}: ${body.message ?? res.statusText}\n`);
      return undefined;
    };
    const [sub, ...args] = inv.argv.slice(1);
    const json = args.includes('-o') && args[args.indexOf('-o') + 1] === 'json' ? true : args.includes('-ojson') || args.includes('--output=json');
    const positional = args.filter((a, i) => !a.startsWith('-') && !['-o', '--output', '--protocol'].includes(args[i - 1] ?? ''));

    switch (sub) {
      case 'status': {
        const s = await answer<ClusterStatus>(await call('GET', '/status'));
        if (!s) return 1;
        out(json ? JSON.stringify(s, null, 2) + '\n' : formatStatus(s));
        return 0;
      }
      case 'node': {
        const [action, name] = positional;
        if (action === 'list' || action === 'ls') {
          const s = await answer<ClusterStatus>(await call('GET', '/status'));
          if (!s) return 1;
          out(s.nodes.map((n) => `${n.name}\t${n.ip}\t${n.machine}\t${n.ready}\n`).join(''));
          return 0;
        }
        if ((action !== 'fail' && action !== 'recover') || !name) return err(`kubelab node: need list, or fail|recover NODE\n${kubelabUsage}`), 2;
        if (!(await answer(await call('POST', `/nodes/${encodeURIComponent(name)}/${action}`)))) return 1;
        out(`node ${name} ${action === 'fail' ? 'powered off' : 'powered on'}\n`);
        return 0;
      }
      case 'ssh': {
        const node = args[0];
        const dash = args.indexOf('--');
        const argv = dash < 0 ? args.slice(1) : args.slice(dash + 1);
        if (!node || node === '--') return err(`kubelab ssh: which node? (kubelab node list shows them)\n`), 2;
        if (argv.length === 0) return err(`kubelab ssh: the browser lab runs one command at a time: kubelab ssh ${node} -- COMMAND\n`), 2;
        const stdin = stdinTools.has(argv[0]!) && inv.stdin ? await readAllText(inv.stdin) : undefined;
        const res = await call('POST', `/nodes/${encodeURIComponent(node)}/exec`, { argv, stdin });
        if (!res.ok || !res.body) return (await answer(res), 1);
        return streamExec(res.body, out, err);
      }
      case 'trace': {
        const [from, to] = positional;
        if (!from || !to || positional.length > 2) return err(`kubelab trace: need exactly FROM and TO\n`), 2;
        const protocol = args.includes('--protocol') ? args[args.indexOf('--protocol') + 1] : undefined;
        const r = await answer<TraceResult>(await call('POST', '/trace', { from, to, protocol }));
        if (!r) return 1;
        const where = (e: TraceResult['from']) => `${e.kind} ${e.name} (${e.ip}${e.node && e.kind === 'pod' ? ` on ${e.node}` : ''})`;
        out(json ? JSON.stringify(r, null, 2) + '\n' : `from ${where(r.from)}\nto   ${where(r.to)}\n${r.text}`);
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(kubelabUsage);
        return 0;
      default:
        err(`kubelab: unknown command "${sub}" in the browser lab\n${kubelabUsage}`);
        return 2;
    }
  };
}

/** streamExec prints an exec's NDJSON lines ({stdout}, {stderr}, then {exitCode}) as they come. */
async function streamExec(body: ReadableStream<Uint8Array>, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const reader = body.getReader();
  const dec = new TextDecoder();
  let buffered = '';
  let code = 1;
  for (;;) {
    const { value, done } = await reader.read();
    buffered += value ? dec.decode(value, { stream: true }) : '';
    const lines = done ? [buffered] : buffered.split('\n');
    buffered = done ? '' : lines.pop()!;
    for (const line of lines.filter(Boolean)) {
      const m = JSON.parse(line) as { stdout?: string; stderr?: string; exitCode?: number };
      if (m.stdout !== undefined) out(m.stdout);
      if (m.stderr !== undefined) err(m.stderr);
      if (m.exitCode !== undefined) code = m.exitCode;
    }
    if (done) return code;
  }
}
