// `kubelab ssh NODE [-- CMD…]`: a shell on a node machine. One command runs in the node's host
// network namespace through the admin API; without a command, the engine's shell runs here with
// each node tool forwarded to the node (and grep, head, wc… local), reading a script from stdin
// or, on a terminal, one line at a time.
import { createInterface } from 'node:readline';
import { adminFetch, readNDJSON, type RunningCluster } from '../../host/admin-client.js';
import { nodeShellCommands } from '../../cluster/node-shell.js';
import { MemFileSystem } from '../../images/fs/mem-fs.js';
import { grep, wc, sort, tr, base64, seq } from '../../images/busybox/applets/text.js';
import { cat, head, tail } from '../../images/busybox/applets/files.js';
import type { Program, ProcessContext } from '../../images/types.js';
import { Shell } from '../../shell/interpreter.js';
import { readAll } from '../../shell/io.js';
import type { ShellCommand } from '../../shell/types.js';
import { connect, reportAdminError, wantsHelp, type CommandIO } from './admin.js';
import { parseFlags } from './flags.js';

export const sshUsage = `Run commands on a node machine, in its host network namespace.

Tools: ${nodeShellCommands.join(', ')}
(crictl ps [-a] | pods | images; docker ps [-a]; ip addr|link|route|netns; iptables-save; …)
Without a command: a shell (with pipes into grep, head, tail, wc, sort) — interactive on a
terminal, otherwise reading commands from standard input.

Examples:
  kubelab ssh node-1 -- crictl ps
  kubelab ssh node-1 -- iptables-save -t nat
  kubelab ssh node-2
  echo 'ip route; brctl show' | kubelab ssh node-2

Options:
  --data-dir DIR   the cluster's data directory (default $KUBELAB_DATA_DIR or ./.kubelab)

Usage:
  kubelab ssh NODE [-- COMMAND [ARGS…]]
`;

/** stdinTools read their standard input; only they get ours. */
const stdinTools = new Set(['iptables-restore', 'nc', 'netcat']);

interface Streams {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin?: string;
}

/** execRemote runs one command on the node and streams its output; resolves with its exit code. */
export async function execRemote(cluster: RunningCluster, node: string, argv: string[], out: Streams): Promise<number> {
  const res = await adminFetch(cluster, 'POST', `/nodes/${encodeURIComponent(node)}/exec`, { argv, stdin: out.stdin });
  let code = 1;
  for await (const msg of readNDJSON<{ stdout?: string; stderr?: string; exitCode?: number }>(res)) {
    if (msg.stdout !== undefined) out.stdout(msg.stdout);
    if (msg.stderr !== undefined) out.stderr(msg.stderr);
    if (msg.exitCode !== undefined) code = msg.exitCode;
  }
  return code;
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

/** localProgram runs a busybox text applet in this process for pipelines (`… | grep KUBE`). */
function localProgram(program: Program, fs: MemFileSystem): ShellCommand {
  return (inv) => program({ argv: inv.argv, env: inv.env, cwd: inv.cwd, stdin: inv.stdin, stdout: inv.stdout, stderr: inv.stderr, fs, hostname: '' } as unknown as ProcessContext);
}

function nodeShell(cluster: RunningCluster, node: string): Shell {
  const fs = new MemFileSystem();
  const local: Record<string, Program> = { grep, wc, sort, tr, base64, seq, cat, head, tail };
  return new Shell({
    fs,
    name: 'sh',
    env: { HOME: '/root', HOSTNAME: node, PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    cwd: '/root',
    commands: (name) => {
      if (local[name]) return localProgram(local[name]!, fs);
      if (!nodeShellCommands.includes(name)) return undefined;
      return async (inv) => {
        const stdin = stdinTools.has(name) && inv.stdin ? new TextDecoder().decode(await readAll(inv.stdin)) : undefined;
        try {
          return await execRemote(cluster, node, [name, ...inv.argv.slice(1)], { stdout: (s) => inv.stdout(s), stderr: (s) => inv.stderr(s), stdin });
        } catch (err) {
          inv.stderr(`${(err as Error).message}\n`);
          return 255;
        }
      };
    },
  });
}

export async function ssh(argv: string[], io: CommandIO): Promise<number> {
  if (wantsHelp(argv)) return io.stdout(sshUsage), 0;
  // Flags come before the node; everything after it (or after `--`) is the command.
  let i = 0;
  const lead: string[] = [];
  while (i < argv.length && argv[i]!.startsWith('--') && argv[i] !== '--') {
    lead.push(argv[i]!);
    if (!argv[i]!.includes('=')) lead.push(argv[++i] ?? '');
    i++;
  }
  const flags = parseFlags(lead, { values: ['data-dir'] });
  const node = argv[i] === '--' ? undefined : argv[i];
  if (!node) {
    io.stderr(`kubelab ssh: which node? (kubelab node list shows them)\nSee 'kubelab ssh --help'.\n`);
    return 2;
  }
  const command = argv.slice(argv[i + 1] === '--' ? i + 2 : i + 1);
  const cluster = await connect(flags, io);
  try {
    if (command.length > 0) {
      const stdin = stdinTools.has(command[0]!) && !process.stdin.isTTY ? await readStdin() : undefined;
      return await execRemote(cluster, node, command, { stdout: io.stdout, stderr: io.stderr, stdin });
    }
    const status = await execRemote(cluster, node, ['hostname'], { stdout: () => undefined, stderr: io.stderr });
    if (status !== 0) return status;
    return await (process.stdin.isTTY ? interactive(cluster, node, io) : script(cluster, node, io));
  } catch (err) {
    return reportAdminError(err, io);
  }
}

async function script(cluster: RunningCluster, node: string, io: CommandIO): Promise<number> {
  const sh = nodeShell(cluster, node);
  return sh.run(await readStdin(), { stdout: decoded(io.stdout), stderr: decoded(io.stderr) });
}

async function interactive(cluster: RunningCluster, node: string, io: CommandIO): Promise<number> {
  const sh = nodeShell(cluster, node);
  io.stdout(`Connected to ${node}. Tools: ${nodeShellCommands.join(' ')}. Type exit to leave.\n`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: `root@${node}:~# ` });
  rl.prompt();
  let status = 0;
  for await (const line of rl) {
    const trimmed = line.trim();
    if (trimmed === 'exit' || trimmed === 'logout') break;
    if (trimmed) status = await sh.run(line, { stdout: decoded(io.stdout), stderr: decoded(io.stderr) });
    rl.prompt();
  }
  rl.close();
  io.stdout(`Connection to ${node} closed.\n`);
  return status;
}

function decoded(write: (s: string) => void) {
  const d = new TextDecoder();
  return (chunk: Uint8Array | string) => write(typeof chunk === 'string' ? chunk : d.decode(chunk, { stream: true }));
}
