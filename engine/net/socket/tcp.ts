// Mirrors net/ipv4/tcp_input.c / tcp_output.c / tcp_timer.c in miniature, behind Node's
// net.Socket shape: three-way handshake, in-order segments (links never reorder), cumulative ACKs,
// a peer window that throttles sending ('drain' when the buffer empties), FIN half-close (Node's
// allowHalfOpen=false ends our side after the peer's FIN), RST → ECONNREFUSED / ECONNRESET, and
// SYN retransmits with exponential backoff until the connect timeout (ETIMEDOUT).
import type { StreamSocket } from '../types.js';
import type { Packet } from '../packet.js';
import type { Timer } from '../../util/clock.js';
import type { SocketStack } from './stack.js';
import { Emitter } from '../util/emitter.js';
import { newPacket, ICMP_HOST_UNREACH, ICMP_NET_UNREACH } from '../packet.js';
import { netError, type SocketError } from './errors.js';
import { NEIGH_TIMEOUT_MS } from '../ipv4/ip-pipeline.js';

export type TcpState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'CLOSED';

/** Tunables, named after their sysctls / kernel constants. */
export const TCP_WINDOW = 65535;
export const TCP_MSS = 1448;
export const TCP_LOOPBACK_MSS = 65483;
export const TCP_HIGH_WATER_MARK = 16384;
export const TCP_SYN_RTO_MS = 1000;

const encoder = new TextEncoder();

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

export class TcpSocket extends Emitter implements StreamSocket {
  state: TcpState = 'CLOSED';
  localAddress = '';
  localPort = 0;
  remoteAddress = '';
  remotePort = 0;
  /** allowHalfOpen keeps our side open after the peer's FIN (Node's option; default false). */
  allowHalfOpen = false;
  bytesWritten = 0;
  bytesRead = 0;
  private sndUna = 0;
  private sndNxt = 0;
  private rcvNxt = 0;
  private peerWindow = TCP_WINDOW;
  private queue: Uint8Array[] = [];
  private queued = 0;
  private needDrain = false;
  private ended = false;
  private finSent = false;
  private finSeq = 0;
  private finAcked = false;
  private finReceived = false;
  private closed = false;
  private connectTimer?: Timer;
  private retransmitTimer?: Timer;
  private idleMs = 0;
  private idleTimer?: Timer;
  private mss = TCP_MSS;
  /** onEstablished tells a listening server the handshake completed (accept). */
  onEstablished?: (s: TcpSocket) => void;

  constructor(private readonly stack: SocketStack) {
    super();
  }

  /** connect starts an active open; errors are emitted, never thrown. */
  startConnect(remote: string, port: number, local: string, localPort: number, timeoutMs: number): void {
    this.remoteAddress = remote;
    this.remotePort = port;
    this.localAddress = local;
    this.localPort = localPort;
    this.mss = this.stack.mssFor(remote);
    this.state = 'SYN_SENT';
    this.sndUna = this.stack.isn();
    this.sndNxt = (this.sndUna + 1) >>> 0;
    this.stack.register(this);
    this.connectTimer = this.stack.clock.setTimer(timeoutMs, () => this.fail(netError('ETIMEDOUT', remote, port)));
    this.sendSyn(TCP_SYN_RTO_MS);
  }

  private sendSyn(rto: number): void {
    if (this.state !== 'SYN_SENT') return;
    const r = this.transmit({ syn: true }, this.sndUna, 0);
    if (r === 'unreachable') {
      queueMicrotask(() => this.fail(netError('ENETUNREACH', this.remoteAddress, this.remotePort)));
      return;
    }
    if (r === 'noneigh') {
      this.connectTimer?.stop();
      this.connectTimer = this.stack.clock.setTimer(NEIGH_TIMEOUT_MS, () => this.fail(netError('EHOSTUNREACH', this.remoteAddress, this.remotePort)));
      return;
    }
    this.retransmitTimer = this.stack.clock.setTimer(rto, () => this.sendSyn(rto * 2));
  }

  /** acceptSyn starts a passive open from a listener's SYN. */
  acceptSyn(p: Packet): void {
    this.localAddress = p.dst;
    this.localPort = p.dport;
    this.remoteAddress = p.src;
    this.remotePort = p.sport;
    this.mss = this.stack.mssFor(p.src);
    this.state = 'SYN_RECV';
    this.rcvNxt = (p.tcp!.seq + 1) >>> 0;
    this.peerWindow = p.tcp!.window;
    this.sndUna = this.stack.isn();
    this.sndNxt = (this.sndUna + 1) >>> 0;
    this.stack.register(this);
    this.transmit({ syn: true, ack: true }, this.sndUna, 0);
  }

  private transmit(flags: { syn?: boolean; ack?: boolean; fin?: boolean; rst?: boolean; psh?: boolean }, seq: number, _len: number, payload?: Uint8Array) {
    const p = newPacket({
      src: this.localAddress,
      dst: this.remoteAddress,
      protocol: 'tcp',
      sport: this.localPort,
      dport: this.remotePort,
      tcp: { flags, seq, ack: flags.ack ? this.rcvNxt : 0, window: TCP_WINDOW },
      payload,
    });
    return this.stack.send(p);
  }

  /** segment processes one TCP segment for this connection (tcp_rcv_state_process). */
  segment(p: Packet): void {
    const t = p.tcp!;
    const f = t.flags;
    if (f.rst) {
      this.fail(netError(this.state === 'SYN_SENT' ? 'ECONNREFUSED' : 'ECONNRESET', this.remoteAddress, this.remotePort));
      return;
    }
    if (this.state === 'SYN_SENT') {
      if (f.syn && f.ack && t.ack === this.sndNxt) {
        this.connectTimer?.stop();
        this.retransmitTimer?.stop();
        this.state = 'ESTABLISHED';
        this.rcvNxt = (t.seq + 1) >>> 0;
        this.sndUna = t.ack;
        this.peerWindow = t.window;
        this.transmit({ ack: true }, this.sndNxt, 0);
        this.touch();
        this.emit('connect');
        this.flush();
      }
      return;
    }
    if (f.syn) {
      // A retransmitted SYN (or SYN-ACK): answer with an ACK of what we have.
      if (this.state === 'SYN_RECV') this.transmit({ syn: true, ack: true }, this.sndUna, 0);
      return;
    }
    if (this.state === 'SYN_RECV' && f.ack) {
      this.state = 'ESTABLISHED';
      this.sndUna = t.ack;
      this.peerWindow = t.window;
      this.onEstablished?.(this);
    }
    if (f.ack) this.onAck(t.ack, t.window);
    if (p.payload.length > 0 && t.seq === this.rcvNxt && !this.finReceived) {
      this.rcvNxt = (this.rcvNxt + p.payload.length) >>> 0;
      this.bytesRead += p.payload.length;
      this.touch();
      if (!f.fin) this.transmit({ ack: true }, this.sndNxt, 0);
      this.emit('data', p.payload.slice());
    }
    if (f.fin && !this.finReceived) {
      this.finReceived = true;
      this.rcvNxt = (this.rcvNxt + 1) >>> 0;
      this.transmit({ ack: true }, this.sndNxt, 0);
      this.emit('end');
      if (!this.allowHalfOpen && !this.ended) this.end();
      this.maybeClose();
    }
  }

  private onAck(ack: number, window: number): void {
    const acked = (ack - this.sndUna) >>> 0;
    if (acked === 0 || acked > 0x7fffffff) {
      this.peerWindow = window;
      return;
    }
    this.sndUna = ack;
    this.peerWindow = window;
    if (this.finSent && ack === ((this.finSeq + 1) >>> 0)) this.finAcked = true;
    this.flush();
    this.maybeClose();
  }

  private inflight(): number {
    const n = (this.sndNxt - this.sndUna) >>> 0;
    return this.finSent && !this.finAcked ? n - 1 : n;
  }

  /** flush sends queued bytes while the peer's window allows, then the FIN once all is sent. */
  private flush(): void {
    if (this.state !== 'ESTABLISHED') return;
    while (this.queued > 0 && this.inflight() < this.peerWindow) {
      const room = Math.min(this.mss, this.peerWindow - this.inflight());
      const chunk = this.take(room);
      const r = this.transmit({ ack: true, psh: true }, this.sndNxt, chunk.length, chunk);
      this.sndNxt = (this.sndNxt + chunk.length) >>> 0;
      this.bytesWritten += chunk.length;
      if (r !== 'ok') break;
    }
    if (this.queued === 0 && this.ended && !this.finSent) {
      this.finSent = true;
      this.finSeq = this.sndNxt;
      this.transmit({ fin: true, ack: true }, this.sndNxt, 0);
      this.sndNxt = (this.sndNxt + 1) >>> 0;
    }
    if (this.needDrain && this.queued + this.inflight() === 0) {
      this.needDrain = false;
      this.emit('drain');
    }
  }

  private take(max: number): Uint8Array {
    const first = this.queue[0]!;
    if (first.length <= max) {
      this.queue.shift();
      this.queued -= first.length;
      return first;
    }
    this.queue[0] = first.subarray(max);
    this.queued -= max;
    return first.subarray(0, max);
  }

  write(data: Uint8Array | string): boolean {
    if (this.ended || this.closed) {
      const err = netError('EPIPE');
      queueMicrotask(() => this.emit('error', err));
      return false;
    }
    const bytes = toBytes(data);
    if (bytes.length > 0) {
      this.queue.push(bytes);
      this.queued += bytes.length;
      this.touch();
    }
    this.flush();
    const ok = this.queued + this.inflight() < TCP_HIGH_WATER_MARK;
    if (!ok) this.needDrain = true;
    return ok;
  }

  end(data?: Uint8Array | string): void {
    if (data !== undefined && !this.ended) this.write(data);
    if (this.ended || this.closed) return;
    this.ended = true;
    this.flush();
    this.maybeClose();
  }

  destroy(err?: Error): void {
    if (this.closed) return;
    if (this.state === 'ESTABLISHED' || this.state === 'SYN_RECV') this.transmit({ rst: true }, this.sndNxt, 0);
    this.finish(err as SocketError | undefined);
  }

  setTimeout(ms: number): void {
    this.idleMs = ms;
    this.touch();
  }

  private touch(): void {
    this.idleTimer?.stop();
    this.idleTimer = undefined;
    if (this.idleMs > 0 && !this.closed) this.idleTimer = this.stack.clock.setTimer(this.idleMs, () => this.emit('timeout'));
  }

  /** icmpError applies an ICMP unreachable about this connection (tcp_v4_err). */
  icmpError(code: number): void {
    if (this.state !== 'SYN_SENT' && this.state !== 'SYN_RECV') return;
    const c = code === ICMP_HOST_UNREACH || code === 10 ? 'EHOSTUNREACH' : code === ICMP_NET_UNREACH || code === 9 ? 'ENETUNREACH' : 'ECONNREFUSED';
    this.fail(netError(c, this.remoteAddress, this.remotePort));
  }

  private maybeClose(): void {
    if (this.finReceived && this.finSent && this.finAcked) this.finish();
  }

  /** fail closes the socket with an error (emitted, never thrown). */
  fail(err: SocketError): void {
    if (this.closed) return;
    this.finish(err);
  }

  private finish(err?: SocketError): void {
    if (this.closed) return;
    this.closed = true;
    this.state = 'CLOSED';
    this.connectTimer?.stop();
    this.retransmitTimer?.stop();
    this.idleTimer?.stop();
    this.stack.unregister(this);
    if (err) this.emit('error', err);
    this.emit('close', !!err);
  }

  get destroyed(): boolean {
    return this.closed;
  }
}
