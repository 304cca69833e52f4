// Shared pieces of the kubelab commands that talk to a running `kubelab up` through its admin
// API: the IO they get, --data-dir handling and printing the admin API's errors.
import { AdminError, dataDirOf, findCluster, type RunningCluster } from '../../host/admin-client.js';
import { parseFlags, type ParsedFlags } from './flags.js';

export interface CommandIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
}

/** wantsHelp reports -h/--help anywhere before a `--`. */
export function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

/** parseWithOutput is parseFlags that also reads kubectl's short `-o FORMAT`. */
export function parseWithOutput(argv: string[], known: { values: string[]; booleans?: string[] }): ParsedFlags {
  const expanded = argv.flatMap((a) => (a === '-o' ? ['--output'] : /^-o[a-z]/.test(a) ? ['--output', a.slice(2)] : [a]));
  return parseFlags(expanded, known);
}

/** connect finds the cluster that `kubelab up` runs from the data directory. */
export function connect(flags: ParsedFlags, io: CommandIO): Promise<RunningCluster> {
  return findCluster(dataDirOf(flags.values.get('data-dir'), io.env));
}

/** reportAdminError prints an admin API failure as kubectl prints a Status; other errors rethrow. */
export function reportAdminError(err: unknown, io: CommandIO): number {
  if (err instanceof AdminError) {
    io.stderr(`Error from server${err.status.reason ? ` (${err.status.reason})` : ''}: ${err.message}\n`);
    return 1;
  }
  throw err;
}
