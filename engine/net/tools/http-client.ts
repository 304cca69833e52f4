// A minimal HTTP/1.1 client over the dataplane's stream sockets (what curl and busybox wget do on
// the wire): one request, the response framed by Content-Length, chunked encoding or close.
import type { ToolContext } from './types.js';
import type { NetError } from '../types.js';
import { lookupHost } from './resolver.js';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: Uint8Array;
  connectTimeoutMs?: number;
  maxTimeMs?: number;
}

export interface HttpResponse {
  statusLine: string;
  status: number;
  headerText: string;
  headers: Map<string, string>;
  body: Uint8Array;
  remote: string;
}

export type HttpFailure = { kind: 'resolve'; host: string } | { kind: 'connect'; host: string; port: number; code: NetError['code']; elapsedMs: number } | { kind: 'timeout'; elapsedMs: number } | { kind: 'url'; url: string } | { kind: 'reset' };

const enc = new TextEncoder();
const dec = new TextDecoder();

function concat(parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function indexOfCrlf2(b: Uint8Array): number {
  for (let i = 0; i + 3 < b.length; i++) if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  return -1;
}

/** dechunk decodes a complete chunked body, or returns undefined if more is needed. */
function dechunk(b: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let i = 0;
  for (;;) {
    let j = i;
    while (j + 1 < b.length && !(b[j] === 13 && b[j + 1] === 10)) j++;
    if (j + 1 >= b.length) return undefined;
    const size = parseInt(dec.decode(b.subarray(i, j)), 16);
    if (Number.isNaN(size)) return concat(parts);
    if (size === 0) return concat(parts);
    if (j + 2 + size + 2 > b.length) return undefined;
    parts.push(b.subarray(j + 2, j + 2 + size));
    i = j + 2 + size + 2;
  }
}

export async function httpRequest(ctx: ToolContext, req: HttpRequest): Promise<HttpResponse | HttpFailure> {
  let url: URL;
  try {
    url = new URL(req.url.includes('://') ? req.url : `http://${req.url}`);
  } catch {
    return { kind: 'url', url: req.url };
  }
  const host = url.hostname;
  const port = url.port ? Number(url.port) : 80;
  const found = await lookupHost(ctx, host);
  const ip = found.addresses[0];
  if (!ip) return { kind: 'resolve', host };
  const start = ctx.clock.now();
  const hostHeader = url.port ? `${host}:${url.port}` : host;
  let head = `${req.method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${hostHeader}\r\n`;
  for (const [k, v] of req.headers) head += `${k}: ${v}\r\n`;
  if (req.body) head += `Content-Length: ${req.body.length}\r\n`;
  head += '\r\n';
  return new Promise((resolve) => {
    const s = ctx.netns.stack.connect({ host: ip, port, timeoutMs: req.connectTimeoutMs });
    const chunks: Uint8Array[] = [];
    let done = false;
    const maxTimer = req.maxTimeMs ? ctx.clock.setTimer(req.maxTimeMs, () => finish({ kind: 'timeout', elapsedMs: ctx.clock.now() - start })) : undefined;
    const finish = (r: HttpResponse | HttpFailure) => {
      if (done) return;
      done = true;
      maxTimer?.stop();
      s.destroy();
      resolve(r);
    };
    const tryParse = (closed: boolean) => {
      const all = concat(chunks);
      const at = indexOfCrlf2(all);
      if (at < 0) {
        if (closed) finish({ kind: 'reset' });
        return;
      }
      const headerText = dec.decode(all.subarray(0, at));
      const [statusLine = '', ...lines] = headerText.split('\r\n');
      const headers = new Map<string, string>();
      for (const l of lines) {
        const c = l.indexOf(':');
        if (c > 0) headers.set(l.slice(0, c).trim().toLowerCase(), l.slice(c + 1).trim());
      }
      const rest = all.subarray(at + 4);
      let body: Uint8Array | undefined;
      const noBody = req.method === 'HEAD' || /^HTTP\/\S+ (1\d\d|204|304)/.test(statusLine);
      if (noBody) body = new Uint8Array(0);
      else if (headers.get('transfer-encoding')?.toLowerCase() === 'chunked') body = dechunk(rest);
      else if (headers.has('content-length')) {
        const n = Number(headers.get('content-length'));
        if (rest.length >= n) body = rest.subarray(0, n);
      } else if (closed) body = rest;
      if (body) finish({ statusLine, status: Number(statusLine.split(' ')[1]), headerText, headers, body: body.slice(), remote: `${ip}:${port}` });
      else if (closed) finish({ statusLine, status: Number(statusLine.split(' ')[1]), headerText, headers, body: rest.slice(), remote: `${ip}:${port}` });
    };
    s.on('connect', () => {
      s.write(enc.encode(head));
      if (req.body) s.write(req.body);
    });
    s.on('data', (d) => {
      chunks.push(d);
      tryParse(false);
    });
    s.on('end', () => tryParse(true));
    s.on('close', () => tryParse(true));
    s.on('error', (e: NetError) => {
      if (done) return;
      if (e.code === 'ECONNRESET') return finish({ kind: 'reset' });
      finish({ kind: 'connect', host, port, code: e.code, elapsedMs: ctx.clock.now() - start });
    });
  });
}
