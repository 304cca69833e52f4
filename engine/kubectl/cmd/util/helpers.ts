// Mirrors k8s.io/kubectl/pkg/cmd/util/helpers.go (CheckErr, StandardErrorMessage, MultilineError):
// how kubectl words errors on stderr and which exit code it returns.
import { StatusError } from '../../../apimachinery/api/errors/errors.js';
import { ConnectionError } from '../../rest/client.js';
import { FlagError } from './flags.js';

/** UsageError is a command usage mistake: printed with "See 'kubectl <cmd> -h' for help and examples". */
export class UsageError extends Error {}

/** ExitError ends a command with a code and nothing more printed (already reported). */
export class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** AggregateError lists several errors, one per line. */
export class Aggregate extends Error {
  constructor(readonly errors: unknown[]) {
    super(errors.map((e) => errorMessage(e)).join('\n'));
  }
}

/** standardErrorMessage words an API or connection error as kubectl does. */
export function standardErrorMessage(err: unknown): string | undefined {
  if (err instanceof StatusError) {
    const s = err.status;
    if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message})`;
    if (s.reason) return `Error from server (${s.reason}): ${err.message}`;
    return `Error from server: ${err.message}`;
  }
  if (err instanceof ConnectionError) return err.message;
  return undefined;
}

function errorMessage(err: unknown): string {
  const std = standardErrorMessage(err);
  if (std) return std;
  const msg = err instanceof Error ? err.message : String(err);
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

/** formatError returns what checkErr prints for err (with trailing newline), or '' when silent. */
export function formatError(err: unknown, command: string): string {
  if (err instanceof ExitError) return '';
  if (err instanceof FlagError) return `Error: ${err.message}\nSee 'kubectl ${command} --help' for usage.\n`;
  if (err instanceof UsageError) return `error: ${err.message}\nSee 'kubectl ${command} -h' for help and examples\n`;
  if (err instanceof StatusError && err.status.reason === 'Invalid') return invalidMessage(err);
  if (err instanceof Aggregate) {
    const flat = err.errors.flatMap((e) => (e instanceof Aggregate ? e.errors : [e]));
    return flat.map((e) => formatError(e, command)).join('');
  }
  return errorMessage(err) + '\n';
}

function invalidMessage(err: StatusError): string {
  const details = err.status.details;
  let s = 'The request is invalid';
  if (!details) return err.status.message ? `${s}: ${err.status.message}\n` : `${s}\n`;
  if (details.kind || details.name) s = `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`;
  else if (err.status.message && !details.causes?.length) s += `: ${err.status.message}`;
  const causes = (details.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message ?? ''));
  if (!causes.length) return s + '\n';
  if (causes.length === 1) return `${s}: ${causes[0]}\n`;
  return `${s}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
}

/** exitCodeFor is 1 for everything kubectl reports, as DefaultErrorExitCode. */
export function exitCodeFor(err: unknown): number {
  return err instanceof ExitError ? err.code : 1;
}
