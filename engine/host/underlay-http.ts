// Node-only transport for the process-mode underlay over HTTP, for hosts where raw TCP between
// processes is not available (WebContainer): a connection is a pair of long-lived requests sharing
// an id — POST …/up streams the dialer's bytes in its request body, GET …/down streams the
// listener's bytes in its response body — like a WebSocket built from two half-duplex streams.
import { createServer, request, type IncomingMessage, type ServerResponse, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dialer } from '../net/link/duplex.js';
import { RealClock, type Clock, type Timer } from '../util/clock.js';
import type { StreamUnderlay } from '../net/link/stream-underlay.js';
import type { UnderlayListener } from './underlay-tcp.js';
import { nodeDuplex } from './underlay-node-stream.js';

export const UNDERLAY_HTTP_PATH = '/underlay/v1/';
const PAIR_TIMEOUT_MS = 10_000;

interface Half {
  up?: { req: IncomingMessage; res: ServerResponse };
  down?: ServerResponse;
  timer: Timer;
}

/** underlayHttpHandler serves the underlay's paths; it returns false for any other request. */
export function underlayHttpHandler(underlay: StreamUnderlay, clock: Clock = new RealClock()): { handle(req: IncomingMessage, res: ServerResponse): boolean; breakAll(): void; connections(): number } {
  const halves = new Map<string, Half>();
  const open = new Set<() => void>();
  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://underlay');
    if (!url.pathname.startsWith(UNDERLAY_HTTP_PATH)) return false;
    const [id, dir] = url.pathname.slice(UNDERLAY_HTTP_PATH.length).split('/');
    const want = dir === 'up' ? 'POST' : dir === 'down' ? 'GET' : undefined;
    if (!id || !want || req.method !== want) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return true;
    }
    let half = halves.get(id);
    if (!half) {
      half = { timer: clock.setTimer(PAIR_TIMEOUT_MS, () => drop(id)) };
      halves.set(id, half);
    }
    if (dir === 'up') half.up = { req, res };
    else {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.flushHeaders(); // the dialer waits for these headers before it starts uploading
      half.down = res;
    }
    if (half.up && half.down) {
      half.timer.stop();
      halves.delete(id);
      const { up, down } = half;
      const destroy = () => {
        open.delete(destroy);
        up.req.destroy();
        up.res.destroy();
        down.destroy();
      };
      open.add(destroy);
      down.on('close', destroy);
      up.req.on('close', () => (up.req.complete ? up.res.end() : destroy()));
      up.req.socket.setNoDelay(true);
      down.socket?.setNoDelay(true);
      void underlay.accept(nodeDuplex(up.req, down, destroy, `http ${id}`));
    }
    return true;
  };
  const drop = (id: string) => {
    const half = halves.get(id);
    halves.delete(id);
    half?.up?.res.destroy();
    half?.down?.destroy();
  };
  return { handle, breakAll: () => [...open].forEach((d) => d()), connections: () => open.size };
}

/** listenHttpUnderlay serves only the underlay (a cluster may mount underlayHttpHandler instead). */
export async function listenHttpUnderlay(underlay: StreamUnderlay, options: { port?: number; host?: string } = {}): Promise<UnderlayListener & { server: Server }> {
  const h = underlayHttpHandler(underlay);
  const server = createServer((req, res) => {
    if (!h.handle(req, res)) res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    breakAll: h.breakAll,
    connections: h.connections,
    close: () =>
      new Promise<void>((resolve) => {
        h.breakAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** httpDialer opens the download, then the upload, to baseUrl (e.g. "http://127.0.0.1:6443"). */
export function httpDialer(baseUrl: string): Dialer {
  return async () => {
    const id = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    const base = new URL(`${UNDERLAY_HTTP_PATH}${id}/`, baseUrl);
    const down = await new Promise<{ req: ClientRequest; res: IncomingMessage }>((resolve, reject) => {
      const req = request(new URL('down', base), { method: 'GET', agent: false }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`underlay download: HTTP ${res.statusCode}`));
        }
        resolve({ req, res });
      });
      req.once('error', reject);
      req.end();
    });
    const up = request(new URL('up', base), { method: 'POST', agent: false, headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' } });
    up.flushHeaders();
    up.on('error', () => {});
    down.req.on('error', () => {});
    up.on('socket', (s) => s.setNoDelay(true));
    down.res.socket.setNoDelay(true);
    const destroy = () => {
      up.destroy();
      down.req.destroy();
      down.res.destroy();
    };
    // The server ends the upload's response only when the pair is torn down.
    up.on('response', (res) => res.on('end', destroy).resume());
    return nodeDuplex(down.res, up, destroy, `http ${id}`);
  };
}
