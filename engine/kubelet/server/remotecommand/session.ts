// The WebSocket side that pkg/kubelet/cri/streaming/remotecommand gives exec and attach alike
// (websocket.go's createWebSocketStreams): announce the connection, feed the client's channel 0 to
// stdin and channel 4 to resizes, end stdin on the v5 close message or when the client goes away,
// and finish with the Status on channel 3.
import {
  frame, StreamClose, StreamError, StreamResize, StreamStderr, StreamStdin, StreamStdout, unframe, type WebSocketConn,
} from '../../../apimachinery/util/httpstream/wsstream/conn.js';
import { parseResize, type TerminalSize } from '../../cri/tty.js';

/** SessionOptions are the streams the client asked for. */
interface SessionOptions {
  stdin: boolean;
  stdout: boolean;
  tty: boolean;
}

export interface Session {
  /** send frames data on a channel, in order. */
  send(channel: number, data: Uint8Array | string): void;
  /** stdin carries what the client types; absent unless asked for. */
  stdin?: ReadableStream<Uint8Array>;
  /** sizes carry the terminal's resizes; only with a tty. */
  sizes?: ReturnType<typeof resizeQueue>;
  /** gone aborts once the client went away (its stdin has ended then too). */
  gone: AbortSignal;
  /** finish ends stdin and the resizes, sends the Status on the error channel and closes. */
  finish(status: object): Promise<void>;
}

/** openSession starts serving an accepted remotecommand WebSocket; stderr says whether a stderr stream is sent. */
export function openSession(conn: WebSocketConn, opts: SessionOptions, stderr: boolean): Session {
  const writer = conn.writable.getWriter();
  let writing = Promise.resolve();
  const send = (channel: number, data: Uint8Array | string) => {
    writing = writing.then(() => writer.write(frame(channel, data))).catch(() => undefined);
  };
  // Like wsstream, announce the connection with an empty message on the lowest writable channel.
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
      if (m.channel === StreamClose) {
        if (m.data[0] === StreamStdin) closeStdin();
      } else if (m.channel === StreamStdin && m.data.length > 0) stdinCtrl?.enqueue(m.data.slice());
      else if (m.channel === StreamResize) sizes?.push(m.data);
    }
    closeStdin();
    sizes?.close();
    gone.abort();
  })();
  return {
    send,
    stdin,
    sizes,
    gone: gone.signal,
    async finish(status) {
      closeStdin();
      sizes?.close();
      send(StreamError, JSON.stringify(status));
      await writing;
      await writer.close().catch(() => undefined);
    },
  };
}

/** resizeQueue turns resize channel messages into a stream of sizes (malformed ones are dropped). */
export function resizeQueue(): { stream: ReadableStream<TerminalSize>; push(data: Uint8Array): void; close(): void } {
  let ctrl!: ReadableStreamDefaultController<TerminalSize>;
  let closed = false;
  const stream = new ReadableStream<TerminalSize>({ start: (c) => void (ctrl = c) });
  return {
    stream,
    push(data) {
      const size = parseResize(data);
      if (size && !closed) ctrl.enqueue(size);
    },
    close() {
      if (closed) return;
      closed = true;
      ctrl.close();
    },
  };
}
