// A test harness for the API server: a fresh store on a virtual clock, the server's in-process
// handler, and helpers that send requests the way clients do.
import { VirtualClock } from '../../util/clock.js';
import { openStore } from '../../etcd/embed.js';
import type { KV } from '../../etcd/types.js';
import { createAPIServer, type APIServer } from '../server/server.js';
import type { APIServerConfig } from '../server/config.js';
import type { ResourceDefinition } from '../registry/rest/resource.js';
import { configMapDef, namespaceDef, widgetDef } from './fixtures.js';

export interface TestServer {
  server: APIServer;
  clock: VirtualClock;
  kv: KV;
  /** call sends a request; body objects are sent as JSON unless a string is given. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** json sends a request and parses the answer. */
  json<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

export async function newTestServer(resources: ResourceDefinition[], extra: Partial<APIServerConfig> = {}): Promise<TestServer> {
  const clock = new VirtualClock();
  const { store } = await openStore({ clock });
  const kv = store as unknown as KV;
  const server = createAPIServer({ kv, clock, resources, ...extra });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    return server.handler(new Request(`http://kubelab.test${path}`, init));
  };
  return {
    server,
    clock,
    kv,
    call,
    async json(method, path, body, headers) {
      const res = await call(method, path, body, headers);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async close() {
      server.close();
      await kv.close();
    },
  };
}

/** newFixtureServer serves the generic fixtures (configmaps, namespaces, widgets) with `namespaces` created. */
export async function newFixtureServer(namespaces: string[] = ['default'], extra: Partial<APIServerConfig> = {}): Promise<TestServer> {
  const t = await newTestServer([configMapDef(), namespaceDef(), widgetDef()], extra);
  for (const name of namespaces) await t.json('POST', '/api/v1/namespaces', { metadata: { name } });
  return t;
}

/** readEvents reads n newline-delimited watch events from a streaming response. */
export async function readEvents(res: Response, n: number): Promise<{ type: string; object: any }[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const out: { type: string; object: any }[] = [];
  let buf = '';
  while (out.length < n) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0 && out.length < n) {
      out.push(JSON.parse(buf.slice(0, nl)));
      buf = buf.slice(nl + 1);
    }
  }
  reader.releaseLock();
  return out;
}
