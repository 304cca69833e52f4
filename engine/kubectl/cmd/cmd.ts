// Mirrors k8s.io/kubectl/pkg/cmd/cmd.go: the root command. Global flags (--kubeconfig, --context,
// -s/--server, --token, -n/--namespace, …) may appear anywhere; the first non-flag word picks the
// command; errors print as kubectl's CheckErr prints them and set the exit code.
import { Factory } from './util/factory.js';
import { FlagError, parseFlags, str, type FlagDef } from './util/flags.js';
import { exitCodeFor, formatError } from './util/helpers.js';
import type { KubectlIO } from './util/io.js';
import type { Command } from './util/command.js';
import { commands } from './registry.js';

export const globalFlags: FlagDef[] = [
  { name: 'kubeconfig', kind: 'string' },
  { name: 'context', kind: 'string' },
  { name: 'cluster', kind: 'string' },
  { name: 'user', kind: 'string' },
  { name: 'server', short: 's', kind: 'string' },
  { name: 'token', kind: 'string' },
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'request-timeout', kind: 'string', default: '0' },
  { name: 'insecure-skip-tls-verify', kind: 'bool' },
  { name: 'match-server-version', kind: 'bool' },
  { name: 'v', short: 'v', kind: 'int' },
  { name: 'help', short: 'h', kind: 'bool' },
];

/** runKubectl runs one kubectl command line and returns its exit code. */
export async function runKubectl(argv: string[], io: KubectlIO): Promise<number> {
  const { command, path, rest } = findCommand(argv);
  if (!command) {
    const word = argv.find((a) => !a.startsWith('-'));
    if (word) {
      io.stderr(`error: unknown command "${word}" for "kubectl"\nRun 'kubectl --help' for usage.\n`);
      return 1;
    }
    io.stdout(rootHelp());
    return 0;
  }
  try {
    if (command.sub && !command.run) {
      io.stdout(subHelp(path, command));
      return 0;
    }
    const parsed = parseFlags(rest, [...globalFlags, ...(command.flags ?? [])]);
    if (parsed.flags.help) {
      io.stdout(`${command.short}\n\nUsage:\n  kubectl ${path} [options]\n`);
      return 0;
    }
    const f = new Factory(io, {
      kubeconfig: str(parsed.flags, 'kubeconfig'),
      context: str(parsed.flags, 'context'),
      cluster: str(parsed.flags, 'cluster'),
      user: str(parsed.flags, 'user'),
      server: str(parsed.flags, 'server'),
      token: str(parsed.flags, 'token'),
      namespace: str(parsed.flags, 'namespace'),
    });
    const code = await command.run!({ f, io, args: parsed.args, flags: parsed.flags, changed: parsed.changed, dashIndex: parsed.dashIndex, path });
    return code ?? 0;
  } catch (err) {
    const msg = formatError(err, path);
    if (msg) io.stderr(msg);
    return err instanceof FlagError ? 1 : exitCodeFor(err);
  }
}

/** findCommand walks the words of argv to the deepest command, skipping global flags and their values. */
function findCommand(argv: string[]): { command?: Command; path: string; rest: string[] } {
  const valued = new Set(globalFlags.filter((f) => f.kind !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  let list: Command[] = commands;
  let found: Command | undefined;
  const path: string[] = [];
  const rest = [...argv];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (valued.has(a)) i++;
      continue;
    }
    const next = list.find((c) => c.name === a || c.aliases?.includes(a));
    if (!next) break;
    found = next;
    path.push(next.name);
    rest.splice(i, 1);
    i--;
    if (!next.sub) break;
    list = next.sub;
  }
  return { command: found, path: path.join(' '), rest };
}

function rootHelp(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(15)}${c.short}`);
  return `kubectl controls the Kubernetes cluster manager.\n\nCommands:\n${lines.join('\n')}\n\nUsage:\n  kubectl [flags] [options]\n`;
}

function subHelp(path: string, c: Command): string {
  const lines = (c.sub ?? []).map((s) => `  ${s.name.padEnd(17)}${s.short}`);
  return `${c.short}\n\nAvailable Commands:\n${lines.join('\n')}\n\nUsage:\n  kubectl ${path} SUBCOMMAND [options]\n`;
}
