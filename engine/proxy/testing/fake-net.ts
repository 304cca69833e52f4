// Test double (no upstream twin) for the dataplane's socket contract: a flat in-memory network
// where every stack owns some addresses and streams/datagrams go straight to the listener bound
// at the destination address and port. No netfilter, routing or loss — unit tests of the proxy
// sockets and the DNS server use it until they run on the real dataplane.
import type { DatagramSocket, NetError, NetStack, RemoteInfo, SocketAddress, StreamServer, StreamSocket } from '../../net/types.js';

type Listener = (...args: never[]) => void;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
}

/** bindKey: a wildcard bind belongs to its stack ("*<id>:port"), a specific one to its address. */
function bindKey(stack: FakeStack, address: string, port: number): string {
  return address === '0.0.0.0' ? `*${stack.id}:${port}` : `${address}:${port}`;
}

function netError(code: NetError['code'], message: string): NetError {
  return Object.assign(new Error(`${message} ${code}`), { code });
}

export class FakeNetwork {
  readonly streamServers = new Map<string, FakeServer>();
  readonly datagramSockets = new Map<string, FakeDatagramSocket>();
  private nextPort = 40000;

  ephemeralPort(): number {
    return this.nextPort++;
  }

  /** stack returns a NetStack owning the given addresses. */
  stack(...addresses: string[]): FakeStack {
    return new FakeStack(this, addresses);
  }
}

let stackIDs = 0;

export class FakeStack implements NetStack {
  readonly id = ++stackIDs;
  constructor(
    readonly network: FakeNetwork,
    readonly addresses: string[],
  ) {}

  /** lookup finds what is bound at address:port, accepting wildcard binds of the owning stack. */
  find<T extends { stack: FakeStack }>(table: Map<string, T>, address: string, port: number): T | undefined {
    const exact = table.get(`${address}:${port}`);
    if (exact) return exact;
    const wildcard = [...table.entries()].find(([k, v]) => k === `*${v.stack.id}:${port}` && (v.stack.addresses.includes(address) || (address === '127.0.0.1' && v.stack === this)));
    return wildcard?.[1];
  }

  createServer(onConnection?: (socket: StreamSocket) => void): StreamServer {
    const server = new FakeServer(this);
    if (onConnection) server.on('connection', onConnection);
    return server;
  }

  connect(options: { host: string; port: number; localAddress?: string }): StreamSocket {
    const local = new FakeSocket(options.localAddress ?? this.addresses[0] ?? '127.0.0.1', this.network.ephemeralPort(), options.host, options.port);
    queueMicrotask(() => {
      const server = this.find(this.network.streamServers, options.host, options.port);
      if (!server) {
        local.emit('error', netError('ECONNREFUSED', `connect ${options.host}:${options.port}`));
        local.emit('close');
        return;
      }
      const remote = new FakeSocket(options.host, options.port, local.localAddress, local.localPort);
      remote.peer = local;
      server.emit('connection', remote);
      local.connected(remote);
      local.emit('connect');
    });
    return local;
  }

  createDatagramSocket(): DatagramSocket {
    return new FakeDatagramSocket(this);
  }
}

class FakeServer extends Emitter implements StreamServer {
  private bound: SocketAddress | undefined;
  constructor(readonly stack: FakeStack) {
    super();
  }
  async listen(port: number, host = '0.0.0.0'): Promise<SocketAddress> {
    const p = port || this.stack.network.ephemeralPort();
    const key = bindKey(this.stack, host, p);
    if (this.stack.network.streamServers.has(key)) throw netError('EADDRINUSE', `listen ${key}`);
    this.stack.network.streamServers.set(key, this);
    this.bound = { address: host, port: p };
    return this.bound;
  }
  address(): SocketAddress | undefined {
    return this.bound;
  }
  close(): void {
    if (this.bound) this.stack.network.streamServers.delete(bindKey(this.stack, this.bound.address, this.bound.port));
    this.bound = undefined;
  }
}

/**
 * FakeSocket behaves like a node:net Socket with allowHalfOpen: incoming data waits until a 'data'
 * listener is attached (streams start paused), 'end' follows the data, each side ends its own half
 * explicitly, and the socket closes once both halves have ended.
 */
class FakeSocket extends Emitter implements StreamSocket {
  peer: FakeSocket | undefined;
  private ended = false;
  private gotEnd = false;
  private closed = false;
  private readonly inbox: Uint8Array[] = [];
  private endPending = false;
  constructor(
    readonly localAddress: string,
    readonly localPort: number,
    readonly remoteAddress: string,
    readonly remotePort: number,
  ) {
    super();
  }
  override on(event: string, listener: Listener): this {
    super.on(event, listener);
    if (event === 'data') queueMicrotask(() => this.flush());
    return this;
  }
  private flowing(): boolean {
    return this.count('data') > 0;
  }
  receive(chunk: Uint8Array): void {
    this.inbox.push(chunk);
    this.flush();
  }
  receiveEnd(): void {
    this.endPending = true;
    this.flush();
  }
  private flush(): void {
    if (!this.flowing() || this.closed) return;
    while (this.inbox.length) this.emit('data', this.inbox.shift());
    if (this.endPending && !this.gotEnd) {
      this.gotEnd = true;
      this.emit('end');
      this.maybeClose();
    }
  }
  write(data: Uint8Array | string): boolean {
    if (this.ended || this.closed) return false;
    const chunk = typeof data === 'string' ? new TextEncoder().encode(data) : data.slice();
    // Writes before the connection is up wait for it, as with a connecting net.Socket.
    queueMicrotask(() => this.deliver(() => this.peer?.receive(chunk)));
    return true;
  }
  end(data?: Uint8Array | string): void {
    if (data !== undefined) this.write(data);
    if (this.ended) return;
    this.ended = true;
    queueMicrotask(() => this.deliver(() => this.peer?.receiveEnd()));
    this.maybeClose();
  }
  private readonly outbox: (() => void)[] = [];
  private deliver(fn: () => void): void {
    if (this.peer && this.outbox.length === 0) fn();
    else this.outbox.push(fn);
  }
  /** connected attaches the peer and sends what was written while connecting. */
  connected(peer: FakeSocket): void {
    this.peer = peer;
    for (const fn of this.outbox.splice(0)) fn();
  }
  private maybeClose(): void {
    if (this.ended && this.gotEnd) this.finish();
  }
  destroy(err?: Error): void {
    const peer = this.peer;
    this.finish(err);
    queueMicrotask(() => {
      if (peer && !peer.closed && !(peer.ended && peer.endPending)) {
        peer.emit('error', netError('ECONNRESET', 'read'));
        peer.finish();
      }
    });
  }
  private finish(err?: Error): void {
    if (this.closed) return;
    this.closed = true;
    if (err) this.emit('error', err);
    this.emit('close');
  }
  setTimeout(): void {}
}

export class FakeDatagramSocket extends Emitter implements DatagramSocket {
  private bound: SocketAddress | undefined;
  constructor(readonly stack: FakeStack) {
    super();
  }
  async bind(port = 0, address = '0.0.0.0'): Promise<SocketAddress> {
    const p = port || this.stack.network.ephemeralPort();
    const key = bindKey(this.stack, address, p);
    if (this.stack.network.datagramSockets.has(key)) throw netError('EADDRINUSE', `bind ${key}`);
    this.stack.network.datagramSockets.set(key, this);
    this.bound = { address, port: p };
    return this.bound;
  }
  send(data: Uint8Array, port: number, address: string): void {
    if (!this.bound) void this.bind();
    const from = this.bound!;
    const source = from.address === '0.0.0.0' ? (this.stack.addresses[0] ?? '127.0.0.1') : from.address;
    const copy = data.slice();
    queueMicrotask(() => {
      const target = this.stack.find(this.stack.network.datagramSockets, address, port);
      const rinfo: RemoteInfo = { address: source, port: from.port, size: copy.length };
      target?.emit('message', copy, rinfo);
    });
  }
  address(): SocketAddress | undefined {
    return this.bound;
  }
  close(): void {
    if (this.bound) this.stack.network.datagramSockets.delete(bindKey(this.stack, this.bound.address, this.bound.port));
    this.bound = undefined;
  }
}
