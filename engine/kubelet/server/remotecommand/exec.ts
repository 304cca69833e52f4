// Mirrors pkg/kubelet/cri/streaming/remotecommand (websocket.go, exec.go, httpstream.go): serves
// exec over a WebSocket with the channel protocols v5/v4.channel.k8s.io — stdin on channel 0, stdout
// 1, stderr 2, the result as a Status on 3, resizes on 4, and (v5) a close of stdin as [255, 0].
// With tty the runtime gives the command a terminal; this side passes keystrokes and sizes through.
// Simplified: no SPDY, no base64 codec.
import { StreamStderr, StreamStdout, type WebSocketConn } from '../../../apimachinery/util/httpstream/wsstream/conn.js';
import type { TerminalSize } from '../../cri/tty.js';
import { openSession } from './session.js';

export { resizeQueue } from './session.js';

/** Options are the query parameters of an exec request. */
export interface Options {
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** optionsFrom reads command, stdin, stdout, stderr and tty from an exec URL (remotecommand.NewOptions). */
export function optionsFrom(q: URLSearchParams): Options {
  const flag = (name: string) => ['1', 'true', 't', 'True', 'TRUE'].includes(q.get(name) ?? '');
  return { command: q.getAll('command'), stdin: flag('stdin'), stdout: flag('stdout'), stderr: flag('stderr'), tty: flag('tty') };
}

/** validateOptions is upstream's check that an exec asks for at least one stream, and no stderr with a tty. */
export function validateOptions(o: Options): string | undefined {
  if (o.command.length === 0) return 'you must specify at least 1 command';
  if (!o.stdin && !o.stdout && !o.stderr) return 'you must specify at least 1 of stdin, stdout, stderr';
  if (o.tty && o.stderr) return 'stderr cannot be used with a tty';
  return undefined;
}

/** ExecStreams are an exec's streams as the runtime gets them (with tty: a terminal and its sizes). */
export interface ExecStreams {
  stdin?: ReadableStream<Uint8Array>;
  stdout?: (c: Uint8Array | string) => void;
  stderr?: (c: Uint8Array | string) => void;
  tty?: boolean;
  resize?: ReadableStream<TerminalSize>;
}

/** Executor runs a command in a container with streams and resolves with its exit code. */
export type Executor = (cmd: string[], streams: ExecStreams) => Promise<number>;

/** statusSuccess and the exit-code Status are what the error channel carries at the end (v4+). */
export const statusSuccess = { metadata: {}, status: 'Success' };

export function nonZeroExitStatus(cmd: string[], code: number) {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${cmd.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

export function internalErrorStatus(message: string) {
  return { metadata: {}, status: 'Failure', message, reason: 'InternalError', details: { causes: [{ message }] }, code: 500 };
}

/**
 * serveExec runs the command on an accepted WebSocket: client messages on channel 0 feed stdin,
 * output is framed on 1 and 2, and the result Status goes on channel 3 before the socket closes.
 */
export async function serveExec(conn: WebSocketConn, opts: Options, execute: Executor): Promise<void> {
  const session = openSession(conn, opts, opts.stderr);
  let status: object;
  try {
    const code = await execute(opts.command, {
      stdin: session.stdin,
      // Streams not asked for go nowhere (not to the container's log).
      stdout: opts.stdout ? (c) => session.send(StreamStdout, c) : () => undefined,
      stderr: opts.stderr ? (c) => session.send(StreamStderr, c) : () => undefined,
      ...(session.sizes ? { tty: true, resize: session.sizes.stream } : {}),
    });
    status = code === 0 ? statusSuccess : nonZeroExitStatus(opts.command, code);
  } catch (err) {
    status = internalErrorStatus(err instanceof Error ? err.message : String(err));
  }
  await session.finish(status);
}

