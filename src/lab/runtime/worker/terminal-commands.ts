// The commands of the Worker runtime's terminal: kubectl, etcdctl and kubelab against the cluster in
// this worker, and busybox's applets (grep, head, tail, wc, sort, base64, cat, ls, …) over the
// lab's files — the same file system `kubectl -f` reads and `>` writes into.
import { busyboxApplets } from '../../../../engine/images/busybox/image.js';
import { resolvePath } from '../../../../engine/images/fs/path.js';
import type { FileSystem, Program, ProcessContext, Resolver } from '../../../../engine/images/types.js';
import type { NetStack } from '../../../../engine/net/types.js';
import { readAllText, streamOf } from '../../../../engine/shell/io.js';
import type { CommandInvocation, CommandLookup, ShellCommand } from '../../../../engine/shell/types.js';
import { runEtcdctl } from '../../../../engine/etcd/etcdctl/ctl.js';
import { runKubectl } from '../../../../engine/kubectl/cmd/cmd.js';
import type { FileAccess, ListenHTTP, LocalTerminal } from '../../../../engine/kubectl/cmd/util/io.js';
import type { LocalListener } from '../../../../engine/kubectl/cmd/port-forward.js';
import type { Cluster } from '../../../../engine/cluster/cluster.js';
import { kubelabCommand } from './kubelab-command.js';
import type { Clock } from '../../../../engine/util/clock.js';

export const API_SERVER = 'http://127.0.0.1:8080';

/** APPLETS are the busybox tools the terminal offers; the network ones need a pod's network. */
const APPLETS = [
  'cat', 'ls', 'head', 'tail', 'touch', 'mkdir', 'rm', 'cp', 'mv', 'tee',
  'grep', 'wc', 'sort', 'base64', 'seq', 'yes', 'tr',
  'sleep', 'env', 'printenv', 'hostname', 'date', 'id', 'whoami', 'uname',
] as const;

const help = `Commands in this lab:
  kubectl ...        talk to the cluster's API server
  etcdctl ...        read the store under the API server
  kubelab status     the lab cluster: machines, components
  kubelab ssh NODE -- ip route    a tool on a node (ip, iptables-save, crictl, curl…)
  kubelab trace FROM TO           a connection's path, hop by hop
  ${APPLETS.join(', ')},
  echo, printf, test, cd, pwd, export, clear, help
Pipes (|), redirections (> >> <), heredocs (<<EOF), && || ; and $VARS work as in sh.
Keys: Up/Down for history, Ctrl-C to stop a command, Ctrl-L to clear.
`;

export interface TerminalHost {
  fs: FileSystem;
  clock: Clock;
  /** cluster returns the running cluster; it throws when the cluster is not running. */
  cluster(): Cluster;
  /** listen and listenTCP open the terminal's servers (kubectl proxy, port-forward) on the master's own stack. */
  listen?: ListenHTTP;
  listenTCP?: LocalListener;
  /** terminal is the page's terminal while a line runs (kubectl exec/attach -it put it in raw mode). */
  terminal?: () => LineTerminal | undefined;
}

/**
 * LineTerminal is the page's terminal as a running command sees it: raw mode sends every keystroke
 * to the command (instead of the page's line editor), and stdin carries them.
 */
export interface LineTerminal extends LocalTerminal {
  /** stdin gives the keystrokes typed while the terminal is raw; it ends at once otherwise. */
  stdin(): ReadableStream<Uint8Array>;
}

/** fileAccess is kubectl's view of the lab's files, relative paths resolved against the shell's cwd. */
export function fileAccess(fs: FileSystem, cwd: string): FileAccess {
  const at = (p: string) => resolvePath(cwd, p);
  return {
    readFile: async (p) => {
      try {
        return fs.readText(at(p));
      } catch {
        throw new Error(`open ${p}: no such file or directory`);
      }
    },
    writeFile: async (p, d) => fs.writeFile(at(p), d),
    stat: async (p) => fs.stat(at(p))?.type,
    readDir: async (p) => fs.readdir(at(p)).sort(),
  };
}

const noNetwork = new Proxy({}, {
  get: () => () => {
    throw new Error('network is unreachable from the lab terminal');
  },
}) as NetStack;
const noResolver: Resolver = { lookup: async () => [] };
const never = new AbortController().signal;

/** fromProgram runs an image's program as a command of the terminal, with no network. */
function fromProgram(program: Program, host: TerminalHost, lookup: CommandLookup): ShellCommand {
  return (inv) => {
    const ctx: ProcessContext = {
      argv: inv.argv, env: inv.env, cwd: inv.cwd, hostname: 'kubelab', fs: host.fs, net: noNetwork, resolver: noResolver,
      clock: host.clock, stdin: inv.stdin, stdout: inv.stdout, stderr: inv.stderr, onSignal: () => {}, aborted: inv.signal ?? never,
      memory: { allocate: () => {}, free: () => {} },
      spawn: async (argv, o = {}) => {
        const command = lookup(argv[0] ?? '');
        if (!command) return 127;
        const stdin = o.stdin === undefined ? undefined : streamOf(o.stdin);
        return command({ argv, env: o.env ?? inv.env, cwd: inv.cwd, stdin, stdout: o.stdout ?? inv.stdout, stderr: o.stderr ?? inv.stderr, signal: inv.signal });
      },
    };
    return program(ctx);
  };
}

/** text turns a command's output function into one that takes strings. */
const text = (out: CommandInvocation['stdout']) => (s: string) => out(s);

/** terminalCommands returns the lookup the lab's shell finds commands with. */
export function terminalCommands(host: TerminalHost): CommandLookup {
  const table: Record<string, ShellCommand> = {};
  const lookup: CommandLookup = (name) => table[name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name];
  for (const name of APPLETS) table[name] = fromProgram(busyboxApplets[name]!, host, lookup);

  table.kubectl = (inv) => {
    // Piped or redirected input is read as it comes; otherwise the page's terminal is stdin.
    const term = inv.stdin ? undefined : host.terminal?.();
    return runKubectl(inv.argv.slice(1), {
      transport: host.cluster().plane.transport,
      stdin: () => readAllText(inv.stdin),
      stdout: text(inv.stdout),
      stderr: text(inv.stderr),
      env: inv.env,
      files: fileAccess(host.fs, inv.cwd),
      clock: host.clock,
      signal: inv.signal,
      listen: host.listen,
      listenTCP: host.listenTCP,
      stdinStream: inv.stdin ? () => inv.stdin! : term && (() => term.stdin()),
      terminal: term,
    });
  };
  table.etcdctl = (inv) =>
    runEtcdctl(inv.argv.slice(1), {
      transport: host.cluster().plane.etcdGateway,
      stdout: text(inv.stdout),
      stderr: text(inv.stderr),
      endpoint: inv.env.ETCDCTL_ENDPOINTS ?? '127.0.0.1:2379',
      signal: inv.signal,
      files: {
        readFile: async (p) => host.fs.readFile(resolvePath(inv.cwd, p)),
        writeFile: async (p, d) => host.fs.writeFile(resolvePath(inv.cwd, p), d),
      },
    });
  table.kubelab = kubelabCommand(() => host.cluster(), API_SERVER);
  table.help = async (inv) => (inv.stdout(help), 0);
  table.clear = async (inv) => (inv.stdout('\x1b[2J\x1b[3J\x1b[H'), 0);
  return lookup;
}
