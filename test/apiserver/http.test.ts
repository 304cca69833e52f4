import { describe, it, expect, afterEach } from 'vitest';
import { serve, type ServedHandler } from '../../engine/host/http-server.js';
import { httpTransport } from '../../engine/client/transport.js';
import { configMapDef, namespaceDef } from '../../engine/apiserver/testing/fixtures.js';
import { newTestServer, readEvents, type TestServer } from '../../engine/apiserver/testing/test-server.js';

let t: TestServer;
let served: ServedHandler;
afterEach(async () => {
  await served?.close();
  await t?.close();
});

describe('API server over real HTTP', () => {
  it('creates and reads objects and streams a watch until the client aborts', async () => {
    t = await newTestServer([configMapDef(), namespaceDef()]);
    served = await serve(t.server.handler);
    const transport = httpTransport(served.url);
    const send = (method: string, path: string, body?: unknown, signal?: AbortSignal) =>
      transport(new Request(`http://ignored${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, signal }));
    expect((await send('POST', '/api/v1/namespaces', { metadata: { name: 'default' } })).status).toBe(201);
    const abort = new AbortController();
    const watch = await send('GET', '/api/v1/namespaces/default/configmaps?watch=true', undefined, abort.signal);
    expect(watch.status).toBe(200);
    const created = await send('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'over-http' }, data: { a: 'b' } });
    expect(created.status).toBe(201);
    const [ev] = await readEvents(watch, 1);
    expect(ev).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'over-http' } } });
    const cache = t.server.stores.get('/v1/configmaps')!.cacher.cache('/registry/configmaps');
    expect(cache.listeners.size).toBe(1);
    abort.abort();
    // The server notices the closed connection and drops the watcher.
    for (let i = 0; i < 100 && cache.listeners.size > 0; i++) await new Promise((r) => setImmediate(r));
    expect(cache.listeners.size).toBe(0);
    const got = await send('GET', '/api/v1/namespaces/default/configmaps/over-http');
    expect(((await got.json()) as any).data).toEqual({ a: 'b' });
  });

  it('answers errors as Status over HTTP', async () => {
    t = await newTestServer([configMapDef(), namespaceDef()]);
    served = await serve(t.server.handler);
    const res = await fetch(`${served.url}/api/v1/namespaces/default/configmaps/missing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'configmaps "missing" not found' });
  });
});
