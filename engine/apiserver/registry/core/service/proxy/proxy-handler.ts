// Mirrors k8s.io/apimachinery/pkg/util/proxy (upgradeaware.go, transport.go) as the services, pods
// and nodes proxy subresources use it: the request after `/proxy` is sent to the resolved location,
// the answer is streamed back, HTML links are rewritten to stay under the proxy path, and a failed
// dial is a 503 "error trying to reach service". Simplified: no WebSocket upgrades through proxy.
import { newServiceUnavailable, StatusError } from '../../../../../apimachinery/api/errors/errors.js';

/** Location is where a proxy request goes: an address and port, or the node's kubelet. */
export interface Location {
  scheme: string;
  host: string;
  port: number;
}

/** splitSchemeNamePort parses "name", "name:port" or "scheme:name:port" (utilnet.SplitSchemeNamePort). */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(':');
  let scheme = '';
  let name = '';
  let port = '';
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) [name, port] = parts as [string, string];
  else if (parts.length === 3) [scheme, name, port] = parts as [string, string, string];
  else return undefined;
  if (!name || (scheme && scheme !== 'http' && scheme !== 'https')) return undefined;
  return { scheme, name, port };
}

/** proxyPath splits a request path at its `/proxy` segment: the prefix kept for links and the path sent on. */
export function proxyPath(url: URL): { prefix: string; rest: string } {
  const i = url.pathname.indexOf('/proxy');
  const prefix = url.pathname.slice(0, i + '/proxy'.length);
  return { prefix, rest: url.pathname.slice(prefix.length) };
}

/** dialErrorText words a dataplane error as Go's net package does. */
export function dialErrorText(err: unknown, host: string, port: number): string {
  const code = (err as { code?: string })?.code;
  const addr = `${host}:${port}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `dial tcp ${addr}: connect: connection refused`;
    case 'ETIMEDOUT':
      return `dial tcp ${addr}: i/o timeout`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `dial tcp ${addr}: connect: no route to host`;
    case 'ECONNRESET':
      return `read tcp ${addr}: read: connection reset by peer`;
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/**
 * proxyTo forwards req to the backend with round trip: GET of the bare `/proxy` is redirected to
 * `/proxy/` so relative links resolve; HTML answers get their absolute links prefixed.
 */
export async function proxyTo(req: Request, url: URL, send: (out: Request) => Promise<Response>, target: string): Promise<Response> {
  const { prefix, rest } = proxyPath(url);
  if (rest === '' && req.method === 'GET') {
    return new Response(`<a href="${prefix}/${url.search}">Moved Permanently</a>.\n\n`, { status: 301, headers: { Location: `${prefix}/${url.search}`, 'Content-Type': 'text/html; charset=utf-8' } });
  }
  const headers = new Headers(req.headers);
  headers.delete('authorization');
  headers.set('X-Forwarded-Uri', url.pathname + url.search);
  headers.set('X-Forwarded-Host', url.host);
  headers.set('X-Forwarded-Proto', url.protocol.replace(':', ''));
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: req.signal };
  if (req.body && req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = req.body;
    init.duplex = 'half';
  }
  let res: Response;
  try {
    res = await send(new Request(`http://${target}${rest || '/'}${url.search}`, init));
  } catch (err) {
    if (err instanceof StatusError) throw err;
    throw newServiceUnavailable(`error trying to reach service: ${(err as Error)?.message ?? String(err)}`);
  }
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/html') || res.headers.get('content-encoding') || !res.body) return res;
  const html = await res.text();
  const out = new Headers(res.headers);
  out.delete('content-length');
  return new Response(rewriteHTML(html, prefix), { status: res.status, statusText: res.statusText, headers: out });
}

/** rewriteHTML prefixes absolute links (href, src, action) with the proxy path (proxy.rewriteHTML). */
export function rewriteHTML(html: string, prefix: string): string {
  return html.replace(/\b(href|src|action)=(["'])\/(?!\/)/gi, (_m, attr: string, q: string) => `${attr}=${q}${prefix}/`);
}
