// k8s.io/kubectl/pkg/proxy/proxy_server.go: the request filter, the proxy handler under its API prefix, and the server with static files. Leaves out connection upgrades (exec, attach, port-forward through the proxy), --keepalive and X-Forwarded-For.
import type { Transport } from '../../client/transport.js';
import type { FileAccess } from '../cmd/util/io.js';
import { fileHandler } from './file-server.js';
import { httpError, serveMux, type Routed } from './serve-mux.js';

/** The filter's defaults: local hosts only, every path but exec and attach, every method. */
export const DefaultHostAcceptRE = '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$';
export const DefaultPathAcceptRE = '^.*';
export const DefaultPathRejectRE = '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach';
export const DefaultMethodRejectRE = '^$';

export type Handler = (request: Request) => Promise<Response>;

/**
 * makeRegexpArray splits a comma-separated list of regular expressions. Go's RE2 and JavaScript
 * agree on what these lists use; a leading (?i), (?s) or (?m) becomes the matching flag.
 */
export function makeRegexpArray(list: string): RegExp[] {
  if (list === '') return [];
  return list.split(',').map((part) => {
    const flags = /^\(\?([ims]+)\)/.exec(part);
    try {
      return flags ? new RegExp(part.slice(flags[0].length), flags[1]) : new RegExp(part);
    } catch (err) {
      throw new Error(`Error compiling re: error parsing regexp: ${(err as Error).message}`);
    }
  });
}

const matchesRegexp = (s: string, res: RegExp[]) => res.some((re) => re.test(s));

/** FilterServer rejects requests that match none of the accepted paths and hosts, or match a rejected path or method. */
export class FilterServer {
  constructor(
    readonly acceptPaths: RegExp[],
    readonly rejectPaths: RegExp[],
    readonly acceptHosts: RegExp[],
    readonly rejectMethods: RegExp[],
  ) {}

  /** accept applies the rules in upstream's order: rejections win over acceptances. */
  accept(method: string, path: string, host: string): boolean {
    if (matchesRegexp(path, this.rejectPaths)) return false;
    if (matchesRegexp(method, this.rejectMethods)) return false;
    return matchesRegexp(path, this.acceptPaths) && matchesRegexp(host, this.acceptHosts);
  }

  /** handlerFor answers 403 Forbidden to what accept refuses and hands the rest to delegate. */
  handlerFor(delegate: Routed): Routed {
    return async (request, path) => {
      const host = extractHost(request.headers.get('host') ?? new URL(request.url).host);
      if (this.accept(request.method, path.decoded, host)) return delegate(request, path);
      return httpError('Forbidden', 403);
    };
  }
}

/**
 * extractHost takes the host out of a Host header as net.SplitHostPort does: "localhost:8001" is
 * "localhost", "[::1]:8001" is "::1", and a header without a port ("[::1]") stays whole.
 */
export function extractHost(header: string): string {
  if (header.startsWith('[')) {
    const end = header.indexOf(']');
    if (end < 0 || header[end + 1] !== ':' || header.slice(end + 2).includes(':')) return header;
    return header.slice(1, end);
  }
  const colon = header.lastIndexOf(':');
  if (colon < 0 || header.slice(0, colon).includes(':')) return header;
  return header.slice(0, colon);
}

/** APITarget is where the proxy sends requests: the kubeconfig's server, reached through kubectl's transport with its credentials. */
export interface APITarget {
  server: string;
  transport: Transport;
  /** headers carry the kubeconfig's credentials (Authorization) when the request has none. */
  headers: Record<string, string>;
}

/** Hop-by-hop headers belong to one connection; a proxy drops them both ways (RFC 9110 §7.6.1). */
const hopHeaders = ['connection', 'proxy-connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

function dropHopHeaders(headers: Headers): void {
  for (const name of (headers.get('connection') ?? '').split(',')) if (name.trim()) headers.delete(name.trim());
  for (const name of hopHeaders) headers.delete(name);
}

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);

/**
 * newProxyHandler forwards each request to the API server with the request's own path and query
 * (UseRequestLocation), streaming both bodies, so watches and follows reach the client as they come.
 * Under an API prefix not starting with /api the prefix is stripped, leaving a slash.
 */
export function newProxyHandler(apiProxyPrefix: string, filter: FilterServer | undefined, target: APITarget, appendLocationPath: boolean, onError: (message: string) => void): Routed {
  const location = new URL(target.server.endsWith('/') ? target.server : `${target.server}/`);
  let handler: Routed = async (request, { raw }) => {
    const search = new URL(request.url).search;
    const path = appendLocationPath ? singleJoiningSlash(location.pathname, raw) : raw;
    const headers = new Headers(request.headers);
    dropHopHeaders(headers);
    headers.delete('host');
    // fetch decodes compressed bodies but keeps Content-Encoding: ask for the identity encoding.
    headers.delete('accept-encoding');
    for (const [k, v] of Object.entries(target.headers)) if (!headers.has(k)) headers.set(k, v);
    // A redirect goes back to the client as the API server wrote it (a round trip, not a client).
    const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers, signal: request.signal, redirect: 'manual' };
    if (request.body && request.method !== 'GET' && request.method !== 'HEAD') {
      init.body = request.body;
      init.duplex = 'half';
    }
    let response: Response;
    try {
      response = await target.transport(new Request(location.origin + path + search, init));
    } catch (err) {
      const message = request.signal.aborted ? 'context canceled' : dialError(err, location);
      onError(`Error while proxying request: ${message}`);
      return httpError(message, 500);
    }
    const out = new Headers(response.headers);
    dropHopHeaders(out);
    return new Response(nullBodyStatus.has(response.status) ? null : response.body, { status: response.status, statusText: response.statusText, headers: out });
  };
  if (filter) handler = filter.handlerFor(handler);
  if (!apiProxyPrefix.startsWith('/api')) handler = stripLeaveSlash(apiProxyPrefix, handler);
  return handler;
}

/** dialError words a transport failure as Go's dialer does when it can tell the cause. */
function dialError(err: unknown, location: URL): string {
  const code = (err as { cause?: { code?: string } }).cause?.code;
  const host = location.port ? location.host : `${location.hostname}:${location.protocol === 'https:' ? 443 : 80}`;
  if (code === 'ECONNREFUSED') return `dial tcp ${host}: connect: connection refused`;
  if (code === 'ENOTFOUND') return `dial tcp: lookup ${location.hostname}: no such host`;
  return (err as Error).message ?? String(err);
}

function singleJoiningSlash(a: string, b: string): string {
  if (a.endsWith('/') && b.startsWith('/')) return a + b.slice(1);
  if (!a.endsWith('/') && !b.startsWith('/')) return `${a}/${b}`;
  return a + b;
}

/** stripLeaveSlash is http.StripPrefix that always leaves an initial slash, so the filter's ^/api rules still match. */
function stripLeaveSlash(prefix: string, h: Routed): Routed {
  const strip = (p: string) => {
    const rest = p.slice(prefix.length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  };
  return async (request, path) => {
    if (!path.decoded.startsWith(prefix) || !path.raw.startsWith(prefix)) return httpError('404 page not found', 404);
    return h(request, { decoded: strip(path.decoded), raw: strip(path.raw) });
  };
}

/** ServerOptions are what `kubectl proxy`'s flags choose. */
export interface ServerOptions {
  /** fileBase is --www: the folder served under staticPrefix; empty serves no files. */
  fileBase: string;
  apiProxyPrefix: string;
  staticPrefix: string;
  filter?: FilterServer;
  target: APITarget;
  appendLocationPath: boolean;
  files: FileAccess;
  onError: (message: string) => void;
}

/** newServer is the proxy's mux: the API under apiProxyPrefix (the filter protects the API only) and, with --www, files under staticPrefix. */
export function newServer(o: ServerOptions): Handler {
  const routes: Array<[string, Routed]> = [[o.apiProxyPrefix, newProxyHandler(o.apiProxyPrefix, o.filter, o.target, o.appendLocationPath, o.onError)]];
  if (o.fileBase) routes.push([o.staticPrefix, fileHandler(o.staticPrefix, o.fileBase, o.files)]);
  return serveMux(routes);
}
