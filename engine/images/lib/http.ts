// A small HTTP/1.1 server and client over StreamSocket for built-in images (nginx, the guestbook
// frontend, wget). One request per connection: the server answers with `Connection: close`.
import type { NetStack, StreamServer, StreamSocket } from '../../net/types.js';
import { connect } from './process-util.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface HttpRequest {
  method: string;
  /** target is the request target as sent ("/guestbook.php?cmd=get"). */
  target: string;
  path: string;
  query: URLSearchParams;
  version: string;
  headers: Record<string, string>;
  body: Uint8Array;
  remoteAddress: string;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Time-out',
};

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function headerEnd(buf: Uint8Array): number {
  for (let i = 0; i + 3 < buf.length; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) return i;
  }
  return -1;
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** HttpResponse.body as bytes. */
export function bodyBytes(body: Uint8Array | string | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array();
  return typeof body === 'string' ? encoder.encode(body) : body;
}

/** serveHttp listens on port and answers each request with handler's response. */
export async function serveHttp(
  net: NetStack,
  port: number,
  handler: (req: HttpRequest) => Promise<HttpResponse> | HttpResponse,
  host = '0.0.0.0',
): Promise<StreamServer> {
  const server = net.createServer((socket) => handleConnection(socket, handler));
  await server.listen(port, host);
  return server;
}

function handleConnection(socket: StreamSocket, handler: (req: HttpRequest) => Promise<HttpResponse> | HttpResponse): void {
  let buf: Uint8Array = new Uint8Array();
  let done = false;
  socket.on('error', () => {});
  const onData = (chunk: Uint8Array): void => {
    if (done) return;
    buf = concat(buf, chunk);
    const end = headerEnd(buf);
    if (end < 0) return;
    const lines = decoder.decode(buf.subarray(0, end)).split('\r\n');
    const [method = '', target = '/', version = 'HTTP/1.0'] = (lines[0] ?? '').split(' ');
    const headers = parseHeaders(lines.slice(1));
    const length = Number(headers['content-length'] ?? 0);
    if (buf.length - end - 4 < length) return;
    done = true;
    const url = new URL(target, 'http://localhost');
    const req: HttpRequest = {
      method, target, path: decodeURIComponent(url.pathname), query: url.searchParams, version, headers,
      body: buf.slice(end + 4, end + 4 + length), remoteAddress: socket.remoteAddress,
    };
    void Promise.resolve()
      .then(() => handler(req))
      .catch((): HttpResponse => ({ status: 500, body: '' }))
      .then((res) => {
        const body = bodyBytes(res.body);
        const head = [`HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? ''}`];
        const hs: Record<string, string> = { ...res.headers, 'Content-Length': String(body.length), Connection: 'close' };
        for (const [k, v] of Object.entries(hs)) head.push(`${k}: ${v}`);
        socket.write(head.join('\r\n') + '\r\n\r\n');
        if (method !== 'HEAD' && body.length > 0) socket.write(body);
        socket.end();
      });
  };
  socket.on('data', onData);
}

export interface ClientResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** httpRequest sends one request to address:port and reads the whole response. */
export async function httpRequest(
  net: NetStack,
  options: { address: string; port: number; method?: string; target: string; host?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number },
): Promise<ClientResponse> {
  const socket = await connect(net, options.address, options.port, options.timeoutMs);
  const body = bodyBytes(options.body);
  const headers: Record<string, string> = {
    Host: options.host ?? options.address,
    'User-Agent': 'Wget',
    ...options.headers,
    Connection: 'close',
  };
  if (body.length > 0) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    let buf: Uint8Array = new Uint8Array();
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      const end = headerEnd(buf);
      if (end < 0) {
        reject(Object.assign(new Error('Connection reset by peer'), { code: 'ECONNRESET' }));
        return;
      }
      const lines = decoder.decode(buf.subarray(0, end)).split('\r\n');
      const m = /^HTTP\/\d\.\d (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
      const hs = parseHeaders(lines.slice(1));
      let payload: Uint8Array = buf.slice(end + 4);
      if (hs['transfer-encoding']?.includes('chunked')) payload = dechunk(payload);
      else if (hs['content-length'] !== undefined) payload = payload.slice(0, Number(hs['content-length']));
      resolve({ status: Number(m?.[1] ?? 0), statusText: m?.[2] ?? '', headers: hs, body: payload });
    };
    socket.on('data', (chunk) => (buf = concat(buf, chunk)));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (err) => {
      if (settled) return;
      settled = true;
      reject(err);
    });
    socket.write([`${options.method ?? 'GET'} ${options.target} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n') + '\r\n\r\n');
    if (body.length > 0) socket.write(body);
  });
}

function dechunk(buf: Uint8Array): Uint8Array {
  let out: Uint8Array = new Uint8Array();
  let pos = 0;
  for (;;) {
    let lineEnd = pos;
    while (lineEnd + 1 < buf.length && !(buf[lineEnd] === 13 && buf[lineEnd + 1] === 10)) lineEnd++;
    const size = parseInt(decoder.decode(buf.subarray(pos, lineEnd)), 16);
    if (!size) return out;
    out = concat(out, buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    pos = lineEnd + 2 + size + 2;
  }
}

/** httpDate formats a time as an HTTP Date header ("Thu, 01 Jan 2026 00:00:00 GMT"). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
