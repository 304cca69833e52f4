// Mirrors k8s.io/client-go/rest (request.go): builds REST requests against the API server, turns
// error answers into StatusError (transformResponse / newUnstructuredResponseError), and reads
// watch streams line by line.
import type { Transport } from '../../client/transport.js';
import { StatusError, newStatus } from '../../apimachinery/api/errors/errors.js';
import type { Status, StatusReason, WatchEvent } from '../../apimachinery/apis/meta/v1/types.js';

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

/** ConnectionError is a transport failure; kubectl words it "The connection to the server … was refused". */
export class ConnectionError extends Error {
  constructor(readonly host: string, cause: unknown) {
    super(`The connection to the server ${host} was refused - did you specify the right host or port?`);
    void cause;
  }
}

export class RESTClient {
  constructor(
    readonly server: string,
    private readonly transport: Transport,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** url joins the server base with a path and query parameters (empty values dropped). */
  url(path: string, query: Record<string, string | undefined> = {}): string {
    const u = new URL(path, this.server.replace(/\/+$/, '') + '/');
    u.pathname = (new URL(this.server).pathname.replace(/\/+$/, '') + path).replace(/\/\/+/g, '/');
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') u.searchParams.set(k, v);
    return u.toString();
  }

  async raw(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const headers = new Headers(this.headers);
    headers.set('Accept', opts.accept ?? 'application/json, */*');
    headers.set('User-Agent', 'kubectl/v1.32.4 (kubelab) kubernetes/kubelab');
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers.set('Content-Type', opts.contentType ?? 'application/json');
    }
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = body;
    if (opts.signal) init.signal = opts.signal;
    const req = new Request(this.url(path, opts.query), init);
    try {
      return await this.transport(req);
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new ConnectionError(new URL(this.server).host, err);
    }
  }

  /** do sends a request and returns the decoded JSON body, throwing StatusError on failure. */
  async do<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.raw(method, path, opts);
    const text = await res.text();
    if (res.status >= 200 && res.status < 300) return (text ? JSON.parse(text) : {}) as T;
    throw errorFromResponse(res.status, text, method);
  }

  get<T = unknown>(path: string, opts?: RequestOptions): Promise<T> {
    return this.do<T>('GET', path, opts);
  }

  /** watch streams decoded watch events until the stream ends or signal aborts. */
  async *watch(path: string, opts: RequestOptions = {}): AsyncGenerator<WatchEvent> {
    const res = await this.raw('GET', path, { ...opts, query: { ...opts.query, watch: 'true' } });
    if (res.status < 200 || res.status >= 300) throw errorFromResponse(res.status, await res.text(), 'GET');
    if (!res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    // Aborting ends the stream even when the transport does not watch the signal itself.
    const onAbort = () => void reader.cancel().catch(() => undefined);
    opts.signal?.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (opts.signal?.aborted) return;
        const { value, done } = await reader.read().catch((err) => {
          if (opts.signal?.aborted) return { value: undefined, done: true as const };
          throw err;
        });
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) yield JSON.parse(line) as WatchEvent;
        }
      }
      if (buf.trim() && !opts.signal?.aborted) yield JSON.parse(buf) as WatchEvent;
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      reader.releaseLock();
    }
  }
}

const genericReasons: Record<number, [StatusReason, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  403: ['Forbidden', 'the server does not allow access to the requested resource'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  406: ['NotAcceptable', 'the server was unable to respond with a content type that the client supports'],
  409: ['Conflict', 'the server reported a conflict'],
  415: ['UnsupportedMediaType', 'the server was unable to respond with a content type that the client supports'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  500: ['InternalError', 'an error on the server ("") has prevented the request from succeeding'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
};

/** errorFromResponse decodes a Status body, or builds the generic error client-go would. */
export function errorFromResponse(code: number, text: string, method: string): StatusError {
  try {
    const obj = JSON.parse(text) as Partial<Status>;
    if (obj && obj.kind === 'Status' && obj.status === 'Failure') return new StatusError({ ...newStatus(code, '', ''), ...obj } as Status);
  } catch {
    // not JSON: fall through to the generic error
  }
  const [reason, message] = genericReasons[code] ?? ['', `an error on the server ("${text.trim()}") has prevented the request from succeeding`];
  let msg = message;
  if (code === 404 && method !== 'GET') msg = 'the server could not find the requested resource';
  if (text.trim() && code !== 404 && code in genericReasons) msg = `${message} (${method.toLowerCase()} ${text.trim().slice(0, 200)})`;
  return new StatusError(newStatus(code, reason, msg));
}
