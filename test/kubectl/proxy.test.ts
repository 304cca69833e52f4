// `kubectl proxy` in process against the engine's own API server (virtual clock): the flags reach the
// host's listener, the served handler forwards through kubectl's in-process transport, watches
// stream, the filter refuses exec, an interrupt closes the listener, and a host that cannot listen
// (the browser tab) says so instead of hanging.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { memoryFiles, type KubectlIO, type ListenHTTP } from '../../engine/kubectl/cmd/util/io.js';
import { newTestServer, type TestServer } from '../../engine/apiserver/testing/test-server.js';
import { allResources } from '../../engine/apiserver/registry/all-resources.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { splitArgs } from './harness.js';

interface Listening {
  address: string;
  port: number;
  handler: (request: Request) => Promise<Response>;
  closed: boolean;
}

describe('kubectl proxy (in process)', () => {
  let ts: TestServer;
  let interrupt: AbortController;
  let listening: Listening | undefined;
  let stdout: string;
  let stderr: string;
  const listen: ListenHTTP = async (address, port, handler) => {
    const l: Listening = { address, port: port || 40123, handler, closed: false };
    listening = l;
    return { address, port: l.port, close: async () => void (l.closed = true) };
  };

  beforeEach(async () => {
    ts = await newTestServer(allResources());
    await ts.json('POST', '/api/v1/namespaces', { metadata: { name: 'default' } });
    interrupt = new AbortController();
    listening = undefined;
    stdout = stderr = '';
  });
  afterEach(async () => {
    interrupt.abort();
    await ts.close();
  });

  /** start runs kubectl until it serves or ends; done is its exit code. */
  const start = async (line: string, io: Partial<KubectlIO> = { listen }) => {
    let serving!: () => void;
    const served = new Promise<void>((resolve) => (serving = resolve));
    const done = runKubectl(splitArgs(line), {
      transport: (req) => ts.server.handler(req),
      stdin: async () => '',
      stdout: (s) => {
        stdout += s;
        if (s.startsWith('Starting to serve on ')) serving();
      },
      stderr: (s) => void (stderr += s),
      env: { HOME: '/home/user' },
      files: memoryFiles({ '/www/hello.txt': 'hello' }),
      clock: ts.clock,
      signal: interrupt.signal,
      ...io,
    });
    await advanceUntil(ts.clock, Promise.race([done, served]));
    return { done };
  };
  const get = (path: string, init: RequestInit = {}) =>
    listening!.handler(new Request(`http://127.0.0.1:${listening!.port}${path}`, { ...init, headers: { Host: `localhost:${listening!.port}`, ...(init.headers as Record<string, string>) } }));

  it('listens on 127.0.0.1:8001 by default and serves until interrupted', async () => {
    const { done } = await start('proxy -s http://apiserver:8080');
    expect(listening).toMatchObject({ address: '127.0.0.1', port: 8001 });
    expect(stdout).toBe('Starting to serve on 127.0.0.1:8001\n');
    interrupt.abort();
    expect(await done).toBe(0);
    expect(listening!.closed).toBe(true);
  });

  it('passes --port and --address to the listener and prints what it bound', async () => {
    await start('proxy -s http://apiserver:8080 --port 0 --address 0.0.0.0');
    expect(listening).toMatchObject({ address: '0.0.0.0', port: 40123 });
    expect(stdout).toBe('Starting to serve on 0.0.0.0:40123\n');
    stdout = '';
    await start('proxy -s http://apiserver:8080 -p 9001 --address ::1');
    expect(stdout).toBe('Starting to serve on [::1]:9001\n');
  });

  it('forwards to the API server through kubectl’s transport: lists, /version, writes', async () => {
    await start('proxy -s http://apiserver:8080');
    const list = await get('/api/v1/namespaces');
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: Array<{ metadata: { name: string } }> }).items.map((n) => n.metadata.name)).toContain('default');
    const version = await get('/version');
    expect(version.status).toBe(200);
    expect(await version.json()).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\./) });
    const created = await get('/api/v1/namespaces', { method: 'POST', body: JSON.stringify({ metadata: { name: 'through-proxy' } }), headers: { 'Content-Type': 'application/json' } });
    expect(created.status).toBe(201);
    expect((await ts.json('GET', '/api/v1/namespaces/through-proxy')).status).toBe(200);
    const missing = await get('/api/v1/namespaces/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'namespaces "nope" not found' });
  });

  it('streams a watch as events happen', async () => {
    await start('proxy -s http://apiserver:8080');
    const res = await get('/api/v1/namespaces?watch=true');
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    const next = async () => {
      while (!buf.includes('\n')) buf += decoder.decode((await advanceUntil(ts.clock, reader.read())).value, { stream: true });
      const line = buf.slice(0, buf.indexOf('\n'));
      buf = buf.slice(buf.indexOf('\n') + 1);
      return JSON.parse(line) as { type: string; object: { metadata: { name: string } } };
    };
    expect(await next()).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'default' } } });
    await ts.json('POST', '/api/v1/namespaces', { metadata: { name: 'later' } });
    expect(await next()).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'later' } } });
    await reader.cancel();
  });

  it('refuses pods/exec with 403 Forbidden, and lets it through with --disable-filter', async () => {
    await start('proxy -s http://apiserver:8080');
    const refused = await get('/api/v1/namespaces/default/pods/x/exec?command=ls');
    expect([refused.status, await refused.text()]).toEqual([403, 'Forbidden\n']);
    interrupt.abort();
    interrupt = new AbortController();
    await start('proxy -s http://apiserver:8080 --disable-filter');
    expect(stderr).toMatch(/^W\d{4} [\d:.]+ +1 proxy\.go\] Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious\n$/);
    const passed = await get('/api/v1/namespaces/default/pods/x/exec?command=ls');
    expect(passed.status).toBe(404);
    expect(await passed.json()).toMatchObject({ kind: 'Status', message: 'pods "x" not found' });
  });

  it('serves --www files under --www-prefix beside the API', async () => {
    await start('proxy -s http://apiserver:8080 --www /www -P /files');
    const file = await get('/files/hello.txt');
    expect([file.status, await file.text()]).toEqual([200, 'hello']);
    expect((await get('/api/v1/namespaces/default')).status).toBe(200);
  });

  it('is listed in kubectl’s help', async () => {
    expect(await (await start('--help')).done).toBe(0);
    expect(stdout).toContain('\n  proxy          Run a proxy to the Kubernetes API server\n');
  });

  it('says why it cannot serve where nothing can listen', async () => {
    const code = await (await start('proxy -s http://apiserver:8080', {})).done;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: kubectl proxy needs to listen on a local port, and this terminal cannot open one.\n' +
        'Read through the API server proxy with kubectl get --raw instead, for example:\n' +
        '  kubectl get --raw /api/v1/namespaces/kube-system/services/kube-ui/proxy/\n',
    );
  });

  it('words flag mistakes as upstream does', async () => {
    expect(await (await start('proxy -s http://apiserver:8080 --unix-socket /tmp/k.sock --port 9000')).done).toBe(1);
    expect(stderr).toBe('error: cannot set --unix-socket and --port at the same time\n');
    stderr = '';
    expect(await (await start('proxy -s http://apiserver:8080 --accept-paths (')).done).toBe(255);
    expect(stderr).toMatch(/^F\d{4} [\d:.]+ +1 proxy_server\.go\] Error compiling re: error parsing regexp: /);
    stderr = '';
    expect(await (await start('proxy -s http://apiserver:8080 --port 70000')).done).toBe(1);
    expect(stderr).toBe('error: listen tcp: address 70000: invalid port\n');
    stderr = '';
    await start('proxy -s http://apiserver:8080/prefix');
    expect(stderr).toMatch(/ proxy\.go\] Your kube context contains a server path \/prefix, use --append-server-path to automatically append the path to each request\n$/);
  });
});
