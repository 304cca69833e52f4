// Mirrors inet_csk_listen_start / inet_csk_accept behind Node's net.Server shape: a bound
// listening port whose completed handshakes become 'connection' events.
import type { SocketAddress, StreamServer, StreamSocket } from '../types.js';
import type { Packet } from '../packet.js';
import type { SocketStack } from './stack.js';
import { Emitter } from '../util/emitter.js';
import { TcpSocket } from './tcp.js';

export class TcpServer extends Emitter implements StreamServer {
  bound?: SocketAddress;
  /** allowHalfOpen is given to accepted sockets (net.createServer({ allowHalfOpen })). */
  allowHalfOpen = false;
  readonly connections = new Set<TcpSocket>();

  constructor(
    private readonly stack: SocketStack,
    onConnection?: (socket: StreamSocket) => void,
  ) {
    super();
    if (onConnection) this.on('connection', onConnection);
  }

  listen(port: number, host = '0.0.0.0'): Promise<SocketAddress> {
    try {
      this.bound = this.stack.listenTcp(this, port, host === 'localhost' ? '127.0.0.1' : host);
      queueMicrotask(() => this.emit('listening'));
      return Promise.resolve({ ...this.bound });
    } catch (err) {
      queueMicrotask(() => this.emit('error', err));
      return Promise.reject(err);
    }
  }

  address(): SocketAddress | undefined {
    return this.bound ? { ...this.bound } : undefined;
  }

  close(): void {
    if (!this.bound) return;
    this.stack.unlistenTcp(this);
    this.bound = undefined;
    queueMicrotask(() => this.emit('close'));
  }

  /** syn handles a SYN for the listening port: the handshake runs, then 'connection'. */
  syn(p: Packet): void {
    const s = new TcpSocket(this.stack);
    s.allowHalfOpen = this.allowHalfOpen;
    s.onEstablished = (sock) => {
      this.connections.add(sock);
      sock.on('close', () => this.connections.delete(sock));
      this.emit('connection', sock);
    };
    s.acceptSyn(p);
  }
}
