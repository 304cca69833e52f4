// Mirrors github.com/miekg/dns client.go (Client.Exchange over UDP): send one query from a fresh
// datagram socket and wait for the reply with the same id, or time out on the injected clock.
import type { NetStack } from '../net/types.js';
import type { Clock } from '../util/clock.js';
import { decodeMessage, encodeMessage } from './wire/codec.js';
import type { Message } from './wire/message.js';

export interface ExchangeOptions {
  stack: NetStack;
  clock: Clock;
  /** server is "ip" or "ip:port" (port 53 by default). */
  server: string;
  timeoutMs?: number;
}

/** TimeoutError is what a query that got no answer rejects with (code ETIMEOUT, as node:dns). */
export class TimeoutError extends Error {
  readonly code = 'ETIMEOUT';
}

export function splitHostPort(server: string, defaultPort = 53): { host: string; port: number } {
  const i = server.lastIndexOf(':');
  if (i > 0 && /^\d+$/.test(server.slice(i + 1))) return { host: server.slice(0, i), port: Number(server.slice(i + 1)) };
  return { host: server, port: defaultPort };
}

/** exchange sends msg to the server and resolves with its reply. */
export async function exchange(msg: Message, options: ExchangeOptions): Promise<Message> {
  const { host, port } = splitHostPort(options.server);
  const socket = options.stack.createDatagramSocket();
  await socket.bind(0);
  return new Promise<Message>((resolve, reject) => {
    const timer = options.clock.setTimer(options.timeoutMs ?? 2000, () => {
      socket.close();
      reject(new TimeoutError(`read udp ${host}:${port}: i/o timeout`));
    });
    socket.on('message', (data) => {
      let reply: Message;
      try {
        reply = decodeMessage(data);
      } catch {
        return; // Ignore garbage; wait for a real answer or the timeout.
      }
      if (reply.id !== msg.id || !reply.response) return;
      timer.stop();
      socket.close();
      resolve(reply);
    });
    socket.on('error', (err) => {
      timer.stop();
      socket.close();
      reject(err);
    });
    socket.send(encodeMessage(msg), port, host);
  });
}
