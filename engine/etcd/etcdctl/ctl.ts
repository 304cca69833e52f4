// Mirrors etcd etcdctl/ctlv3/ctl.go: the root command with its global flags (--endpoints,
// -w/--write-out) dispatching to the subcommands; errors print as "Error: …" with etcdctl's exit codes.
import { ClientError, GatewayClient } from './client.js';
import { ExitBadArgs, ExitBadFeature, ExitError, ExitWithError } from './command.js';
import type { Command, CommandContext, EtcdctlIO, OutputFormat } from './command.js';
import { compactionCommand } from './compaction-command.js';
import { delCommand } from './del-command.js';
import { endpointCommand } from './ep-command.js';
import { FlagError } from './flags.js';
import { getCommand } from './get-command.js';
import { leaseCommand } from './lease-command.js';
import { putCommand } from './put-command.js';
import { snapshotCommand } from './snapshot-command.js';
import { watchCommand } from './watch-command.js';

export type { EtcdctlIO, EtcdctlFiles } from './command.js';

const commands: Record<string, Command> = {
  get: getCommand,
  put: putCommand,
  del: delCommand,
  watch: watchCommand,
  endpoint: endpointCommand,
  compaction: compactionCommand,
  snapshot: snapshotCommand,
  lease: leaseCommand,
};

/** valueGlobals are global flags that take a value; the rest of the argv goes to the subcommand. */
const valueGlobals = new Set(['endpoints', 'write-out', 'dial-timeout', 'command-timeout', 'keepalive-time', 'keepalive-timeout', 'user', 'password', 'cacert', 'cert', 'key']);
const boolGlobals = new Set(['hex', 'debug', 'insecure-skip-tls-verify', 'insecure-transport', 'discovery-srv']);

const usage = `NAME:
\tetcdctl - A simple command line client for etcd3.

USAGE:
\tetcdctl [flags]

COMMANDS:
\tcompaction\tCompacts the event history in etcd
\tdel\t\tRemoves the specified key or range of keys [key, range_end)
\tendpoint status\tPrints out the status of endpoints specified in \`--endpoints\` flag
\tget\t\tGets the key or a range of keys
\tlease\t\tLease related commands (grant, revoke, timetolive, list, keep-alive --once)
\tput\t\tPuts the given key into the store
\tsnapshot\tManages etcd node snapshots (save, status)
\twatch\t\tWatches events stream on keys or prefixes
`;

/** runEtcdctl runs one etcdctl command line against the store's JSON gateway and returns the exit code. */
export async function runEtcdctl(argv: string[], io: EtcdctlIO): Promise<number> {
  try {
    const rest: string[] = [];
    const globals = new Map<string, string>();
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(a);
      const name = m && (m[1] === 'w' ? 'write-out' : m[1]!);
      if (name && valueGlobals.has(name)) {
        const v = m![2] ?? argv[++i];
        if (v === undefined) throw new FlagError(`flag needs an argument: --${name}`);
        globals.set(name, v);
      } else if (name && boolGlobals.has(name) && a.startsWith('--')) {
        globals.set(name, m![2] ?? 'true');
      } else {
        rest.push(a);
      }
    }
    const [name, ...args] = rest;
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      io.stdout(usage);
      return 0;
    }
    const command = commands[name];
    if (!command) throw new ExitWithError(ExitError, `unknown command "${name}" for "etcdctl"`);
    const writeOut = globals.get('write-out') ?? 'simple';
    if (writeOut !== 'simple' && writeOut !== 'json' && writeOut !== 'table') {
      throw new ExitWithError(ExitBadFeature, `unknown output format "${writeOut}"`);
    }
    if (writeOut === 'table' && !['endpoint', 'snapshot'].includes(name)) {
      throw new ExitWithError(ExitBadFeature, 'table is not supported as output format');
    }
    const endpoints = (globals.get('endpoints') ?? io.endpoint ?? '127.0.0.1:2379').split(',').filter((e) => e !== '');
    const newClient = (ep: string) => new GatewayClient(io.transport, ep);
    const ctx: CommandContext = { client: newClient(endpoints[0]!), endpoints, writeOut: writeOut as OutputFormat, writeOutSet: globals.has('write-out'), io, newClient };
    return await command(ctx, args);
  } catch (err) {
    if (err instanceof ExitWithError) {
      io.stderr(`Error: ${err.message}\n`);
      return err.code;
    }
    if (err instanceof FlagError) {
      io.stderr(`Error: ${err.message}\n`);
      return ExitBadArgs;
    }
    if (err instanceof ClientError) {
      io.stderr(`Error: ${err.message}\n`);
      return ExitError;
    }
    io.stderr(`Error: ${(err as Error).message}\n`);
    return ExitError;
  }
}
