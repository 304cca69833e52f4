// Node-only listener for `kubectl port-forward` (client-go's portforward listens with net.Listen):
// a real TCP port on the host whose connections kubectl pipes through the API server.
import { createServer, type Socket } from 'node:net';
import type { LocalConnection, LocalListener } from '../kubectl/cmd/port-forward.js';

function wrap(socket: Socket): LocalConnection {
  return {
    onData: (fn) => void socket.on('data', (b: Buffer) => fn(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))),
    onEnd: (fn) => void socket.on('end', fn).on('error', fn),
    write: (chunk) => void socket.write(chunk),
    end: () => void socket.end(),
  };
}

/** nodeListener listens on address:port (0 = a free port) and hands each connection over. */
export const nodeListener: LocalListener = (address, port, onConnection) =>
  new Promise((resolve, reject) => {
    const server = createServer((socket) => onConnection(wrap(socket)));
    server.once('error', reject);
    server.listen(port, address, () => {
      const addr = server.address();
      resolve({ port: typeof addr === 'object' && addr ? addr.port : port, close: () => server.close() });
    });
  });
