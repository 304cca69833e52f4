// moby/spdystream (connection.go, stream.go) as k8s.io/apimachinery's spdy connection uses it, with
// SPDY/3.1 flow control: one session over a byte channel, streams opened by either side (client odd
// ids, server even), SYN_REPLY confirming each, FIN half-closes, RST_STREAM, PING echoed, GOAWAY,
// and per-stream plus session windows (64 KiB initially) moved by WINDOW_UPDATE. Web-standard; the
// header compression is injected. Leaves out priorities, server push and idle timeouts.
import type { Connection, NewStreamHandler, Stream } from '../apimachinery/util/httpstream/httpstream.js';
import {
  decodeFrame, encodeFrame, FlagFin, FlagUnidirectional, FrameSplitter, GoAwayOK, GoAwayProtocolError,
  RstCancel, RstFlowControlError, RstInvalidStream, RstProtocolError, RstRefusedStream, RstStreamAlreadyClosed,
  SettingsInitialWindowSize, type Frame, type HeaderCompression, type HeaderList,
} from './spdy-framer.js';

/** ByteChannel is the transport under a session: a socket, or a WebSocket's binary messages. */
export interface ByteChannel {
  readonly readable: ReadableStream<Uint8Array>;
  /** write sends bytes; a returned promise resolves when the transport can take more. */
  write(chunk: Uint8Array): void | Promise<void>;
  close(): void;
}

export interface SessionOptions {
  /** server sessions open even-numbered streams and answer the client's odd ones. */
  server: boolean;
  compression: HeaderCompression & { close?(): void };
  protocol?: string;
  onStream?: NewStreamHandler;
  /**
   * enforceFlowControl (default true) holds data back when the peer's window is used up and resets
   * a stream that overruns ours. spdystream — kubectl's SPDY — never sends WINDOW_UPDATE and ignores
   * windows, so a session facing it tracks windows and sends updates without waiting on them.
   */
  enforceFlowControl?: boolean;
  /** maxDataFrame bounds one DATA frame's payload (16 KiB by default). */
  maxDataFrame?: number;
}

/** defaultWindowSize is SPDY/3's initial window for each stream and for the session. */
export const defaultWindowSize = 64 * 1024;
const maxWindow = 0x7fffffff;

const toHeaderList = (h: Headers): HeaderList => {
  const out: HeaderList = [];
  h.forEach((v, k) => out.push([k, v]));
  return out;
};

const toHeaders = (list: HeaderList): Headers => {
  const h = new Headers();
  for (const [k, v] of list) for (const part of v.split('\0')) h.append(k, part);
  return h;
};

class SpdyStream implements Stream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  sendWindow: number;
  recvWindow = defaultWindowSize;
  recvCredit = 0;
  localClosed = false;
  remoteClosed = false;
  isReset = false;
  discard = false;
  readonly replied: Promise<void>;
  resolveReply!: () => void;
  rejectReply!: (err: Error) => void;
  private readonly queue: Uint8Array[] = [];
  private wakeReader?: () => void;

  constructor(private readonly session: SpdySession, readonly id: number, readonly headers: Headers, sendWindow: number) {
    this.sendWindow = sendWindow;
    this.replied = new Promise<void>((resolve, reject) => {
      this.resolveReply = resolve;
      this.rejectReply = reject;
    });
    this.replied.catch(() => undefined);
    this.readable = new ReadableStream<Uint8Array>(
      {
        pull: async (c) => {
          while (this.queue.length === 0 && !this.remoteClosed && !this.isReset) await new Promise<void>((r) => (this.wakeReader = r));
          const chunk = this.queue.shift();
          if (!chunk) return c.close();
          c.enqueue(chunk);
          this.session.credit(this, chunk.length);
        },
        cancel: () => {
          // The reader is gone: drop what is queued and keep the peer's window open.
          this.discard = true;
          for (const chunk of this.queue.splice(0)) this.session.credit(this, chunk.length);
        },
      },
      { highWaterMark: 0 },
    );
    this.writable = new WritableStream<Uint8Array>({
      write: (chunk) => this.session.sendData(this, chunk, false),
      close: () => this.session.sendData(this, new Uint8Array(), true),
      abort: () => this.reset(),
    });
  }

  /** push queues the peer's data for the reader. */
  push(data: Uint8Array): void {
    if (this.discard) return this.session.credit(this, data.length);
    this.queue.push(data);
    this.wake();
  }

  wake(): void {
    const w = this.wakeReader;
    this.wakeReader = undefined;
    w?.();
  }

  reset(): void {
    this.session.resetStream(this, RstCancel);
  }
}

/** SpdySession is one SPDY/3.1 connection; it is the Connection the engine sees. */
export class SpdySession implements Connection {
  readonly protocol: string;
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private readonly streams = new Map<number, SpdyStream>();
  private readonly finished = new Set<number>();
  private readonly pings = new Map<number, () => void>();
  private readonly windowWaiters = new Set<() => void>();
  private nextStreamId: number;
  private nextPingId: number;
  private lastRemoteId = 0;
  private sendWindow = defaultWindowSize;
  private recvWindow = defaultWindowSize;
  private recvCredit = 0;
  private peerInitialWindow = defaultWindowSize;
  private goneAway = false;
  private ended = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly enforce: boolean;
  private readonly maxDataFrame: number;

  constructor(private readonly channel: ByteChannel, private readonly options: SessionOptions) {
    this.protocol = options.protocol ?? '';
    this.enforce = options.enforceFlowControl ?? true;
    this.maxDataFrame = options.maxDataFrame ?? 16 * 1024;
    this.nextStreamId = options.server ? 2 : 1;
    this.nextPingId = options.server ? 2 : 1;
    this.closed = new Promise((r) => (this.resolveClosed = r));
    void this.readLoop();
  }

  /** windows reports the session's flow-control state (for tests and tracing). */
  windows(): { send: number; recv: number; streams: Record<number, { send: number; recv: number }> } {
    const streams: Record<number, { send: number; recv: number }> = {};
    for (const [id, s] of this.streams) streams[id] = { send: s.sendWindow, recv: s.recvWindow };
    return { send: this.sendWindow, recv: this.recvWindow, streams };
  }

  async createStream(headers: Headers): Promise<Stream> {
    if (this.ended || this.goneAway) throw new Error('connection is closing');
    const id = this.nextStreamId;
    this.nextStreamId += 2;
    const stream = new SpdyStream(this, id, headers, this.peerInitialWindow);
    this.streams.set(id, stream);
    await this.send({ type: 'syn_stream', streamId: id, associatedTo: 0, priority: 0, slot: 0, flags: 0, headers: toHeaderList(headers) });
    await stream.replied;
    return stream;
  }

  /** ping sends a PING and resolves when the peer echoes it. */
  ping(): Promise<void> {
    const id = this.nextPingId;
    this.nextPingId += 2;
    const echoed = new Promise<void>((r) => this.pings.set(id, r));
    void this.send({ type: 'ping', id });
    return echoed;
  }

  /** close resets every stream, says GOAWAY and ends the transport (upstream connection.Close). */
  close(): void {
    if (this.ended) return;
    for (const s of [...this.streams.values()]) this.resetStream(s, RstCancel);
    if (!this.goneAway) {
      this.goneAway = true;
      void this.send({ type: 'goaway', lastGoodStreamId: this.lastRemoteId, status: GoAwayOK });
    }
    void this.writing.then(() => this.terminate());
  }

  // ---- reading ----

  private async readLoop(): Promise<void> {
    const reader = this.channel.readable.getReader();
    const splitter = new FrameSplitter();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.ended) break;
        for (const raw of splitter.push(value)) {
          let frame: Frame;
          try {
            frame = await decodeFrame(raw, this.options.compression);
          } catch {
            // A bad frame (or header block) leaves the shared zlib context unusable: end the session.
            this.goneAway = true;
            await this.send({ type: 'goaway', lastGoodStreamId: this.lastRemoteId, status: GoAwayProtocolError });
            return;
          }
          this.handle(frame);
        }
      }
    } catch {
      // The transport failed; everything ends below.
    } finally {
      reader.releaseLock();
      await this.writing;
      this.terminate();
    }
  }

  private handle(frame: Frame): void {
    switch (frame.type) {
      case 'syn_stream':
        return this.onSynStream(frame);
      case 'syn_reply': {
        const s = this.streams.get(frame.streamId);
        if (!s) return;
        s.resolveReply();
        if (frame.flags & FlagFin) this.remoteFin(s);
        return;
      }
      case 'headers': {
        const s = this.streams.get(frame.streamId);
        if (!s) return;
        for (const [k, v] of frame.headers) s.headers.append(k, v);
        if (frame.flags & FlagFin) this.remoteFin(s);
        return;
      }
      case 'data':
        return this.onData(frame.streamId, frame.flags, frame.data);
      case 'rst_stream': {
        const s = this.streams.get(frame.streamId);
        if (s) this.dropStream(s, new Error(`stream reset by peer (status ${frame.status})`));
        return;
      }
      case 'settings':
        for (const e of frame.entries) {
          if (e.id !== SettingsInitialWindowSize) continue;
          // A new initial window moves every open stream's window by the difference.
          const delta = e.value - this.peerInitialWindow;
          this.peerInitialWindow = e.value;
          for (const s of this.streams.values()) s.sendWindow += delta;
        }
        this.wakeWriters();
        return;
      case 'ping': {
        const ours = (frame.id % 2 === 0) === this.options.server;
        if (!ours) return void this.send(frame);
        this.pings.get(frame.id)?.();
        this.pings.delete(frame.id);
        return;
      }
      case 'goaway':
        this.goneAway = true;
        if (this.streams.size === 0) void this.writing.then(() => this.terminate());
        return;
      case 'window_update':
        return this.onWindowUpdate(frame.streamId, frame.delta);
      case 'unknown':
        return;
    }
  }

  private onSynStream(frame: Extract<Frame, { type: 'syn_stream' }>): void {
    const id = frame.streamId;
    const fromPeer = (id % 2 === 1) === this.options.server;
    if (!fromPeer || id <= this.lastRemoteId) return void this.send({ type: 'rst_stream', streamId: id, status: RstProtocolError });
    this.lastRemoteId = id;
    if (this.goneAway || !this.options.onStream) return void this.send({ type: 'rst_stream', streamId: id, status: RstRefusedStream });
    const stream = new SpdyStream(this, id, toHeaders(frame.headers), this.peerInitialWindow);
    this.streams.set(id, stream);
    if (frame.flags & FlagFin) stream.remoteClosed = true;
    if (frame.flags & FlagUnidirectional) stream.localClosed = true;
    try {
      this.options.onStream(stream);
    } catch {
      return this.resetStream(stream, RstCancel);
    }
    stream.resolveReply();
    void this.send({ type: 'syn_reply', streamId: id, flags: 0, headers: [] });
    if (stream.remoteClosed && stream.localClosed) this.forget(stream);
  }

  private onData(id: number, flags: number, data: Uint8Array): void {
    const s = this.streams.get(id);
    if (!s) {
      // Data in flight for a stream we already reset or finished is dropped; anything else is an error.
      if (!this.finished.has(id)) void this.send({ type: 'rst_stream', streamId: id, status: RstInvalidStream });
      return;
    }
    if (s.remoteClosed) return this.resetStream(s, RstStreamAlreadyClosed);
    s.recvWindow -= data.length;
    this.recvWindow -= data.length;
    if (this.enforce && (s.recvWindow < 0 || this.recvWindow < 0)) return this.resetStream(s, RstFlowControlError);
    if (data.length) s.push(data);
    if (flags & FlagFin) this.remoteFin(s);
  }

  private onWindowUpdate(id: number, delta: number): void {
    if (id === 0) {
      this.sendWindow = Math.min(maxWindow, this.sendWindow + delta);
    } else {
      const s = this.streams.get(id);
      if (!s) return;
      if (s.sendWindow + delta > maxWindow) return this.resetStream(s, RstFlowControlError);
      s.sendWindow += delta;
    }
    this.wakeWriters();
  }

  private remoteFin(s: SpdyStream): void {
    s.remoteClosed = true;
    s.wake();
    if (s.localClosed) this.forget(s);
  }

  // ---- writing ----

  private send(frame: Frame): Promise<void> {
    const next = this.writing.then(async () => {
      if (this.ended) return;
      const bytes = await encodeFrame(frame, this.options.compression);
      await this.channel.write(bytes);
    });
    this.writing = next.catch(() => this.terminate());
    return next;
  }

  /** credit returns consumed bytes to the peer's view of our windows, in WINDOW_UPDATEs of half a window. */
  credit(s: SpdyStream, n: number): void {
    s.recvCredit += n;
    this.recvCredit += n;
    if (s.recvCredit >= defaultWindowSize / 2 && !s.remoteClosed && this.streams.has(s.id)) {
      void this.send({ type: 'window_update', streamId: s.id, delta: s.recvCredit });
      s.recvWindow += s.recvCredit;
      s.recvCredit = 0;
    }
    if (this.recvCredit >= defaultWindowSize / 2) {
      void this.send({ type: 'window_update', streamId: 0, delta: this.recvCredit });
      this.recvWindow += this.recvCredit;
      this.recvCredit = 0;
    }
  }

  /** sendData writes a chunk as DATA frames within the windows; fin half-closes the stream. */
  async sendData(s: SpdyStream, chunk: Uint8Array, fin: boolean): Promise<void> {
    if (s.isReset || this.ended) throw new Error('write on reset stream');
    if (s.localClosed) throw new Error('write on closed stream');
    // Nothing goes out before the stream is confirmed (our SYN_REPLY queued, or the peer's received).
    await s.replied;
    let at = 0;
    do {
      if (this.enforce && chunk.length > 0) await this.windowOpen(s);
      const room = this.enforce ? Math.min(s.sendWindow, this.sendWindow) : Infinity;
      const n = Math.min(chunk.length - at, this.maxDataFrame, room);
      const last = at + n >= chunk.length;
      s.sendWindow -= n;
      this.sendWindow -= n;
      if (fin && last) s.localClosed = true;
      await this.send({ type: 'data', streamId: s.id, flags: fin && last ? FlagFin : 0, data: chunk.subarray(at, at + n) });
      at += n;
    } while (at < chunk.length);
    if (s.localClosed && s.remoteClosed) this.forget(s);
  }

  private windowOpen(s: SpdyStream): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (s.isReset || this.ended) {
          this.windowWaiters.delete(check);
          return reject(new Error('write on reset stream'));
        }
        if (s.sendWindow > 0 && this.sendWindow > 0) {
          this.windowWaiters.delete(check);
          resolve();
        }
      };
      this.windowWaiters.add(check);
      check();
    });
  }

  private wakeWriters(): void {
    for (const w of [...this.windowWaiters]) w();
  }

  // ---- ending ----

  /** resetStream abandons a stream with RST_STREAM. */
  resetStream(s: SpdyStream, status: number): void {
    if (s.isReset || !this.streams.has(s.id)) return;
    void this.send({ type: 'rst_stream', streamId: s.id, status });
    this.dropStream(s, new Error('stream reset'));
  }

  private dropStream(s: SpdyStream, err: Error): void {
    s.isReset = true;
    s.rejectReply(err);
    s.wake();
    this.wakeWriters();
    this.forget(s);
  }

  private forget(s: SpdyStream): void {
    this.streams.delete(s.id);
    this.finished.add(s.id);
    if (this.goneAway && this.streams.size === 0) void this.writing.then(() => this.terminate());
  }

  private terminate(): void {
    if (this.ended) return;
    this.ended = true;
    for (const s of [...this.streams.values()]) this.dropStream(s, new Error('connection closed'));
    for (const p of this.pings.values()) p();
    this.pings.clear();
    this.wakeWriters();
    this.channel.close();
    this.options.compression.close?.();
    this.resolveClosed();
  }
}
