import { describe, expect, it } from 'vitest';
import type { Transport } from '../../client/transport.js';
import { memoryFiles } from '../cmd/util/io.js';
import {
  DefaultHostAcceptRE,
  DefaultMethodRejectRE,
  DefaultPathAcceptRE,
  DefaultPathRejectRE,
  FilterServer,
  extractHost,
  makeRegexpArray,
  newServer,
  type ServerOptions,
} from './proxy-server.js';

const defaults = () =>
  new FilterServer(makeRegexpArray(DefaultPathAcceptRE), makeRegexpArray(DefaultPathRejectRE), makeRegexpArray(DefaultHostAcceptRE), makeRegexpArray(DefaultMethodRejectRE));

describe('FilterServer.accept', () => {
  const cases: Array<{ name: string; method?: string; path: string; host?: string; filter?: FilterServer; ok: boolean }> = [
    { name: 'a list on localhost', path: '/api/v1/pods', ok: true },
    { name: '127.0.0.1', path: '/api/v1/pods', host: '127.0.0.1', ok: true },
    { name: '[::1] as a whole header', path: '/version', host: '[::1]', ok: true },
    { name: 'another host', path: '/api/v1/pods', host: 'evil.example.com', ok: false },
    { name: 'a host that only contains localhost', path: '/api/v1/pods', host: 'localhost.evil.com', ok: false },
    { name: 'pods/exec', path: '/api/v1/namespaces/default/pods/web/exec', ok: false },
    { name: 'pods/attach', path: '/api/v1/namespaces/default/pods/web/attach', ok: false },
    { name: 'pods/exec with a query-like tail', path: '/api/v1/namespaces/default/pods/web/exec/x', ok: false },
    { name: 'pods/log', path: '/api/v1/namespaces/default/pods/web/log', ok: true },
    { name: 'pods/portforward is not in the defaults', path: '/api/v1/namespaces/default/pods/web/portforward', ok: true },
    { name: 'a service proxy', path: '/api/v1/namespaces/kube-system/services/kube-ui/proxy/', ok: true },
    { name: 'a pod named exec is not exec', path: '/api/v1/namespaces/default/pods/exec', ok: true },
    { name: 'every method by default', method: 'DELETE', path: '/api/v1/namespaces/default/pods/web', ok: true },
    {
      name: '--reject-methods=POST,PUT,PATCH',
      method: 'POST',
      path: '/api/v1/namespaces',
      filter: new FilterServer(makeRegexpArray('^.*'), [], makeRegexpArray(DefaultHostAcceptRE), makeRegexpArray('POST,PUT,PATCH')),
      ok: false,
    },
    {
      name: '--accept-paths=^/api/v1/namespaces refuses /version',
      path: '/version',
      filter: new FilterServer(makeRegexpArray('^/api/v1/namespaces'), [], makeRegexpArray(DefaultHostAcceptRE), []),
      ok: false,
    },
    {
      name: 'a rejected path wins over an accepted one',
      path: '/api/v1/secrets',
      filter: new FilterServer(makeRegexpArray('^/api/'), makeRegexpArray('secrets'), makeRegexpArray('.*'), []),
      ok: false,
    },
    {
      name: '--accept-hosts=(?i)^LOCALHOST$',
      path: '/version',
      filter: new FilterServer(makeRegexpArray('^.*'), [], makeRegexpArray('(?i)^LOCALHOST$'), []),
      ok: true,
    },
    { name: 'an empty accept list accepts nothing', path: '/version', filter: new FilterServer([], [], makeRegexpArray('.*'), []), ok: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect((c.filter ?? defaults()).accept(c.method ?? 'GET', c.path, c.host ?? 'localhost')).toBe(c.ok);
    });
  }

  it('compiles each comma-separated part and reports a bad one', () => {
    expect(makeRegexpArray(DefaultPathRejectRE).map(String)).toEqual(['/^\\/api\\/.*\\/pods\\/.*\\/exec/', '/^\\/api\\/.*\\/pods\\/.*\\/attach/']);
    expect(makeRegexpArray('')).toEqual([]);
    expect(() => makeRegexpArray('^/api,(')).toThrow(/^Error compiling re: error parsing regexp: /);
  });
});

describe('extractHost', () => {
  const cases: Array<[string, string]> = [
    ['localhost:8001', 'localhost'],
    ['localhost', 'localhost'],
    ['127.0.0.1:8001', '127.0.0.1'],
    ['[::1]:8001', '::1'],
    ['[::1]', '[::1]'],
    ['::1', '::1'],
    ['', ''],
  ];
  for (const [header, host] of cases) it(`${JSON.stringify(header)} → ${JSON.stringify(host)}`, () => expect(extractHost(header)).toBe(host));
});

/** recording is a transport that answers with what it was asked, as the API server would echo. */
function recording(): { transport: Transport; seen: Request[] } {
  const seen: Request[] = [];
  return {
    seen,
    transport: async (req) => {
      seen.push(req);
      const body = req.body ? await req.text() : '';
      return new Response(JSON.stringify({ url: req.url, method: req.method, body }), { status: 200, headers: { 'Content-Type': 'application/json', Connection: 'close', 'Keep-Alive': 'timeout=5' } });
    },
  };
}

function server(over: Partial<ServerOptions> = {}, transport: Transport = recording().transport) {
  return newServer({
    fileBase: '',
    apiProxyPrefix: '/',
    staticPrefix: '/static/',
    filter: defaults(),
    target: { server: 'https://10.0.0.1:6443', transport, headers: { Authorization: 'Bearer s3cret' } },
    appendLocationPath: false,
    files: memoryFiles(),
    onError: () => undefined,
    ...over,
  });
}

const local = (path: string, init: RequestInit = {}) => new Request(`http://127.0.0.1:8001${path}`, { ...init, headers: { Host: 'localhost:8001', ...(init.headers as Record<string, string>) } });

describe('the proxy handler', () => {
  it('answers a refused request 403 Forbidden as http.Error does', async () => {
    const rec = recording();
    const res = await server({}, rec.transport)(local('/api/v1/namespaces/default/pods/x/exec?command=ls'));
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('Forbidden\n');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(rec.seen).toHaveLength(0);
    const foreign = await server({}, rec.transport)(new Request('http://127.0.0.1:8001/version', { headers: { Host: 'attacker.example:8001' } }));
    expect(foreign.status).toBe(403);
  });

  it('matches the filter on the decoded path, so an escaped exec is refused too', async () => {
    const res = await server()(local('/api/v1/namespaces/default/pods/x/ex%65c'));
    expect(res.status).toBe(403);
  });

  it('forwards path, query, method and body with the kubeconfig’s credentials, without hop-by-hop headers', async () => {
    const rec = recording();
    const res = await server({}, rec.transport)(
      local('/api/v1/namespaces?labelSelector=a%3Db', { method: 'POST', body: '{"kind":"Namespace"}', headers: { 'Content-Type': 'application/json', Connection: 'keep-alive, X-Private', 'X-Private': '1', 'Accept-Encoding': 'gzip' } }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ url: 'https://10.0.0.1:6443/api/v1/namespaces?labelSelector=a%3Db', method: 'POST', body: '{"kind":"Namespace"}' });
    const sent = rec.seen[0]!;
    expect(sent.redirect).toBe('manual');
    expect(sent.headers.get('authorization')).toBe('Bearer s3cret');
    expect(sent.headers.get('content-type')).toBe('application/json');
    expect(sent.headers.get('host')).toBeNull();
    expect(sent.headers.get('connection')).toBeNull();
    expect(sent.headers.get('x-private')).toBeNull();
    expect(sent.headers.get('accept-encoding')).toBeNull();
    expect(res.headers.get('connection')).toBeNull();
    expect(res.headers.get('keep-alive')).toBeNull();
  });

  it('keeps the client’s own Authorization', async () => {
    const rec = recording();
    await server({}, rec.transport)(local('/version', { headers: { Authorization: 'Bearer mine' } }));
    expect(rec.seen[0]!.headers.get('authorization')).toBe('Bearer mine');
  });

  it('streams the response as the API server writes it', async () => {
    let push!: (s: string) => void;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (push = (s) => c.enqueue(new TextEncoder().encode(s))) });
    const res = await server({}, async () => new Response(body, { headers: { 'Content-Type': 'application/json' } }))(local('/api/v1/pods?watch=true'));
    const reader = res.body!.getReader();
    push('{"type":"ADDED"}\n');
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"type":"ADDED"}\n');
    push('{"type":"MODIFIED"}\n');
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"type":"MODIFIED"}\n');
    await reader.cancel();
  });

  it('strips an API prefix that does not start with /api, leaving a slash for the filter', async () => {
    const rec = recording();
    const h = server({ apiProxyPrefix: '/k8s/' }, rec.transport);
    expect(await (await h(local('/k8s/api/v1/pods'))).json()).toMatchObject({ url: 'https://10.0.0.1:6443/api/v1/pods' });
    expect((await h(local('/k8s/api/v1/namespaces/a/pods/b/exec'))).status).toBe(403);
    const outside = await h(local('/api/v1/pods'));
    expect([outside.status, await outside.text()]).toEqual([404, '404 page not found\n']);
    const bare = await h(local('/k8s?x=1'));
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/k8s/?x=1']);
  });

  it('keeps an API prefix under /api whole and serves nothing else', async () => {
    const rec = recording();
    const h = server({ apiProxyPrefix: '/api/' }, rec.transport);
    expect(await (await h(local('/api/v1/pods'))).json()).toMatchObject({ url: 'https://10.0.0.1:6443/api/v1/pods' });
    expect((await h(local('/version'))).status).toBe(404);
  });

  it('appends the server’s path only with --append-server-path', async () => {
    const rec = recording();
    const target = { server: 'https://h:6443/cluster-a', transport: rec.transport, headers: {} };
    await server({ target })(local('/version'));
    await server({ target, appendLocationPath: true })(local('/version'));
    expect(rec.seen.map((r) => r.url)).toEqual(['https://h:6443/version', 'https://h:6443/cluster-a/version']);
  });

  it('redirects a path that is not clean, as ServeMux does', async () => {
    const res = await server()(local('/api//v1/pods?x=1'));
    expect([res.status, res.headers.get('location'), await res.text()]).toEqual([301, '/api/v1/pods?x=1', '<a href="/api/v1/pods?x=1">Moved Permanently</a>.\n\n']);
  });

  it('answers 500 with the error when the API server cannot be reached', async () => {
    const logged: string[] = [];
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const h = server({ onError: (m) => logged.push(m) }, async () => Promise.reject(refused));
    const res = await h(local('/version'));
    expect([res.status, await res.text()]).toEqual([500, 'dial tcp 10.0.0.1:6443: connect: connection refused\n']);
    expect(logged).toEqual(['Error while proxying request: dial tcp 10.0.0.1:6443: connect: connection refused']);
  });

  it('leaves the static prefix to --www and does not filter it', async () => {
    const files = memoryFiles({ '/site/index.html': '<h1>hi</h1>' });
    const h = server({ fileBase: '/site', files });
    const page = await h(new Request('http://127.0.0.1:8001/static/', { headers: { Host: 'elsewhere.example' } }));
    expect([page.status, await page.text(), page.headers.get('content-type')]).toEqual([200, '<h1>hi</h1>', 'text/html; charset=utf-8']);
  });
});
