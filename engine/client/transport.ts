// The Transport every client uses to reach the API server: the web-standard fetch shape. Over HTTP
// it is `fetch` against the server's URL; in one process it calls the server's handler directly,
// so the same authentication, admission and validation always run.

export type Transport = (request: Request) => Promise<Response>;

/** httpTransport sends requests to a server at baseURL with the host's fetch. */
export function httpTransport(baseURL: string, headers: Record<string, string> = {}): Transport {
  const base = new URL(baseURL);
  return (request) => {
    const url = new URL(request.url);
    const target = new URL(url.pathname + url.search, base);
    const merged = new Headers(request.headers);
    for (const [k, v] of Object.entries(headers)) if (!merged.has(k)) merged.set(k, v);
    const init: RequestInit & { duplex?: 'half' } = {
      method: request.method,
      headers: merged,
      body: request.body,
      signal: request.signal,
      // A proxy asks for redirects as they are ('manual'); everything else keeps fetch's default.
      redirect: request.redirect,
    };
    if (request.body) init.duplex = 'half';
    return fetch(target, init);
  };
}
