// A test double for the dataplane (engine/net/types.ts NetStack): stacks on one flat in-memory
// network, each with 127.0.0.1 and one address. No routing, netfilter or packets — only the socket
// semantics programs rely on, kept as the contract states them: 'data' emitted as it arrives (no
// paused mode), half-close with allowHalfOpen, refused ports, reset, backpressure and timeouts.
import type { Clock, Timer } from '../../util/clock.js';
import type {
  DatagramSocket, NetError, NetStack, RemoteInfo, SocketAddress, StreamOptions, StreamServer, StreamSocket,
} from '../../net/types.js';
import { Emitter } from '../../net/util/emitter.js';

const encoder = new TextEncoder();
/** HIGH_WATER_MARK is the bytes in flight after which write() asks the writer to wait for 'drain'. */
export const HIGH_WATER_MARK = 16 * 1024;

export function netError(code: NetError['code'], message: string): NetError {
  return Object.assign(new Error(`${message} ${code}`), { code });
}

/** FakeNetwork connects FakeStacks by address. */
export class FakeNetwork {
  readonly stacks = new Map<string, FakeStack>();
  /** dropped addresses swallow connections: connect times out (a DROP rule). */
  readonly dropped = new Set<string>();
  constructor(readonly clock: Clock) {}

  /** stack returns the stack owning address, creating it. */
  stack(address: string): FakeStack {
    let s = this.stacks.get(address);
    if (!s) {
      s = new FakeStack(this, address);
      this.stacks.set(address, s);
    }
    return s;
  }
}

type InboxItem = { kind: 'data'; chunk: Uint8Array } | { kind: 'end' };

export class FakeSocket extends Emitter implements StreamSocket {
  localAddress = '';
  localPort = 0;
  remoteAddress = '';
  remotePort = 0;
  /** allowHalfOpen keeps this side writable after the peer's end (default false, as Node). */
  allowHalfOpen = false;
  peer: FakeSocket | undefined;
  private inbox: InboxItem[] = [];
  private scheduled = false;
  private inflight = 0;
  private needDrain = false;
  private writableEnded = false;
  private readableEnded = false;
  private closed = false;
  private timeoutMs = 0;
  private timer: Timer | undefined;

  constructor(private readonly clock: Clock) {
    super();
  }

  write(data: Uint8Array | string): boolean {
    const chunk = typeof data === 'string' ? encoder.encode(data) : data;
    if (this.closed || this.writableEnded || !this.peer) {
      queueMicrotask(() => this.emit('error', netError('EPIPE', 'write')));
      return false;
    }
    this.touch();
    if (chunk.length === 0) return true;
    this.inflight += chunk.length;
    this.peer.enqueue({ kind: 'data', chunk: chunk.slice() });
    if (this.inflight >= HIGH_WATER_MARK) this.needDrain = true;
    return !this.needDrain;
  }

  end(data?: Uint8Array | string): void {
    if (data !== undefined) this.write(data);
    if (this.writableEnded || this.closed) return;
    this.writableEnded = true;
    this.peer?.enqueue({ kind: 'end' });
    this.maybeClose();
  }

  destroy(err?: Error): void {
    if (this.closed) return;
    const peer = this.peer;
    this.shutdown();
    if (peer && !peer.closed) {
      queueMicrotask(() => {
        if (peer.closed) return;
        peer.shutdown();
        peer.emit('error', netError('ECONNRESET', 'read'));
        peer.emit('close');
      });
    }
    queueMicrotask(() => {
      if (err) this.emit('error', err);
      this.emit('close');
    });
  }

  setTimeout(ms: number): void {
    this.timeoutMs = ms;
    this.touch();
  }

  /** deliver notes that the reader consumed bytes, so a waiting writer may drain. */
  private consumed(bytes: number): void {
    this.inflight -= bytes;
    if (this.needDrain && this.inflight < HIGH_WATER_MARK) {
      this.needDrain = false;
      this.emit('drain');
    }
  }

  enqueue(item: InboxItem): void {
    if (this.closed) return;
    this.inbox.push(item);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inbox.length > 0 && !this.closed) {
      // Data is emitted as it arrives, listener or not (the dataplane has no paused mode either).
      const head = this.inbox.shift()!;
      this.touch();
      if (head.kind === 'data') {
        this.emit('data', head.chunk);
        this.peer?.consumed(head.chunk.length);
      } else {
        this.readableEnded = true;
        this.emit('end');
        if (!this.allowHalfOpen && !this.writableEnded) this.end();
        this.maybeClose();
      }
    }
  }

  private maybeClose(): void {
    if (this.closed || !this.readableEnded || !this.writableEnded) return;
    this.shutdown();
    queueMicrotask(() => this.emit('close'));
  }

  private shutdown(): void {
    this.closed = true;
    this.writableEnded = true;
    this.readableEnded = true;
    this.inbox = [];
    this.timer?.stop();
  }

  private touch(): void {
    this.timer?.stop();
    this.timer = undefined;
    if (this.timeoutMs > 0 && !this.closed) {
      this.timer = this.clock.setTimer(this.timeoutMs, () => this.emit('timeout'));
    }
  }
}

class FakeServer extends Emitter implements StreamServer {
  private bound: SocketAddress | undefined;
  constructor(private readonly stack: FakeStack, readonly allowHalfOpen: boolean) {
    super();
  }
  async listen(port: number, host = '0.0.0.0'): Promise<SocketAddress> {
    this.bound = this.stack.bindStream(this, host, port);
    return this.bound;
  }
  address(): SocketAddress | undefined {
    return this.bound;
  }
  close(): void {
    if (this.bound) this.stack.unbindStream(this.bound);
    this.bound = undefined;
  }
}

class FakeDatagramSocket extends Emitter implements DatagramSocket {
  private bound: SocketAddress | undefined;
  constructor(private readonly stack: FakeStack) {
    super();
  }
  async bind(port = 0, address = '0.0.0.0'): Promise<SocketAddress> {
    this.bound = this.stack.bindDatagram(this, address, port);
    return this.bound;
  }
  send(data: Uint8Array, port: number, address: string): void {
    if (!this.bound) this.bound = this.stack.bindDatagram(this, '0.0.0.0', 0);
    const target = this.stack.peerStack(address);
    if (!target) return; // UDP to nowhere is silently lost
    const sock = target.datagramAt(target === this.stack ? '127.0.0.1' : address, port);
    if (!sock) return;
    const from = target === this.stack && isLoopback(address) ? '127.0.0.1' : this.stack.address;
    const rinfo: RemoteInfo = { address: from, port: this.bound.port, size: data.length };
    const copy = data.slice();
    queueMicrotask(() => sock.emit('message', copy, rinfo));
  }
  address(): SocketAddress | undefined {
    return this.bound;
  }
  close(): void {
    if (this.bound) this.stack.unbindDatagram(this.bound);
    this.bound = undefined;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.');
}

/** FakeStack is one network namespace's sockets. */
export class FakeStack implements NetStack {
  private streams = new Map<string, FakeServer>();
  private datagrams = new Map<string, FakeDatagramSocket>();
  private nextPort = 32768;

  constructor(readonly network: FakeNetwork, readonly address: string) {}

  createServer(onConnection?: (socket: StreamSocket) => void, options: StreamOptions = {}): StreamServer {
    const server = new FakeServer(this, options.allowHalfOpen ?? false);
    if (onConnection) server.on('connection', onConnection);
    return server;
  }

  connect(options: { host: string; port: number; localAddress?: string; timeoutMs?: number } & StreamOptions): StreamSocket {
    const clock = this.network.clock;
    const client = new FakeSocket(clock);
    client.allowHalfOpen = options.allowHalfOpen ?? false;
    const target = this.peerStack(options.host);
    const loop = target === this && isLoopback(options.host);
    client.localAddress = loop ? '127.0.0.1' : this.address;
    client.localPort = this.ephemeral();
    client.remoteAddress = isLoopback(options.host) ? '127.0.0.1' : options.host;
    client.remotePort = options.port;
    if (!target || this.network.dropped.has(options.host)) {
      const timer = clock.setTimer(options.timeoutMs ?? 75_000, () => {
        client.emit('error', netError('ETIMEDOUT', `connect ${options.host}:${options.port}`));
        client.emit('close');
      });
      client.once('close', () => timer.stop());
      return client;
    }
    const server = target.serverAt(loop ? '127.0.0.1' : options.host, options.port);
    if (!server) {
      queueMicrotask(() => {
        client.emit('error', netError('ECONNREFUSED', `connect ${client.remoteAddress}:${options.port}`));
        client.emit('close');
      });
      return client;
    }
    const accepted = new FakeSocket(clock);
    accepted.allowHalfOpen = server.allowHalfOpen;
    accepted.localAddress = client.remoteAddress;
    accepted.localPort = options.port;
    accepted.remoteAddress = client.localAddress;
    accepted.remotePort = client.localPort;
    client.peer = accepted;
    accepted.peer = client;
    queueMicrotask(() => {
      server.emit('connection', accepted);
      client.emit('connect');
    });
    return client;
  }

  createDatagramSocket(): DatagramSocket {
    return new FakeDatagramSocket(this);
  }

  // --- bookkeeping used by the sockets above ---

  peerStack(host: string): FakeStack | undefined {
    if (isLoopback(host) || host === this.address) return this;
    return this.network.stacks.get(host);
  }

  ephemeral(): number {
    return this.nextPort++;
  }

  bindStream(server: FakeServer, host: string, port: number): SocketAddress {
    const p = port === 0 ? this.ephemeral() : port;
    const key = `${host}:${p}`;
    if (this.streams.has(key) || this.streams.has(`0.0.0.0:${p}`) || (host === '0.0.0.0' && [...this.streams.keys()].some((k) => k.endsWith(`:${p}`)))) {
      throw netError('EADDRINUSE', `listen ${key}`);
    }
    this.streams.set(key, server);
    return { address: host, port: p };
  }

  unbindStream(addr: SocketAddress): void {
    this.streams.delete(`${addr.address}:${addr.port}`);
  }

  serverAt(host: string, port: number): FakeServer | undefined {
    return this.streams.get(`${host}:${port}`) ?? this.streams.get(`0.0.0.0:${port}`);
  }

  bindDatagram(sock: FakeDatagramSocket, host: string, port: number): SocketAddress {
    const p = port === 0 ? this.ephemeral() : port;
    const key = `${host}:${p}`;
    if (this.datagrams.has(key)) throw netError('EADDRINUSE', `bind ${key}`);
    this.datagrams.set(key, sock);
    return { address: host, port: p };
  }

  unbindDatagram(addr: SocketAddress): void {
    this.datagrams.delete(`${addr.address}:${addr.port}`);
  }

  datagramAt(host: string, port: number): FakeDatagramSocket | undefined {
    return this.datagrams.get(`${host}:${port}`) ?? this.datagrams.get(`0.0.0.0:${port}`);
  }
}
