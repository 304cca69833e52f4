// The dataplane's public contract: what programs in images, node tools, kube-proxy and the cluster
// DNS see of the network. Sockets are shaped like Node's `net` and `dgram` (a subset, web-standard
// types only); netfilter is programmed the way kube-proxy programs it — iptables-restore text — and
// read back as iptables-save prints it.

export type Protocol = 'tcp' | 'udp' | 'icmp';

export interface SocketAddress {
  address: string;
  port: number;
}

/** NetError codes follow Node's: ECONNREFUSED (RST), ETIMEDOUT (DROP), EHOSTUNREACH, EADDRINUSE, ECONNRESET. */
export interface NetError extends Error {
  code: 'ECONNREFUSED' | 'ETIMEDOUT' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'EADDRINUSE' | 'EADDRNOTAVAIL' | 'ECONNRESET' | 'EPIPE';
}

/**
 * StreamSocket is a TCP-like connection (node:net Socket subset). Two rules differ from what a
 * Node stream may suggest, and every implementation (the dataplane and the images' test fakes)
 * keeps them:
 * - 'data' is emitted as segments arrive; nothing is buffered until a listener exists (there is no
 *   paused mode). Attach 'data' and 'end' listeners synchronously, right after connect() returns or
 *   in the 'connection' callback — bytes that arrive before are lost to the program.
 * - Half-close follows Node's allowHalfOpen. 'end' means the peer sent FIN (after all its data).
 *   With allowHalfOpen false (the default) the socket then ends its own side at once, and 'close'
 *   follows when both FINs are acknowledged; with allowHalfOpen true it stays writable until the
 *   program calls end() itself (a server that answers after the request's end needs that).
 */
export interface StreamSocket {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** write queues data; false means the peer's window is full — wait for 'drain'. */
  write(data: Uint8Array | string): boolean;
  /** end half-closes: the peer sees 'end' after the data already sent; 'close' follows once both sides ended. */
  end(data?: Uint8Array | string): void;
  /** destroy aborts the connection (the peer sees ECONNRESET). */
  destroy(err?: Error): void;
  /** setTimeout emits 'timeout' after ms of inactivity (0 disables). */
  setTimeout(ms: number): void;
  on(event: 'data', listener: (chunk: Uint8Array) => void): this;
  on(event: 'connect' | 'end' | 'close' | 'drain' | 'timeout', listener: () => void): this;
  on(event: 'error', listener: (err: NetError) => void): this;
  off(event: string, listener: (...args: never[]) => void): this;
}

/** StreamOptions are the socket options of net.createServer / net.connect that the contract keeps. */
export interface StreamOptions {
  /** allowHalfOpen keeps the socket writable after the peer's FIN (default false: end ours too). */
  allowHalfOpen?: boolean;
}

export interface StreamServer {
  /** listen binds host:port (host "0.0.0.0" = every address of the namespace; port 0 = any free). */
  listen(port: number, host?: string): Promise<SocketAddress>;
  address(): SocketAddress | undefined;
  close(): void;
  on(event: 'connection', listener: (socket: StreamSocket) => void): this;
}

export interface RemoteInfo extends SocketAddress {
  size: number;
}

/** DatagramSocket is a UDP socket (node:dgram Socket subset). */
export interface DatagramSocket {
  bind(port?: number, address?: string): Promise<SocketAddress>;
  send(data: Uint8Array, port: number, address: string): void;
  address(): SocketAddress | undefined;
  close(): void;
  on(event: 'message', listener: (msg: Uint8Array, rinfo: RemoteInfo) => void): this;
  on(event: 'error', listener: (err: NetError) => void): this;
}

/** NetStack is what a process in a network namespace uses to talk to the network. */
export interface NetStack {
  /** createServer listens for streams; options (allowHalfOpen) apply to every accepted socket. */
  createServer(onConnection?: (socket: StreamSocket) => void, options?: StreamOptions): StreamServer;
  /** connect opens a stream; it emits 'connect', or 'error' with ECONNREFUSED / ETIMEDOUT / EHOSTUNREACH. */
  connect(options: { host: string; port: number; localAddress?: string; timeoutMs?: number } & StreamOptions): StreamSocket;
  createDatagramSocket(): DatagramSocket;
}

export interface IptablesRestoreOptions {
  /** noflush keeps the chains the text does not mention (iptables-restore --noflush). */
  noflush?: boolean;
}

/** Netfilter is a namespace's iptables: programmed and read back in iptables' own text formats. */
export interface Netfilter {
  /** restore applies iptables-restore input atomically; throws an Error with iptables' message on bad input. */
  restore(text: string, options?: IptablesRestoreOptions): void;
  /** save prints the tables (or one table) exactly as iptables-save does. */
  save(table?: 'filter' | 'nat' | 'mangle' | 'raw'): string;
  /** run executes one `iptables …` command line (argv without the leading "iptables"); returns its output. */
  run(argv: string[]): { code: number; stdout: string; stderr: string };
}

/** NetworkNamespace is one network namespace: its interfaces, routes, netfilter, conntrack and sockets. */
export interface NetworkNamespace {
  readonly name: string;
  readonly stack: NetStack;
  readonly netfilter: Netfilter;
  /** addresses lists the namespace's IPv4 addresses (loopback excluded). */
  addresses(): string[];
}
