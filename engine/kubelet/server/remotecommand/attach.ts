// Mirrors pkg/kubelet/cri/streaming/remotecommand/attach.go (ServeAttach) over the WebSocket channel
// protocols exec uses: the client's channel 0 feeds the container's stdin, the container's output
// comes back on 1 and 2 (one terminal stream with tty), and a Status on channel 3 ends the session.
// Resizes (channel 4) go to the container's terminal. Simplified: no SPDY (kubectl speaks WebSocket to this server).
import {
  frame, StreamClose, StreamError, StreamResize, StreamStderr, StreamStdin, StreamStdout, unframe, type WebSocketConn,
} from '../../../apimachinery/util/httpstream/wsstream/conn.js';
import type { TerminalSize } from '../../cri/tty.js';
import { internalErrorStatus, resizeQueue, statusSuccess, type Options } from './exec.js';

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
  const writer = conn.writable.getWriter();
  let writing = Promise.resolve();
  const send = (channel: number, data: Uint8Array | string) => {
    writing = writing.then(() => writer.write(frame(channel, data))).catch(() => undefined);
  };
  const stderr = opts.stderr && !opts.tty;
  send(opts.stdout ? StreamStdout : stderr ? StreamStderr : StreamError, new Uint8Array());
  const gone = new AbortController();
  let stdinCtrl: ReadableStreamDefaultController<Uint8Array> | undefined;
  const stdin = opts.stdin ? new ReadableStream<Uint8Array>({ start: (c) => void (stdinCtrl = c) }) : undefined;
  const closeStdin = () => {
    try {
      stdinCtrl?.close();
    } catch {
      // already closed
    }
    stdinCtrl = undefined;
  };
  const sizes = opts.tty ? resizeQueue() : undefined;
  void (async () => {
    const reader = conn.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (done) break;
      const m = unframe(value);
      if (!m) continue;
      if (m.channel === StreamClose && m.data[0] === StreamStdin) closeStdin();
      else if (m.channel === StreamStdin && m.data.length > 0) stdinCtrl?.enqueue(m.data.slice());
      else if (m.channel === StreamResize) sizes?.push(m.data);
    }
    sizes?.close();
    // The client went away: it is detached, and its stdin ends.
    closeStdin();
    gone.abort();
  })();
  let status: object;
  try {
    await attach({
      stdin,
      stdout: opts.stdout ? (c) => send(StreamStdout, c) : undefined,
      stderr: stderr ? (c) => send(StreamStderr, c) : undefined,
      signal: gone.signal,
      ...(sizes ? { resize: sizes.stream } : {}),
    });
    status = statusSuccess;
  } catch (err) {
    status = internalErrorStatus(`error attaching to container: ${err instanceof Error ? err.message : String(err)}`);
  }
  closeStdin();
  sizes?.close();
  send(StreamError, JSON.stringify(status));
  await writing;
  await writer.close().catch(() => undefined);
}
