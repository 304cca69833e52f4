// net/http's ServeMux (prefix patterns only), Error and Redirect, as `kubectl proxy`'s server uses them. Leaves out host and method patterns and wildcards.

/** Path is a request's path as routing left it: decoded (Go's URL.Path, what rules match) and as sent. */
export interface Path {
  decoded: string;
  raw: string;
}

/** Routed is a handler behind the mux, given the path after any prefix was stripped. */
export type Routed = (request: Request, path: Path) => Promise<Response>;

/** httpError is Go's http.Error: the text and a newline, as plain text the browser must not sniff. */
export function httpError(text: string, status: number): Response {
  return new Response(`${text}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/** decodePath unescapes a path as Go's URL parser does; a bad escape is undefined (400 upstream). */
function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * serveMux routes each request to the handler of the longest pattern it falls under: a pattern
 * ending in a slash holds its subtree, another only itself. A path that names a subtree without
 * its slash, or is not clean, is redirected; nothing matching is 404.
 */
export function serveMux(routes: Array<[string, Routed]>): (request: Request) => Promise<Response> {
  const byLength = [...routes].sort((a, b) => b[0].length - a[0].length);
  return async (request) => {
    const url = new URL(request.url);
    const path = decodePath(url.pathname);
    if (path === undefined) return httpError('400 Bad Request', 400);
    if (request.method !== 'CONNECT') {
      const clean = cleanPath(url.pathname);
      if (clean !== url.pathname) return redirect(clean + url.search, request.method);
    }
    for (const [pattern, handler] of byLength) {
      const matches = pattern.endsWith('/') ? path.startsWith(pattern) : path === pattern;
      if (matches) return handler(request, { decoded: path, raw: url.pathname });
    }
    if (byLength.some(([pattern]) => pattern.endsWith('/') && `${path}/` === pattern)) return redirect(`${url.pathname}/${url.search}`, request.method);
    return httpError('404 page not found', 404);
  };
}

/** cleanPath is Go's path.Clean keeping a trailing slash: no empty or dot segments. */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const clean = '/' + out.join('/');
  return p.endsWith('/') && clean !== '/' ? `${clean}/` : clean;
}

/** redirect is http.Redirect with 301 Moved Permanently: a short link for GET, nothing for other methods. */
export function redirect(location: string, method: string): Response {
  const headers: Record<string, string> = { Location: location };
  if (method === 'GET' || method === 'HEAD') headers['Content-Type'] = 'text/html; charset=utf-8';
  const body = method === 'GET' ? `<a href="${htmlEscape(location)}">Moved Permanently</a>.\n\n` : null;
  return new Response(body, { status: 301, headers });
}

/** htmlEscape is html.EscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);
}
