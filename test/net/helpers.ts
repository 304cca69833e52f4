// Test helpers for dataplane scenarios: a TCP echo server that names itself, and a client
// call that resolves with the reply or the socket error code.
import type { NetworkNamespace, StreamSocket } from '../../engine/net/types.js';

const decoder = new TextDecoder();

/** echoServer answers every chunk with "<name>:<chunk>". */
export async function echoServer(ns: NetworkNamespace, port: number, name: string): Promise<void> {
  const server = ns.stack.createServer((s) => s.on('data', (d) => s.write(`${name}:${decoder.decode(d)}`)));
  await server.listen(port);
}

export interface CallResult {
  reply?: string;
  error?: string;
  remote?: string;
  socket: StreamSocket;
}

/** call connects, sends msg, and resolves with the first reply (then closes) or the error code. */
export function call(ns: NetworkNamespace, host: string, port: number, msg: string, timeoutMs?: number): Promise<CallResult> {
  return new Promise((resolve) => {
    const s = ns.stack.connect({ host, port, timeoutMs });
    s.on('connect', () => s.write(msg));
    s.on('data', (d) => {
      resolve({ reply: decoder.decode(d), remote: `${s.remoteAddress}:${s.remotePort}`, socket: s });
      s.end();
    });
    s.on('error', (e) => resolve({ error: e.code, socket: s }));
  });
}
