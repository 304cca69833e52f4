// Mirrors Go's net/http Transport (transport.go's persistConn, reduced): HTTP/1.1 requests over the
// dataplane's stream sockets, with idle keep-alive connections reused and each response's body
// streamed into a web Response as it arrives — so a watch delivers events while the request is open.
// No TLS, proxies, HTTP/2 or retries; a request's signal aborting closes its connection.
import type { NetStack, StreamSocket } from '../../../net/types.js';
import type { Transport } from '../../transport.js';
import { MessageParser, canonicalHeader, encodeHead, framingFor, header, type MessageHead } from './http1.js';

export interface HTTPTransportOptions {
  net: NetStack;
  /** host and port every request goes to, whatever the Request URL's origin says. */
  host: string;
  port: number;
  /** dialTimeoutMs bounds the TCP connect (client-go's dialer uses 30 s). */
  dialTimeoutMs?: number;
  /** maxIdleConns is how many idle connections are kept for reuse (Go's MaxIdleConnsPerHost is 2). */
  maxIdleConns?: number;
}

interface Exchange {
  head(h: MessageHead): void;
  body(data: Uint8Array): void;
  end(): void;
  fail(err: Error): void;
}

/** persistConn is one connection: a socket, its parser and the exchange it is serving. */
class PersistConn {
  current: Exchange | undefined;
  broken = false;
  noBody = false;
  closeAfter = false;
  readonly parser: MessageParser;

  constructor(readonly socket: StreamSocket, private readonly onIdle: (c: PersistConn) => void) {
    this.parser = new MessageParser(
      { onHead: (h) => this.current?.head(h), onBody: (d) => this.current?.body(d), onEnd: () => this.finish() },
      (h) => framingFor(h, true, this.noBody),
    );
    socket.on('data', (chunk) => {
      try {
        this.parser.push(chunk);
      } catch (err) {
        this.break(err instanceof Error ? err : new Error(String(err)));
      }
    });
    socket.on('end', () => {
      if (!this.parser.close()) this.break(Object.assign(new Error('unexpected EOF'), { code: 'ECONNRESET' }));
      else this.break(undefined);
    });
    socket.on('close', () => this.break(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' })));
    socket.on('error', (err) => this.break(err));
  }

  private finish(): void {
    const done = this.current;
    this.current = undefined;
    done?.end();
    if (this.closeAfter) this.break(undefined);
    else if (!this.broken) this.onIdle(this);
  }

  /** break marks the connection unusable and fails the exchange in flight (if any). */
  break(err: Error | undefined): void {
    const was = this.current;
    this.current = undefined;
    if (!this.broken) {
      this.broken = true;
      this.socket.destroy();
    }
    if (was && err) was.fail(err);
  }
}

/** newHTTPTransport returns a Transport that speaks HTTP/1.1 to host:port over net. */
export function newHTTPTransport(options: HTTPTransportOptions): Transport {
  const idle: PersistConn[] = [];
  const maxIdle = options.maxIdleConns ?? 2;
  const putIdle = (c: PersistConn): void => {
    if (idle.length < maxIdle) idle.push(c);
    else c.break(undefined);
  };

  const dial = (): Promise<PersistConn> =>
    new Promise((resolve, reject) => {
      const socket = options.net.connect({ host: options.host, port: options.port, timeoutMs: options.dialTimeoutMs ?? 30_000 });
      // Listeners attach now: bytes arriving before would be lost (the stream contract).
      const conn = new PersistConn(socket, putIdle);
      const onError = (err: Error): void => reject(err);
      socket.on('error', onError);
      socket.on('connect', () => {
        socket.off('error', onError);
        resolve(conn);
      });
    });

  const getConn = async (): Promise<PersistConn> => {
    while (idle.length > 0) {
      const c = idle.pop()!;
      if (!c.broken) return c;
    }
    return dial();
  };

  return async (request) => {
    request.signal?.throwIfAborted();
    const url = new URL(request.url);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const conn = await getConn();
    const headers: [string, string][] = [['Host', url.host || `${options.host}:${options.port}`]];
    request.headers.forEach((v, k) => {
      if (k !== 'host' && k !== 'content-length' && k !== 'connection' && k !== 'transfer-encoding') headers.push([canonicalHeader(k), v]);
    });
    if (!request.headers.has('user-agent')) headers.push(['User-Agent', 'Go-http-client/1.1']);
    if (body || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(request.method)) headers.push(['Content-Length', String(body?.length ?? 0)]);
    conn.noBody = request.method === 'HEAD';

    return new Promise<Response>((resolve, reject) => {
      let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
      let settled = false;
      // Body bytes wait here until the reader asks, then go as one chunk — what a socket read
      // returns — instead of queueing every segment: a watch that falls behind on big events
      // would otherwise build a queue of tens of thousands of chunks.
      let held: Uint8Array[] = [];
      const release = (): void => {
        if (!held.length || !controller) return;
        const chunk = held.length === 1 ? held[0]! : joinChunks(held);
        held = [];
        controller.enqueue(chunk);
      };
      const onAbort = (): void => {
        const reason = request.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
        conn.break(reason instanceof Error ? reason : new Error(String(reason)));
      };
      const cleanup = (): void => request.signal?.removeEventListener('abort', onAbort);
      conn.current = {
        head(h) {
          const status = Number(h.startLine[1]);
          const responseHeaders = new Headers();
          for (const [k, v] of h.headers) if (k !== 'transfer-encoding' && k !== 'connection') responseHeaders.append(k, v);
          const nullBody = conn.noBody || status === 204 || status === 304 || framingFor(h, true).kind === 'none';
          const stream = nullBody
            ? null
            : new ReadableStream<Uint8Array>({
                start: (c) => void (controller = c),
                pull: () => release(),
                // The reader went away (a watcher stopped): the connection cannot be reused mid-body.
                cancel: () => {
                  cleanup();
                  conn.break(undefined);
                },
              });
          // The server closes after this response: never hand the connection out again.
          if (header(h, 'connection')?.toLowerCase() === 'close') conn.closeAfter = true;
          settled = true;
          resolve(new Response(stream, { status, statusText: h.startLine[2], headers: responseHeaders }));
        },
        body(data) {
          held.push(data);
          if ((controller?.desiredSize ?? 0) > 0) release();
        },
        end() {
          cleanup();
          try {
            release();
            controller?.close();
          } catch {
            // Already cancelled by the reader.
          }
        },
        fail(err) {
          cleanup();
          if (!settled) {
            settled = true;
            reject(err);
            return;
          }
          try {
            controller?.error(err);
          } catch {
            // Already closed or cancelled.
          }
        },
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      const target = url.pathname + url.search;
      conn.socket.write(encodeHead(`${request.method} ${target} HTTP/1.1`, headers));
      if (body && body.length > 0) conn.socket.write(body);
    });
  };
}

/** joinChunks concatenates body chunks into one. */
function joinChunks(chunks: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
