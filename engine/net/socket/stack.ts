// Mirrors the socket layer of one namespace (net/ipv4/af_inet.c, inet_hashtables.c, udp.c's
// lookup, inet_csk_get_port): port binding with EADDRINUSE / EADDRNOTAVAIL, ephemeral ports from
// ip_local_port_range, demultiplexing delivered packets to connections, listeners and UDP sockets,
// RST for closed TCP ports and ICMP port-unreachable for closed UDP ports.
import type { NetStack, SocketAddress, StreamOptions, StreamSocket } from '../types.js';
import type { NetNamespace } from '../netns.js';
import type { Packet } from '../packet.js';
import type { Skb } from '../ipv4/skb.js';
import type { Clock } from '../../util/clock.js';
import type { OutputResult } from '../ipv4/ip-pipeline.js';
import { TcpSocket, TCP_LOOPBACK_MSS, TCP_MSS } from './tcp.js';
import { TcpServer } from './server.js';
import { UdpSocket } from './udp.js';
import { netError } from './errors.js';
import { echoReply, icmpError, tcpReset } from '../ipv4/icmp.js';
import { ICMP_DEST_UNREACH, ICMP_ECHO, ICMP_ECHO_REPLY, ICMP_PORT_UNREACH } from '../packet.js';
import { isIP } from '../ip/addr.js';
import { randomInt } from '../util/rng.js';

/** EPHEMERAL_PORTS mirrors net.ipv4.ip_local_port_range. */
export const EPHEMERAL_PORTS = { min: 32768, max: 60999 };
/** DEFAULT_CONNECT_TIMEOUT_MS is how long Linux retries a SYN (tcp_syn_retries=6: 1+2+…+64 s). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 127_000;

function connKey(localAddr: string, localPort: number, remoteAddr: string, remotePort: number): string {
  return `${localAddr}:${localPort}>${remoteAddr}:${remotePort}`;
}

export class SocketStack implements NetStack {
  private readonly conns = new Map<string, TcpSocket>();
  private readonly listeners: TcpServer[] = [];
  private readonly udp: UdpSocket[] = [];
  private readonly echo = new Map<number, (p: Packet) => void>();
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;

  constructor(readonly ns: NetNamespace) {}

  get clock(): Clock {
    return this.ns.env.clock;
  }

  createServer(onConnection?: (socket: StreamSocket) => void, options: StreamOptions = {}): TcpServer {
    const server = new TcpServer(this, onConnection);
    server.allowHalfOpen = options.allowHalfOpen ?? false;
    return server;
  }

  connect(options: { host: string; port: number; localAddress?: string; timeoutMs?: number } & StreamOptions): TcpSocket {
    const s = new TcpSocket(this);
    s.allowHalfOpen = options.allowHalfOpen ?? false;
    const host = options.host === 'localhost' ? '127.0.0.1' : options.host;
    if (!isIP(host)) {
      queueMicrotask(() => s.emit('error', Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })));
      return s;
    }
    const local = options.localAddress ?? this.sourceFor(host);
    if (!local) {
      queueMicrotask(() => s.fail(netError('ENETUNREACH', host, options.port)));
      return s;
    }
    s.startConnect(host, options.port, local, this.ephemeralPort('tcp', local), options.timeoutMs ?? this.connectTimeoutMs);
    return s;
  }

  createDatagramSocket(): UdpSocket {
    return new UdpSocket(this);
  }

  /** sourceFor picks the source address for a destination (the route's preferred source). */
  sourceFor(dst: string): string | undefined {
    return this.ns.route(dst)?.src;
  }

  mssFor(dst: string): number {
    return this.ns.isLocal(dst) ? TCP_LOOPBACK_MSS : TCP_MSS;
  }

  isn(): number {
    return Math.floor(this.ns.env.rng() * 0xffffffff) >>> 0;
  }

  send(p: Packet): OutputResult {
    return this.ns.output(p);
  }

  register(s: TcpSocket): void {
    this.conns.set(connKey(s.localAddress, s.localPort, s.remoteAddress, s.remotePort), s);
  }

  unregister(s: TcpSocket): void {
    const k = connKey(s.localAddress, s.localPort, s.remoteAddress, s.remotePort);
    if (this.conns.get(k) === s) this.conns.delete(k);
  }

  /** connections lists open TCP connections (for ss/netstat-like tools). */
  connections(): TcpSocket[] {
    return [...this.conns.values()];
  }

  listening(): TcpServer[] {
    return [...this.listeners];
  }

  private checkAddress(address: string): void {
    if (address !== '0.0.0.0' && !this.ns.isLocal(address)) throw netError('EADDRNOTAVAIL', address);
  }

  private portUsed(proto: 'tcp' | 'udp', port: number, address: string): boolean {
    const clash = (b: SocketAddress | undefined) => !!b && b.port === port && (b.address === address || b.address === '0.0.0.0' || address === '0.0.0.0');
    if (proto === 'tcp') return this.listeners.some((l) => clash(l.bound)) || [...this.conns.values()].some((c) => c.localPort === port && c.localAddress === address);
    return this.udp.some((u) => clash(u.bound));
  }

  ephemeralPort(proto: 'tcp' | 'udp', address: string): number {
    for (let i = 0; i < 1000; i++) {
      const port = randomInt(this.ns.env.rng, EPHEMERAL_PORTS.min, EPHEMERAL_PORTS.max);
      if (!this.portUsed(proto, port, address)) return port;
    }
    throw netError('EADDRINUSE', address);
  }

  listenTcp(server: TcpServer, port: number, address: string): SocketAddress {
    this.checkAddress(address);
    if (port === 0) port = this.ephemeralPort('tcp', address);
    else if (this.listeners.some((l) => l.bound && l.bound.port === port && (l.bound.address === address || l.bound.address === '0.0.0.0' || address === '0.0.0.0')))
      throw netError('EADDRINUSE', address === '0.0.0.0' ? '::' : address, port);
    this.listeners.push(server);
    return { address, port };
  }

  unlistenTcp(server: TcpServer): void {
    const i = this.listeners.indexOf(server);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  bindUdp(sock: UdpSocket, port: number, address: string): SocketAddress {
    const addr = address === 'localhost' ? '127.0.0.1' : address;
    this.checkAddress(addr);
    if (port === 0) port = this.ephemeralPort('udp', addr);
    else if (this.portUsed('udp', port, addr)) {
      const err = netError('EADDRINUSE', addr, port);
      err.message = `bind EADDRINUSE ${addr}:${port}`;
      err.syscall = 'bind';
      throw err;
    }
    this.udp.push(sock);
    return { address: addr, port };
  }

  unbindUdp(sock: UdpSocket): void {
    const i = this.udp.indexOf(sock);
    if (i >= 0) this.udp.splice(i, 1);
  }

  /** openEcho registers an ICMP echo identifier (a ping socket); replies go to onReply. */
  openEcho(onReply: (p: Packet) => void): { id: number; close(): void } {
    let id = randomInt(this.ns.env.rng, 1, 65535);
    while (this.echo.has(id)) id = (id % 65535) + 1;
    this.echo.set(id, onReply);
    return { id, close: () => this.echo.delete(id) };
  }

  private findListener(addr: string, port: number): TcpServer | undefined {
    return (
      this.listeners.find((l) => l.bound?.port === port && l.bound.address === addr) ??
      this.listeners.find((l) => l.bound?.port === port && l.bound.address === '0.0.0.0')
    );
  }

  private findUdp(addr: string, port: number): UdpSocket | undefined {
    return this.udp.find((u) => u.bound?.port === port && u.bound.address === addr) ?? this.udp.find((u) => u.bound?.port === port && u.bound.address === '0.0.0.0');
  }

  /** probe reports whether a packet would reach a socket (trace probes stop here). */
  probe(p: Packet): boolean {
    if (p.protocol === 'tcp') return !!this.conns.get(connKey(p.dst, p.dport, p.src, p.sport)) || !!this.findListener(p.dst, p.dport);
    if (p.protocol === 'udp') return !!this.findUdp(p.dst, p.dport);
    return true;
  }

  /** deliver hands a packet that passed INPUT to its socket (tcp_v4_rcv, udp_rcv, icmp_rcv). */
  deliver(p: Packet, skb: Skb): void {
    switch (p.protocol) {
      case 'tcp': {
        const conn = this.conns.get(connKey(p.dst, p.dport, p.src, p.sport));
        if (conn) return conn.segment(p);
        const f = p.tcp?.flags ?? {};
        if (f.syn && !f.ack) {
          const l = this.findListener(p.dst, p.dport);
          if (l) return l.syn(p);
        }
        tcpReset(this.ns, skb);
        return;
      }
      case 'udp': {
        const u = this.findUdp(p.dst, p.dport);
        if (u) return u.receive(p);
        icmpError(this.ns, skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
        return;
      }
      case 'icmp': {
        const i = p.icmp!;
        if (i.type === ICMP_ECHO) return echoReply(this.ns, p);
        if (i.type === ICMP_ECHO_REPLY) return this.echo.get(i.id ?? -1)?.(p);
        const q = i.quoted;
        if (!q) return;
        if (q.protocol === 'tcp') this.conns.get(connKey(q.src, q.sport, q.dst, q.dport))?.icmpError(i.code);
        else if (q.protocol === 'icmp') this.echo.get(q.sport)?.(p);
        return;
      }
    }
  }
}
