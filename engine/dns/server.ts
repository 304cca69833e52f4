// Mirrors CoreDNS core/dnsserver/server.go (ServePacket) for UDP: the cluster DNS listens on port 53
// in the network namespace it is given, decodes each datagram, asks the Handler and sends the reply
// back to the client's address. Replies over 512 bytes are truncated (TC bit) as plain DNS requires.
import type { DatagramSocket, NetStack, SocketAddress } from '../net/types.js';
import { Handler } from './handler.js';
import { decodeMessage, encodeMessage } from './wire/codec.js';
import { newReply, Rcode, type Message } from './wire/message.js';

/** maxUDPSize is the classic DNS-over-UDP payload limit without EDNS0. */
const maxUDPSize = 512;

export interface ServerOptions {
  stack: NetStack;
  handler: Handler;
  port?: number;
  address?: string;
  onError?: (err: unknown) => void;
}

export class Server {
  private socket: DatagramSocket | undefined;
  /** queries counts the requests served (like coredns_dns_requests_total). */
  queries = 0;

  constructor(private readonly options: ServerOptions) {}

  async start(): Promise<SocketAddress> {
    const socket = this.options.stack.createDatagramSocket();
    socket.on('message', (data, rinfo) => void this.serve(socket, data, rinfo.address, rinfo.port));
    const addr = await socket.bind(this.options.port ?? 53, this.options.address ?? '0.0.0.0');
    this.socket = socket;
    return addr;
  }

  stop(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  private async serve(socket: DatagramSocket, data: Uint8Array, address: string, port: number): Promise<void> {
    this.queries++;
    let req: Message;
    try {
      req = decodeMessage(data);
    } catch {
      // Answer FORMERR when at least the id is readable, else drop.
      if (data.length < 2) return;
      const id = (data[0] << 8) | data[1];
      const reply = newReply({ id, response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: false, recursionAvailable: false, rcode: 0, question: [], answer: [], ns: [], extra: [] }, Rcode.FormatError);
      socket.send(encodeMessage(reply), port, address);
      return;
    }
    try {
      const reply = await this.options.handler.serveDNS(req);
      let bytes = encodeMessage(reply);
      if (bytes.length > maxUDPSize) bytes = encodeMessage({ ...reply, truncated: true, answer: [], ns: [], extra: [] });
      socket.send(bytes, port, address);
    } catch (err) {
      this.options.onError?.(err);
      socket.send(encodeMessage(newReply(req, Rcode.ServerFailure)), port, address);
    }
  }
}
