// The real kubectl (v1.32) port-forwards through Kubelab's API server: SPDY/3.1 tunnelled in a
// WebSocket (its default since 1.31), plain SPDY/3.1 when told not to use WebSockets, a refused
// port reported on the error stream, and svc/NAME resolved to a pod by kubectl itself. Real time:
// kubectl and the fetches through it run on the wall clock.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.js';
import { writeClusterState } from '../../engine/host/cluster-state.js';
import { serve, type ServedHandler } from '../../engine/host/http-server.js';
import { RealClock } from '../../engine/util/clock.js';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectlPath);
if (!haveKubectl) console.log(`skipping the real-kubectl port-forward tests: no kubectl binary at ${kubectlPath}`);

interface Forwarding {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number>;
}

/** fetchOnce makes one HTTP request on a connection of its own. */
function fetchOnce(port: number): Promise<{ status: number; server: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/', agent: false, headers: { Connection: 'close' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, server: String(res.headers.server ?? ''), body }));
    });
    req.on('error', reject);
  });
}

describe.skipIf(!haveKubectl)('real kubectl port-forward', () => {
  let cluster: Cluster;
  let served: ServedHandler;
  let dir: string;
  let kubeconfig: string;
  const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', HOME: dir, ...extra });
  const kubectl = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(kubectlPath, ['--kubeconfig', kubeconfig, ...args], { env: env(), timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });

  /** forward starts `kubectl port-forward` and resolves once it prints its local port. */
  const forward = (args: string[], extraEnv: Record<string, string> = {}) =>
    new Promise<Forwarding>((resolve, reject) => {
      const child = spawn(kubectlPath, ['--kubeconfig', kubeconfig, 'port-forward', ...args], { env: env(extraEnv) });
      let out = '';
      let err = '';
      const exited = new Promise<number>((r) => child.on('exit', (code) => r(code ?? -1)));
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /^Forwarding from 127\.0\.0\.1:(\d+) -> \d+$/m.exec(out);
        if (m) resolve({ child, port: Number(m[1]), stdout: () => out, stderr: () => err, exited });
      });
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      void exited.then((code) => reject(new Error(`kubectl port-forward exited ${code} before forwarding: ${err}`)));
    });

  beforeAll(async () => {
    cluster = await Cluster.start({ clock: new RealClock(), nodes: 1, seed: 5 });
    served = await serve(cluster.plane.apiserver.handler);
    dir = await mkdtemp(join(tmpdir(), 'kubelab-pf-'));
    kubeconfig = await writeClusterState(dir, { apiURL: served.url, etcdURL: '', pid: process.pid, startedAt: new Date().toISOString() });
    await kubectl(['wait', '--for=condition=Ready', 'node/node-1', '--timeout=30s']);
    expect((await kubectl(['run', 'web', '--image=nginx:1.7.9', '--port=80', '--labels=app=web'])).code).toBe(0);
    expect((await kubectl(['create', 'service', 'clusterip', 'web', '--tcp=8000:80'])).code).toBe(0);
    const ready = await kubectl(['wait', '--for=condition=Ready', 'pod/web', '--timeout=30s']);
    expect(ready.stderr).toBe('');
  }, 90_000);
  afterAll(async () => {
    await served?.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('tunnels SPDY through a WebSocket: two connections, each served by nginx, then a clean stop', async () => {
    const pf = await forward(['pod/web', '0:80', '-v=6']);
    expect(pf.stdout()).toMatch(new RegExp(`^Forwarding from 127\\.0\\.0\\.1:${pf.port} -> 80\\n`));
    const first = await fetchOnce(pf.port);
    const second = await fetchOnce(pf.port);
    for (const r of [first, second]) {
      expect(r.status).toBe(200);
      expect(r.server).toBe('nginx/1.7.9');
      expect(r.body).toContain('<title>Welcome to nginx!</title>');
    }
    expect(pf.stdout().match(/Handling connection for \d+/g)).toHaveLength(2);
    // kubectl's own trace: a GET upgraded to a WebSocket carrying "SPDY/3.1+portforward.k8s.io".
    expect(pf.stderr()).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/default\/pods\/web\/portforward 101 Switching Protocols/);
    pf.child.kill('SIGINT');
    expect(await pf.exited).toBe(0);
  }, 60_000);

  it('falls back to plain SPDY/3.1 when WebSockets are turned off', async () => {
    const pf = await forward(['pod/web', '0:80', '-v=6'], { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    const r = await fetchOnce(pf.port);
    expect([r.status, r.server]).toEqual([200, 'nginx/1.7.9']);
    expect(pf.stderr()).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/default\/pods\/web\/portforward 101 Switching Protocols/);
    expect(pf.stderr()).not.toContain('tunneling_dialer');
    pf.child.kill('SIGINT');
    expect(await pf.exited).toBe(0);
  }, 60_000);

  it('reports a port nobody listens on as the kubelet and containerd word it, and kubectl gives up', async () => {
    const pf = await forward(['pod/web', '0:81']);
    await expect(fetchOnce(pf.port)).rejects.toThrow();
    expect(await pf.exited).toBe(1);
    const stderr = pf.stderr();
    expect(stderr).toContain(`an error occurred forwarding ${pf.port} -> 81: error forwarding port 81 to pod web_default, uid `);
    // klog quotes the message, so its inner quotes arrive escaped.
    expect(stderr).toMatch(/failed to execute portforward in network namespace \\"\/var\/run\/netns\/[0-9a-f]+\\": failed to connect to localhost:81 inside namespace \\"[0-9a-f]+\\", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused/);
    expect(stderr).toMatch(/error: lost connection to pod\n$/);
  }, 60_000);

  it('forwards svc/NAME to the pod behind it (kubectl resolves the target port)', async () => {
    const pf = await forward(['svc/web', '0:8000']);
    expect(pf.stdout()).toMatch(/^Forwarding from 127\.0\.0\.1:\d+ -> 80\n/);
    const r = await fetchOnce(pf.port);
    expect([r.status, r.server]).toEqual([200, 'nginx/1.7.9']);
    pf.child.kill('SIGINT');
    expect(await pf.exited).toBe(0);
  }, 60_000);
});
