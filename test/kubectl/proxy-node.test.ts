// `kubectl proxy` on real ports in front of a whole cluster served over HTTP (as `kubelab up` serves
// it), real time: our kubectl as a process (`kubelab kubectl proxy --port 0`, over HTTP) and in
// process with the Node listener (over the in-process transport), and the real kubectl when it is
// installed, each asked the same things: the namespace list, /version, the nginx page behind a
// service's API server proxy path, a watch that streams, and a refused pods/exec.
import { spawn, type ChildProcess } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.js';
import { writeClusterState } from '../../engine/host/cluster-state.js';
import { serve, type ServedHandler } from '../../engine/host/http-server.js';
import { nodeListenHTTP } from '../../engine/host/kubectl-proxy.js';
import { runKubectl } from '../../engine/kubectl/cmd/cmd.js';
import { memoryFiles } from '../../engine/kubectl/cmd/util/io.js';
import { RealClock } from '../../engine/util/clock.js';

const bin = fileURLToPath(new URL('../../bin/kubelab.mjs', import.meta.url));
const realKubectl = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveRealKubectl = existsSync(realKubectl);
if (!haveRealKubectl) console.log(`kubectl proxy: ${realKubectl} is not installed; the comparison with the real kubectl is skipped`);

interface Proxy {
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/** startProcess runs a kubectl proxy process and resolves once it says where it serves. */
function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Proxy & { child: ChildProcess }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${out}`)));
    child.stdout!.on('data', () => {
      const m = /^Starting to serve on (127\.0\.0\.1:\d+)\n/.exec(out);
      if (!m) return;
      resolve({
        child,
        url: `http://${m[1]}`,
        output: () => out,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
            child.on('exit', (code) => done(code));
            child.kill('SIGINT');
          }),
      });
    });
  });
}

/** statusWithHost sends a GET with a Host header of our choosing (fetch always sends the URL's). */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

/** lines reads a streaming body as newline-delimited JSON, one object per call. */
function lines(res: Response): { next(): Promise<any>; cancel(): Promise<void> } {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  return {
    async next() {
      while (!buf.includes('\n')) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${buf}`);
        buf += decoder.decode(value, { stream: true });
      }
      const line = buf.slice(0, buf.indexOf('\n'));
      buf = buf.slice(buf.indexOf('\n') + 1);
      return JSON.parse(line);
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

/** waitInWatch reads a watch through the proxy until an event's object satisfies done. */
async function waitInWatch(url: string, done: (obj: any) => boolean): Promise<any> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  expect(res.status).toBe(200);
  const events = lines(res);
  try {
    for (;;) {
      const e = await events.next();
      if (done(e.object)) return e.object;
    }
  } finally {
    controller.abort();
  }
}

describe('kubectl proxy on real ports', () => {
  let cluster: Cluster;
  let served: ServedHandler;
  let dir: string;
  let kubeconfig: string;
  const proxies: Record<string, Proxy> = {};
  const stops: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    cluster = await Cluster.start({ clock: new RealClock(), nodes: 1, seed: 3 });
    served = await serve(cluster.plane.apiserver.handler);
    dir = await mkdtemp(join(tmpdir(), 'kubelab-proxy-'));
    kubeconfig = await writeClusterState(dir, { apiURL: served.url, etcdURL: '', pid: process.pid, startedAt: new Date().toISOString() });

    const ours = await startProcess(process.execPath, [bin, 'kubectl', '--kubeconfig', kubeconfig, 'proxy', '--port', '0'], { ...process.env, KUBECONFIG: '' });
    stops.push(ours.stop);
    proxies['our kubectl, a process over HTTP'] = ours;

    const interrupt = new AbortController();
    let out = '';
    let serving!: () => void;
    const started = new Promise<void>((resolve) => (serving = resolve));
    const exited = runKubectl(['proxy', '--port', '0', '-s', 'http://127.0.0.1:8080'], {
      transport: cluster.plane.transport,
      stdin: async () => '',
      stdout: (s) => ((out += s), serving()),
      stderr: (s) => void (out += s),
      env: {},
      files: memoryFiles(),
      clock: cluster.clock,
      signal: interrupt.signal,
      listen: nodeListenHTTP,
    });
    await Promise.race([started, exited]);
    const m = /^Starting to serve on (127\.0\.0\.1:\d+)\n$/.exec(out);
    expect(m, out).not.toBeNull();
    stops.push(async () => (interrupt.abort(), exited));
    proxies['our kubectl, in process'] = { url: `http://${m![1]}`, output: () => out, stop: async () => (interrupt.abort(), exited) };

    if (haveRealKubectl) {
      const real = await startProcess(realKubectl, ['--kubeconfig', kubeconfig, 'proxy', '--port', '0'], { PATH: process.env.PATH ?? '', HOME: dir });
      stops.push(real.stop);
      proxies['the real kubectl'] = real;
    }

    // nginx behind a service, created and waited for through our proxy: writes and watches pass.
    const api = proxies['our kubectl, a process over HTTP']!.url;
    const post = async (path: string, obj: unknown) => {
      const res = await fetch(api + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(obj) });
      expect(res.status, await res.clone().text()).toBe(201);
    };
    await post('/api/v1/namespaces/default/pods', {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.7.9', ports: [{ containerPort: 80 }] }] },
    });
    await post('/api/v1/namespaces/default/services', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } });
    await waitInWatch(`${api}/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dweb`, (p) =>
      (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
    );
    await waitInWatch(`${api}/api/v1/namespaces/default/endpoints?watch=true&fieldSelector=metadata.name%3Dweb`, (e) => (e.subsets?.[0]?.addresses?.length ?? 0) > 0);
  }, 120_000);

  afterAll(async () => {
    for (const stop of stops) await stop().catch(() => undefined);
    await served?.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const names = ['our kubectl, a process over HTTP', 'our kubectl, in process', ...(haveRealKubectl ? ['the real kubectl'] : [])];

  describe.each(names)('%s', (name) => {
    const url = (path: string) => proxies[name]!.url + path;

    it('lists namespaces and answers /version', async () => {
      const list = await fetch(url('/api/v1/namespaces'));
      expect(list.status).toBe(200);
      const items = ((await list.json()) as { items: Array<{ metadata: { name: string } }> }).items.map((n) => n.metadata.name);
      expect(items).toEqual(expect.arrayContaining(['default', 'kube-system']));
      const version = await fetch(url('/version'));
      expect(version.status).toBe(200);
      expect(await version.json()).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\./) });
      const missing = await fetch(url('/api/v1/namespaces/nope'));
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ kind: 'Status', reason: 'NotFound' });
    });

    it('reaches nginx through the API server’s services/proxy path', async () => {
      const page = await fetch(url('/api/v1/namespaces/default/services/web/proxy/'));
      expect(page.status).toBe(200);
      expect(page.headers.get('server')).toBe('nginx/1.7.9');
      expect(await page.text()).toContain('<title>Welcome to nginx!</title>');
      const redirect = await fetch(url('/api/v1/namespaces/default/services/web/proxy'), { redirect: 'manual' });
      expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/api/v1/namespaces/default/services/web/proxy/']);
    });

    it('streams a watch: an event arrives while the response is still open', async () => {
      const list = (await (await fetch(url('/api/v1/namespaces'))).json()) as { metadata: { resourceVersion: string } };
      const controller = new AbortController();
      const res = await fetch(url(`/api/v1/namespaces?watch=true&resourceVersion=${list.metadata.resourceVersion}`), { signal: controller.signal });
      expect(res.status).toBe(200);
      const events = lines(res);
      const ns = `watched-${name.replace(/[^a-z]+/g, '-')}`.replace(/-+$/, '');
      const created = await cluster.plane.transport(
        new Request('http://127.0.0.1:8080/api/v1/namespaces', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ metadata: { name: ns } }) }),
      );
      expect(created.status).toBe(201);
      let event: any;
      do event = await events.next();
      while (event.object.metadata.name !== ns);
      expect(event).toMatchObject({ type: 'ADDED', object: { kind: 'Namespace', metadata: { name: ns } } });
      controller.abort();
    });

    it('refuses pods/exec with 403 Forbidden', async () => {
      const res = await fetch(url('/api/v1/namespaces/default/pods/x/exec?command=ls'));
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toBe('Forbidden\n');
      expect(await statusWithHost(url('/version'), 'attacker.example')).toBe(403);
      expect(await statusWithHost(url('/version'), 'localhost:8001')).toBe(200);
    });
  });

  it.skipIf(!haveRealKubectl)('answers as the real kubectl does', async () => {
    const answer = async (name: string, path: string) => {
      const res = await fetch(proxies[name]!.url + path, { redirect: 'manual' });
      const body = await res.text();
      return { status: res.status, type: res.headers.get('content-type'), location: res.headers.get('location'), body: body.replace(/"resourceVersion":"\d+"/g, '') };
    };
    for (const path of ['/version', '/api/v1/namespaces/default', '/api/v1/namespaces/default/services/web/proxy/', '/api/v1/namespaces/default/services/web/proxy', '/api/v1/namespaces/default/pods/web/attach', '/api/v1/namespaces/nope']) {
      expect(await answer('our kubectl, a process over HTTP', path), path).toEqual(await answer('the real kubectl', path));
    }
  });

  it('stops on Ctrl-C', async () => {
    const ours = proxies['our kubectl, a process over HTTP']!;
    expect(ours.output()).toMatch(/^Starting to serve on 127\.0\.0\.1:\d+\n$/);
    const code = await ours.stop();
    // kubectl proxy has no SIGINT handler: the signal ends the process.
    expect(code).toBeNull();
    await expect(fetch(ours.url + '/version')).rejects.toThrow();
    expect(await proxies['our kubectl, in process']!.stop()).toBe(0);
    await expect(fetch(proxies['our kubectl, in process']!.url + '/version')).rejects.toThrow();
  });
});
