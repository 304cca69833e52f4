// Node-only transport for the process-mode underlay over plain TCP (node:net): one process listens,
// the others dial it; each socket becomes a DuplexStream handed to the StreamUnderlay.
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Dialer } from '../net/link/duplex.js';
import type { StreamUnderlay } from '../net/link/stream-underlay.js';
import { nodeDuplex } from './underlay-node-stream.js';

export interface UnderlayListener {
  port: number;
  /** breakAll resets every open connection, as a network fault would (tests, chaos). */
  breakAll(): void;
  connections(): number;
  close(): Promise<void>;
}

function socketDuplex(s: Socket) {
  s.setNoDelay(true);
  return nodeDuplex(s, s, () => s.destroy(), `tcp ${s.remoteAddress}:${s.remotePort}`);
}

/** listenTcpUnderlay accepts peer processes on host:port (port 0 picks a free one). */
export async function listenTcpUnderlay(underlay: StreamUnderlay, options: { port?: number; host?: string } = {}): Promise<UnderlayListener> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    void underlay.accept(socketDuplex(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    breakAll: () => {
      for (const s of sockets) s.resetAndDestroy();
    },
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** tcpDialer connects to a listening peer; the PeerLink calls it again after a break. */
export function tcpDialer(port: number, host = '127.0.0.1'): Dialer {
  return () =>
    new Promise((resolve, reject) => {
      const s = connect({ port, host });
      s.once('connect', () => {
        s.off('error', reject);
        s.on('error', () => {});
        resolve(socketDuplex(s));
      });
      s.once('error', reject);
    });
}
