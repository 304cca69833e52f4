// Mirrors net/ipv4/udp.c behind Node's dgram.Socket shape: bind (autobind on first send), send to
// any address, 'message' with the sender's address. Errors from ICMP are not reported, as for an
// unconnected Node socket.
import type { DatagramSocket, RemoteInfo, SocketAddress } from '../types.js';
import type { Packet } from '../packet.js';
import type { SocketStack } from './stack.js';
import { Emitter } from '../util/emitter.js';
import { newPacket } from '../packet.js';

export class UdpSocket extends Emitter implements DatagramSocket {
  bound?: SocketAddress;
  private closed = false;

  constructor(private readonly stack: SocketStack) {
    super();
  }

  bind(port = 0, address = '0.0.0.0'): Promise<SocketAddress> {
    try {
      this.bindSync(port, address);
      return Promise.resolve({ ...this.bound! });
    } catch (err) {
      queueMicrotask(() => this.emit('error', err));
      return Promise.reject(err);
    }
  }

  bindSync(port: number, address: string): void {
    this.bound = this.stack.bindUdp(this, port, address);
  }

  send(data: Uint8Array, port: number, address: string): void {
    if (this.closed) return;
    if (!this.bound) this.bindSync(0, '0.0.0.0');
    const host = address === 'localhost' ? '127.0.0.1' : address;
    let src = this.bound!.address;
    if (src === '0.0.0.0') src = this.stack.sourceFor(host) ?? '';
    const p = newPacket({ src, dst: host, protocol: 'udp', sport: this.bound!.port, dport: port, payload: data.slice() });
    this.stack.send(p);
  }

  address(): SocketAddress | undefined {
    return this.bound ? { ...this.bound } : undefined;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stack.unbindUdp(this);
    this.emit('close');
  }

  receive(p: Packet): void {
    const rinfo: RemoteInfo & { family: string } = { address: p.src, port: p.sport, size: p.payload.length, family: 'IPv4' };
    this.emit('message', p.payload.slice(), rinfo);
  }
}
