// Node-only adapter between node:http and the engine's fetch-style handlers (like the net/http server
// kube-apiserver runs): requests become web Requests, Responses stream back chunk by chunk (watches),
// and a client that goes away aborts its request so the watch behind it stops. WebSocket upgrades
// (kubectl exec) and SPDY/3.1 upgrades, plain or tunnelled through a WebSocket (kubectl
// port-forward), reach the handler as a Request carrying an upgrade offer it may accept.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable, type Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Transport } from '../client/transport.js';
import { attachStreamUpgrade } from '../apimachinery/util/httpstream/httpstream.js';
import { attachUpgrade, parseProtocols } from '../apimachinery/util/httpstream/wsstream/conn.js';
import { streamUpgradeFor } from './spdy-upgrade.js';
import { handshakeResponse, serverConn } from './websocket.js';

export type FetchHandler = (req: Request) => Promise<Response>;

export interface ServeOptions {
  port?: number;
  host?: string;
}

export interface ServedHandler {
  port: number;
  url: string;
  server: Server;
  close(): Promise<void>;
}

const skippedResponseHeaders = new Set(['content-length', 'transfer-encoding', 'connection']);

/** toRequest converts a Node request into a web Request whose signal aborts when the client leaves. */
export function toRequest(req: IncomingMessage, res: ServerResponse, base: string): Request {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else if (v !== undefined) headers.set(k, v);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(new URL(req.url ?? '/', base), init);
}

/** writeResponse streams a web Response into a Node response, flushing each chunk. */
export async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => {
    if (!skippedResponseHeaders.has(k)) headers[k] = v;
  });
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  // Send the headers now: a watch may not have an event to send for a long time.
  res.flushHeaders();
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((r) => res.once('drain', () => r()).once('close', () => r()));
    }
  } catch {
    // The client went away mid-stream; nothing more to send.
  }
  res.end();
}

/** serve listens on a port (0 picks a free one) and answers with handler. */
export function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<ServedHandler> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const base = `http://${req.headers.host ?? host}`;
    void (async () => {
      try {
        await writeResponse(await handler(toRequest(req, res, base)), res);
      } catch (err) {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(err));
      }
    })();
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void handleUpgrade(handler, req, socket, head, `http://${req.headers.host ?? host}`).catch(() => socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://${host}:${port}`,
        server,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

/**
 * handleUpgrade serves a request that asks to switch protocols. A WebSocket or SPDY offer the
 * handler accepts gets the 101 and the framed connection; otherwise (a refusal, or a protocol
 * nobody here speaks) the handler's Response is written as a plain HTTP answer and the socket closed.
 */
export async function handleUpgrade(handler: FetchHandler, req: IncomingMessage, socket: Duplex, head: Buffer, base: string): Promise<void> {
  const controller = new AbortController();
  socket.on('close', () => controller.abort());
  socket.on('error', () => controller.abort());
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else if (v !== undefined) headers.set(k, v);
  }
  const request = new Request(new URL(req.url ?? '/', base), { method: req.method ?? 'GET', headers, signal: controller.signal });
  const key = req.headers['sec-websocket-key'];
  let accepted = false;
  const claim = () => {
    if (accepted) throw new Error('upgrade already accepted');
    accepted = true;
  };
  if (String(req.headers.upgrade ?? '').toLowerCase() === 'websocket' && typeof key === 'string') {
    attachUpgrade(request, {
      protocols: parseProtocols(headers.get('sec-websocket-protocol')),
      accept(protocol) {
        claim();
        socket.write(handshakeResponse(key, protocol));
        return serverConn(socket, protocol, head);
      },
    });
  }
  const streams = streamUpgradeFor(req, socket, head, claim);
  if (streams) attachStreamUpgrade(request, streams);
  const response = await handler(request);
  if (accepted) return void response.body?.cancel().catch(() => undefined);
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  response.headers.forEach((v, k) => {
    if (!skippedResponseHeaders.has(k)) lines.push(`${k}: ${v}`);
  });
  lines.push(`Content-Length: ${body.length}`, 'Connection: close');
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n'), body]));
}

/** inProcessTransport calls the handler directly: the same chain runs, without a socket. */
export function inProcessTransport(handler: FetchHandler): Transport {
  return (request) => handler(request);
}
