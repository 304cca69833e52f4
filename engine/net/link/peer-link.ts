// Mirrors no single kernel file: the session a userspace tunnel keeps with one peer process over a
// byte stream that may break (like a VPN's reconnecting transport). Frames and control messages
// are numbered; the peer acknowledges what it read; after a reconnect both sides exchange Hello
// and resend what the other has not acknowledged, because the dataplane's TCP trusts links never
// to lose or reorder a segment. A peer that restarted (new session id) starts from zero.
import type { Clock, Timer } from '../../util/clock.js';
import type { Dialer } from './duplex.js';
import { RecordType, encodeRecord, encodeSequenced, readSeq, type StreamRecord } from './frame-stream.js';
import { Connection, type Hello } from './stream-connection.js';

export { Connection, type Hello } from './stream-connection.js';

export interface PeerLinkHandlers {
  onFrame(frame: Uint8Array, link: PeerLink): void;
  onControl(msg: ControlMessage, link: PeerLink): void;
  /** onUp runs after each Hello exchange; fresh means numbering restarted (send full state). */
  onUp(link: PeerLink, fresh: boolean): void;
  /** onReset runs when the peer it knew is gone for good (restarted, or down past deadAfterMs). */
  onReset(link: PeerLink): void;
  log?(line: string): void;
}

export type ControlMessage = { kind: string } & Record<string, unknown>;

export interface PeerLinkOptions {
  id: string;
  session: string;
  name: string;
  clock: Clock;
  /** dial reconnects a dialing link; accepted links wait for the peer to come back. */
  dial?: Dialer;
  /** maxQueued bounds frames waiting for an ack; more are dropped like a full tx queue. */
  maxQueued?: number;
  /** deadAfterMs is how long a link may stay down before its peer is forgotten. */
  deadAfterMs?: number;
}

export interface PeerLinkStats {
  framesOut: number;
  framesIn: number;
  bytesOut: number;
  bytesIn: number;
  resent: number;
  dropped: number;
  connects: number;
  /** maxUnackedBytes is the high-water mark of bytes sent but not yet acknowledged. */
  maxUnackedBytes: number;
}

const COALESCE_BYTES = 64 * 1024;
const MAX_BACKOFF_MS = 5000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class PeerLink {
  readonly id: string;
  remoteName?: string;
  remoteSession?: string;
  state: 'connecting' | 'up' | 'down' | 'closed' = 'connecting';
  readonly stats: PeerLinkStats = { framesOut: 0, framesIn: 0, bytesOut: 0, bytesIn: 0, resent: 0, dropped: 0, connects: 0, maxUnackedBytes: 0 };
  private conn?: Connection;
  private sndSeq = 0;
  private rcvSeq = 0;
  private ackedOut = 0;
  private unacked: Array<{ seq: number; rec: Uint8Array }> = [];
  private unackedBytes = 0;
  /** sent counts unacked records already written on the current connection. */
  private sent = 0;
  private attempts = 0;
  private redialTimer?: Timer;
  private deadTimer?: Timer;

  constructor(
    private readonly options: PeerLinkOptions,
    private readonly handlers: PeerLinkHandlers,
  ) {
    this.id = options.id;
  }

  /** dialing links reconnect themselves; accepted ones wait for the peer to dial again. */
  get dialing(): boolean {
    return this.options.dial !== undefined;
  }

  get connected(): boolean {
    return this.state === 'up';
  }

  /** sendFrame queues an Ethernet frame; false when the queue is full and it was dropped. */
  sendFrame(frame: Uint8Array): boolean {
    if (this.state === 'closed' || this.unacked.length >= (this.options.maxQueued ?? 16384)) {
      this.stats.dropped++;
      return false;
    }
    this.stats.framesOut++;
    this.stats.bytesOut += frame.length;
    this.enqueue(RecordType.Frame, frame);
    return true;
  }

  sendControl(msg: ControlMessage): void {
    if (this.state !== 'closed') this.enqueue(RecordType.Control, encoder.encode(JSON.stringify(msg)));
  }

  private enqueue(type: RecordType, payload: Uint8Array): void {
    const seq = ++this.sndSeq;
    const rec = encodeSequenced(type, seq, payload);
    this.unacked.push({ seq, rec });
    this.unackedBytes += rec.length;
    this.stats.maxUnackedBytes = Math.max(this.stats.maxUnackedBytes, this.unackedBytes);
    this.kick();
  }

  /** start dials the first connection of a dialing link. */
  start(): void {
    void this.redial();
  }

  /** adopt takes over a connection; peerHello is given when the acceptor already read it. */
  adopt(conn: Connection, peerHello?: Hello): void {
    if (this.state === 'closed') return conn.close();
    this.conn?.close();
    this.conn = conn;
    this.state = 'connecting';
    this.stats.connects++;
    this.deadTimer?.stop();
    const hello: Hello = { session: this.options.session, name: this.options.name, peer: this.remoteSession ?? null, received: this.rcvSeq };
    conn.urgent.push(encodeRecord(RecordType.Hello, encoder.encode(JSON.stringify(hello))));
    this.kick();
    if (peerHello) this.onHello(conn, peerHello);
    void this.readLoop(conn);
  }

  private onHello(conn: Connection, h: Hello): void {
    const resume = h.session === this.remoteSession && h.peer === this.options.session;
    if (resume) {
      this.trim(h.received);
      this.stats.resent += this.unacked.length;
    } else {
      if (this.remoteSession !== undefined) this.handlers.onReset(this);
      this.remoteSession = h.session;
      this.sndSeq = this.rcvSeq = this.ackedOut = 0;
      this.unacked = [];
      this.unackedBytes = 0;
    }
    this.remoteName = h.name;
    this.sent = 0;
    this.attempts = 0;
    conn.established = true;
    this.state = 'up';
    this.handlers.onUp(this, !resume);
    this.kick();
  }

  private async readLoop(conn: Connection): Promise<void> {
    try {
      for (;;) {
        for (const rec of conn.pending.splice(0)) this.onRecord(conn, rec);
        if (conn !== this.conn) return;
        if (this.rcvSeq !== this.ackedOut && conn.established) {
          this.ackedOut = this.rcvSeq;
          const b = new Uint8Array(4);
          new DataView(b.buffer).setUint32(0, this.rcvSeq);
          conn.urgent.push(encodeRecord(RecordType.Ack, b));
          this.kick();
        }
        const { value, done } = await conn.reader.read();
        if (done) throw new Error('connection closed by peer');
        conn.pending = conn.records.push(value);
      }
    } catch (err) {
      this.lost(conn, err);
    }
  }

  private onRecord(conn: Connection, rec: StreamRecord): void {
    if (conn !== this.conn) return;
    if (rec.type === RecordType.Hello) return this.onHello(conn, JSON.parse(decoder.decode(rec.body)) as Hello);
    if (!conn.established) throw new Error(`record type ${rec.type} before hello`);
    if (rec.type === RecordType.Ack) return this.trim(readSeq(rec.body));
    if (rec.type !== RecordType.Frame && rec.type !== RecordType.Control) return;
    const seq = readSeq(rec.body);
    if (seq <= this.rcvSeq) return; // already read before the connection broke
    this.rcvSeq = seq;
    const payload = rec.body.subarray(4);
    if (rec.type === RecordType.Frame) {
      this.stats.framesIn++;
      this.stats.bytesIn += payload.length;
      this.handlers.onFrame(payload, this);
    } else this.handlers.onControl(JSON.parse(decoder.decode(payload)) as ControlMessage, this);
  }

  /** trim drops records the peer has acknowledged. */
  private trim(acked: number): void {
    let n = 0;
    while (n < this.unacked.length && this.unacked[n]!.seq <= acked) this.unackedBytes -= this.unacked[n++]!.rec.length;
    if (n === 0) return;
    this.unacked.splice(0, n);
    this.sent = Math.max(0, this.sent - n);
  }

  private kick(): void {
    const conn = this.conn;
    if (conn && !conn.pumping && !conn.closed) void this.pump(conn);
  }

  /** pump writes queued records, coalesced, waiting on the stream's backpressure. */
  private async pump(conn: Connection): Promise<void> {
    conn.pumping = true;
    try {
      for (;;) {
        if ((conn.writer.desiredSize ?? 0) <= 0) await conn.writer.ready;
        if (conn !== this.conn || conn.closed) return;
        const chunk = this.takeChunk(conn);
        if (!chunk) return;
        conn.writer.write(chunk).catch((err: unknown) => this.lost(conn, err));
      }
    } catch (err) {
      this.lost(conn, err);
    } finally {
      conn.pumping = false;
    }
  }

  private takeChunk(conn: Connection): Uint8Array | undefined {
    const parts = conn.urgent.splice(0);
    let size = parts.reduce((n, p) => n + p.length, 0);
    while (conn.established && this.sent < this.unacked.length && size < COALESCE_BYTES) {
      const rec = this.unacked[this.sent++]!.rec;
      parts.push(rec);
      size += rec.length;
    }
    if (parts.length <= 1) return parts[0];
    const out = new Uint8Array(size);
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }

  private lost(conn: Connection, err: unknown): void {
    conn.close();
    if (conn !== this.conn) return;
    this.conn = undefined;
    if (this.state === 'closed') return;
    this.state = 'down';
    this.handlers.log?.(`underlay: link ${this.id} to ${this.remoteName ?? '?'} lost: ${(err as Error)?.message ?? err}`);
    this.deadTimer = this.options.clock.setTimer(this.options.deadAfterMs ?? 60_000, () => this.forget());
    if (this.options.dial) {
      // The first retry is immediate (a reset socket is usually a restarted proxy); then back off.
      if (this.attempts === 0) void this.redial();
      else this.scheduleRedial();
    }
  }

  private scheduleRedial(): void {
    const ms = Math.min(MAX_BACKOFF_MS, 100 * 2 ** (this.attempts - 1));
    this.redialTimer?.stop();
    this.redialTimer = this.options.clock.setTimer(ms, () => void this.redial());
  }

  private async redial(): Promise<void> {
    if (this.state === 'closed' || this.conn || !this.options.dial) return;
    this.attempts++;
    try {
      const duplex = await this.options.dial();
      if ((this.state as PeerLink['state']) === 'closed' || this.conn) return void new Connection(duplex).close();
      this.adopt(new Connection(duplex));
    } catch (err) {
      this.handlers.log?.(`underlay: dial ${this.id} failed: ${(err as Error)?.message ?? err}`);
      this.scheduleRedial();
    }
  }

  /** forget drops a peer that stayed away: its machines leave the directory, queued frames go. */
  private forget(): void {
    if (this.state !== 'down') return;
    this.handlers.onReset(this);
    this.remoteSession = undefined;
    this.sndSeq = this.rcvSeq = this.ackedOut = 0;
    this.unacked = [];
    this.unackedBytes = 0;
  }

  /** breakConnection drops the current connection as a network fault would (tests, chaos). */
  breakConnection(): void {
    if (this.conn) this.lost(this.conn, new Error('connection broken'));
  }

  close(): void {
    this.state = 'closed';
    this.redialTimer?.stop();
    this.deadTimer?.stop();
    this.conn?.close();
    this.conn = undefined;
  }
}
