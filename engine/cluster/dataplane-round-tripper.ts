// Mirrors the transport k8s.io/apimachinery/pkg/util/proxy (upgradeaware.go) uses when the API
// server proxies to a service, pod or node: one HTTP/1.1 request over a TCP stream opened from the
// control plane's host network namespace, the answer streamed back as a web Response. Simplified:
// one request per connection (Connection: close), request bodies are buffered, no upgrades.
import type { NetStack, StreamSocket } from '../net/types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

/** dial opens a stream and resolves once it is established (rejects with ECONNREFUSED, ETIMEDOUT, …). */
export function dial(net: NetStack, host: string, port: number, timeoutMs = 30_000): Promise<StreamSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, timeoutMs });
    const onError = (err: Error) => reject(err);
    socket.on('error', onError);
    socket.on('connect', () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** roundTrip sends req over a new connection to host:port in net and resolves with the streamed response. */
export async function roundTrip(net: NetStack, host: string, port: number, req: Request): Promise<Response> {
  const body = req.body ? new Uint8Array(await req.arrayBuffer()) : new Uint8Array();
  const socket = await dial(net, host, port);
  const url = new URL(req.url);
  const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${port === 80 ? host : `${host}:${port}`}`];
  req.headers.forEach((v, k) => {
    if (!hopByHop.has(k)) lines.push(`${k}: ${v}`);
  });
  if (body.length > 0 || !['GET', 'HEAD'].includes(req.method)) lines.push(`Content-Length: ${body.length}`);
  lines.push('Connection: close');
  return new Promise<Response>((resolve, reject) => {
    let head: Uint8Array = new Uint8Array();
    let bodyCtrl: ReadableStreamDefaultController<Uint8Array> | undefined;
    let decode: ((chunk: Uint8Array) => void) | undefined;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      try {
        bodyCtrl?.close();
      } catch {
        // the reader cancelled
      }
      socket.end();
    };
    const onHead = (buf: Uint8Array) => {
      const at = indexOfCRLFCRLF(buf);
      if (at < 0) return void (head = buf);
      const [status = '', ...rest] = decoder.decode(buf.subarray(0, at)).split('\r\n');
      const m = /^HTTP\/\d\.\d (\d{3}) ?(.*)$/.exec(status);
      if (!m) return reject(Object.assign(new Error('malformed HTTP response'), { code: 'ECONNRESET' }));
      const headers = new Headers();
      for (const l of rest) {
        const i = l.indexOf(':');
        if (i > 0) headers.append(l.slice(0, i).trim(), l.slice(i + 1).trim());
      }
      const code = Number(m[1]);
      const noBody = req.method === 'HEAD' || code === 204 || code === 304;
      const length = headers.get('content-length');
      const chunked = /chunked/i.test(headers.get('transfer-encoding') ?? '');
      for (const h of ['transfer-encoding', 'connection', 'keep-alive']) headers.delete(h);
      const stream = new ReadableStream<Uint8Array>({
        start: (c) => void (bodyCtrl = c),
        cancel: () => {
          ended = true;
          socket.destroy();
        },
      });
      let left = length !== null ? Number(length) : Infinity;
      if (chunked) decode = dechunker((b) => bodyCtrl?.enqueue(b), end);
      else
        decode = (chunk) => {
          const part = chunk.subarray(0, Math.min(chunk.length, left));
          left -= part.length;
          if (part.length) bodyCtrl?.enqueue(part.slice());
          if (left <= 0) end();
        };
      resolve(new Response(noBody ? null : stream, { status: code, statusText: m[2], headers }));
      if (noBody) return end();
      if (left === 0) return end();
      const remainder = buf.subarray(at + 4);
      if (remainder.length) decode(remainder);
    };
    socket.on('data', (chunk) => {
      if (decode) decode(chunk);
      else onHead(concat(head, chunk));
    });
    socket.on('end', () => (decode ? end() : reject(Object.assign(new Error('EOF'), { code: 'ECONNRESET' }))));
    socket.on('close', () => (decode ? end() : reject(Object.assign(new Error('EOF'), { code: 'ECONNRESET' }))));
    socket.on('error', (err) => {
      if (!decode) return reject(err);
      try {
        bodyCtrl?.error(err);
      } catch {
        // already closed
      }
    });
    socket.write(encoder.encode(lines.join('\r\n') + '\r\n\r\n'));
    if (body.length) socket.write(body);
  });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function indexOfCRLFCRLF(buf: Uint8Array): number {
  for (let i = 0; i + 3 < buf.length; i++) if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) return i;
  return -1;
}

/** dechunker decodes a chunked body incrementally, calling done after the last (zero) chunk. */
export function dechunker(emit: (b: Uint8Array) => void, done: () => void): (chunk: Uint8Array) => void {
  let buf: Uint8Array = new Uint8Array();
  let need = -1; // bytes of chunk data (+ CRLF) still expected; -1 while reading a size line
  let finished = false;
  return (chunk) => {
    if (finished) return;
    buf = concat(buf, chunk);
    for (;;) {
      if (need < 0) {
        let i = 0;
        while (i + 1 < buf.length && !(buf[i] === 13 && buf[i + 1] === 10)) i++;
        if (i + 1 >= buf.length) return;
        const size = parseInt(decoder.decode(buf.subarray(0, i)).split(';')[0]!, 16);
        buf = buf.subarray(i + 2);
        if (!size) {
          finished = true;
          return done();
        }
        need = size;
      }
      if (buf.length < need + 2) return;
      emit(buf.slice(0, need));
      buf = buf.subarray(need + 2);
      need = -1;
    }
  };
}
