// Serves the store's v3 JSON gateway on a real port (etcd's --listen-client-urls) by adapting
// node:http requests to the fetch-style handler, streaming watch responses as they come.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export type FetchHandler = (request: Request) => Promise<Response>;

/** serveEtcd listens on host:port and resolves with the server once it accepts connections. */
export function serveEtcd(handler: FetchHandler, port = 2379, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((req, res) => void handle(handler, req, res));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

async function handle(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
    const response = await handler(new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body, signal: abort.signal }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    abort.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
    res.end();
  } catch (err) {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: (err as Error).message, code: 13, message: (err as Error).message }));
  }
}
