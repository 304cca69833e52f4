// Mirrors Go's net/http server (server.go's conn.serve loop, reduced): serves a fetch-style handler
// on a stream-socket listener of the virtual network. Requests on a connection are answered in order
// (keep-alive); response bodies of unknown length go out chunked as they are produced (watches); a
// peer that goes away aborts its request's signal so the watch behind it stops. No TLS, no HTTP/2.
import { MessageParser, encodeChunk, encodeHead, framingFor, header, type MessageHead } from '../client/rest/incluster/http1.js';
import type { NetStack, SocketAddress, StreamServer, StreamSocket } from '../net/types.js';

export type FetchHandler = (request: Request) => Promise<Response>;

const statusText: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  409: 'Conflict', 410: 'Gone', 413: 'Request Entity Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

const skipped = new Set(['connection', 'transfer-encoding', 'keep-alive']);

interface Pending {
  head: MessageHead;
  body: Uint8Array[];
  complete: boolean;
}

/** HTTPServer is a listening server; close() stops accepting and drops open connections. */
export interface HTTPServer {
  address: SocketAddress;
  close(): void;
}

/** serveHTTP listens on host:port of stack and answers with handler. */
export async function serveHTTP(stack: NetStack, port: number, handler: FetchHandler, host = '0.0.0.0'): Promise<HTTPServer> {
  const open = new Set<StreamSocket>();
  const server: StreamServer = stack.createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    serveConn(socket, handler, `${host === '0.0.0.0' ? socket.localAddress : host}:${port}`);
  }, { allowHalfOpen: true });
  const address = await server.listen(port, host);
  return {
    address,
    close() {
      server.close();
      for (const s of open) s.destroy();
      open.clear();
    },
  };
}

/** serveConn is conn.serve: read a request, answer it, and go on while the connection is kept alive. */
function serveConn(socket: StreamSocket, handler: FetchHandler, localHost: string): void {
  const queue: Pending[] = [];
  const gone = new AbortController();
  let peerEnded = false;
  let busy = false;
  let closed = false;

  const parser = new MessageParser(
    {
      onHead: (head) => queue.push({ head, body: [], complete: false }),
      onBody: (data) => queue[queue.length - 1]?.body.push(data),
      onEnd: () => {
        queue[queue.length - 1]!.complete = true;
        void next();
      },
    },
    (head) => framingFor(head, false),
  );

  const shutdown = (): void => {
    if (closed) return;
    closed = true;
    gone.abort();
    socket.destroy();
  };
  socket.on('data', (chunk) => {
    try {
      parser.push(chunk);
    } catch {
      socket.write(encodeHead('HTTP/1.1 400 Bad Request', [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close'], ['Content-Length', '11']]));
      socket.end('Bad Request');
      closed = true;
    }
  });
  socket.on('end', () => {
    peerEnded = true;
    if (!busy && queue.length === 0) socket.end();
  });
  socket.on('close', shutdown);
  socket.on('error', shutdown);

  const next = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    while (queue[0]?.complete && !closed) {
      const p = queue.shift()!;
      const keepAlive = await answer(p);
      if (!keepAlive) {
        closed = true;
        socket.end();
        return;
      }
    }
    busy = false;
    if (peerEnded && queue.length === 0 && !closed) socket.end();
  };

  const answer = async (p: Pending): Promise<boolean> => {
    const [method, target, version] = p.head.startLine;
    const connection = (header(p.head, 'connection') ?? '').toLowerCase();
    const keepAlive = version === 'HTTP/1.1' ? connection !== 'close' : connection === 'keep-alive';
    const headers = new Headers();
    for (const [k, v] of p.head.headers) if (!skipped.has(k)) headers.append(k, v);
    const host = header(p.head, 'host') || localHost;
    let response: Response;
    try {
      const body = p.body.length > 0 ? new Blob(p.body as BlobPart[]) : undefined;
      const init: RequestInit = { method, headers, signal: gone.signal };
      if (body && method !== 'GET' && method !== 'HEAD') init.body = body;
      response = await handler(new Request(new URL(target, `http://${host}`), init));
    } catch (err) {
      response = new Response(String(err), { status: 500 });
    }
    return writeResponse(socket, response, method, keepAlive, gone.signal);
  };
}

/** writeResponse sends the head, then the body by Content-Length when known, else chunk by chunk. */
async function writeResponse(socket: StreamSocket, response: Response, method: string, keepAlive: boolean, gone: AbortSignal): Promise<boolean> {
  const headers: [string, string][] = [];
  response.headers.forEach((v, k) => {
    if (!skipped.has(k)) headers.push([k.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase()), v]);
  });
  const length = response.headers.get('content-length');
  const noBody = response.status === 204 || response.status === 304 || response.body === null;
  const chunked = !noBody && length === null;
  if (noBody && response.status !== 204 && response.status !== 304) headers.push(['Content-Length', '0']);
  if (chunked) headers.push(['Transfer-Encoding', 'chunked']);
  if (!keepAlive) headers.push(['Connection', 'close']);
  socket.write(encodeHead(`HTTP/1.1 ${response.status} ${response.statusText || statusText[response.status] || ''}`, headers));
  if (noBody || method === 'HEAD') {
    await response.body?.cancel().catch(() => undefined);
    return keepAlive;
  }
  const reader = response.body!.getReader();
  // A peer that leaves ends the body too, even if the handler is waiting for its next event.
  const onGone = (): void => void reader.cancel().catch(() => undefined);
  gone.addEventListener('abort', onGone, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (gone.aborted) return false;
      if (done) break;
      if (value.length > 0) socket.write(chunked ? encodeChunk(value) : value);
    }
  } catch {
    // The handler's stream failed mid-body: the client sees a truncated message, as with Go's server.
    return false;
  } finally {
    gone.removeEventListener('abort', onGone);
  }
  if (chunked) socket.write(encodeChunk(new Uint8Array()));
  return keepAlive;
}
