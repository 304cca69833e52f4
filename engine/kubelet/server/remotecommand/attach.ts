// Mirrors pkg/kubelet/cri/streaming/remotecommand/attach.go (ServeAttach) over the WebSocket channel
// protocols exec uses: the client's channel 0 feeds the container's stdin, the container's output
// comes back on 1 and 2 (one terminal stream with tty), and a Status on channel 3 ends the session.
// Resizes (channel 4) go to the container's terminal. Simplified: no SPDY (kubectl speaks WebSocket to this server).
import { StreamStderr, StreamStdout, type WebSocketConn } from '../../../apimachinery/util/httpstream/wsstream/conn.js';
import type { TerminalSize } from '../../cri/tty.js';
import { internalErrorStatus, statusSuccess, type Options } from './exec.js';
import { openSession } from './session.js';

/** AttachStreams are the client's side of an attach, as the runtime joins them to the container. */
export interface AttachStreams {
  stdin?: ReadableStream<Uint8Array>;
  stdout?: (chunk: Uint8Array | string) => void;
  stderr?: (chunk: Uint8Array | string) => void;
  signal: AbortSignal;
  resize?: ReadableStream<TerminalSize>;
}

/** Attacher joins the streams to the container and resolves when the attach is over. */
export type Attacher = (streams: AttachStreams) => Promise<void>;

/** validateAttachOptions is remotecommand.NewOptions for attach: no command, a tty's stderr is folded into stdout. */
export function validateAttachOptions(o: Options): string | undefined {
  if (!o.stdin && !o.stdout && !o.stderr) return 'you must specify at least 1 of stdin, stdout, stderr';
  return undefined;
}

/** serveAttach runs an attach on an accepted WebSocket and writes its outcome on the error channel. */
export async function serveAttach(conn: WebSocketConn, opts: Options, attach: Attacher): Promise<void> {
  const stderr = opts.stderr && !opts.tty;
  const session = openSession(conn, opts, stderr);
  let status: object;
  try {
    await attach({
      stdin: session.stdin,
      stdout: opts.stdout ? (c) => session.send(StreamStdout, c) : undefined,
      stderr: stderr ? (c) => session.send(StreamStderr, c) : undefined,
      signal: session.gone,
      ...(session.sizes ? { resize: session.sizes.stream } : {}),
    });
    status = statusSuccess;
  } catch (err) {
    status = internalErrorStatus(`error attaching to container: ${err instanceof Error ? err.message : String(err)}`);
  }
  await session.finish(status);
}
