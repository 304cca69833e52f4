// The real kubectl (v1.32) against a whole Kubelab cluster served over HTTP (as `kubelab up` serves
// it): logs, exec over the WebSocket v5.channel.k8s.io protocol (exit codes, stdin), the proxy
// subresources and `kubectl top` from the metrics API. Real time: kubectl itself waits (kubectl wait).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.js';
import { writeClusterState } from '../../engine/host/cluster-state.js';
import { serve, type ServedHandler } from '../../engine/host/http-server.js';
import { RealClock } from '../../engine/util/clock.js';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectlPath);

describe.skipIf(!haveKubectl)('real kubectl: logs, exec, proxy, top', () => {
  let cluster: Cluster;
  let served: ServedHandler;
  let dir: string;
  let kubeconfig: string;
  const kubectl = (args: string[], input?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(kubectlPath, ['--kubeconfig', kubeconfig, ...args], { env: { PATH: process.env.PATH ?? '', HOME: dir }, timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      child.stdin?.end(input ?? '');
    });

  beforeAll(async () => {
    cluster = await Cluster.start({ clock: new RealClock(), nodes: 1, seed: 3 });
    served = await serve(cluster.plane.apiserver.handler);
    dir = await mkdtemp(join(tmpdir(), 'kubelab-ks-'));
    kubeconfig = await writeClusterState(dir, { apiURL: served.url, etcdURL: '', pid: process.pid, startedAt: new Date().toISOString() });
    await kubectl(['wait', '--for=condition=Ready', 'node/node-1', '--timeout=30s']);
    expect((await kubectl(['run', 'talk', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo hello; echo world; sleep 3600'])).code).toBe(0);
    expect((await kubectl(['run', 'web', '--image=nginx:1.7.9', '--port=80'])).code).toBe(0);
    const ready = await kubectl(['wait', '--for=condition=Ready', 'pod/talk', 'pod/web', '--timeout=30s']);
    expect(ready.stderr).toBe('');
  }, 90_000);
  afterAll(async () => {
    await served?.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('kubectl logs', async () => {
    expect(await kubectl(['logs', 'talk'])).toEqual({ code: 0, stdout: 'hello\nworld\n', stderr: '' });
    expect((await kubectl(['logs', 'talk', '--tail=1'])).stdout).toBe('world\n');
  });

  it('kubectl exec: output, exit code, stdin and errors', async () => {
    expect(await kubectl(['exec', 'talk', '--', 'sh', '-c', 'echo out; echo err >&2; exit 4'])).toEqual({ code: 4, stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 4\n' });
    expect(await kubectl(['exec', '-i', 'talk', '--', 'cat'], 'piped\n')).toEqual({ code: 0, stdout: 'piped\n', stderr: '' });
    const bad = await kubectl(['exec', 'talk', '-c', 'nope', '--', 'ls']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('container nope is not valid for pod talk');
  });

  it('proxies through the API server', async () => {
    const page = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/web/proxy/']);
    expect(page.stdout).toContain('<title>Welcome to nginx!</title>');
    const health = await kubectl(['get', '--raw', '/api/v1/nodes/node-1/proxy/healthz']);
    expect(health.stdout).toBe('ok');
  });

  it('kubectl top nodes and pods', async () => {
    const nodes = await kubectl(['top', 'nodes']);
    expect(nodes.code).toBe(0);
    expect(nodes.stdout).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s*\nnode-1\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%/);
    const pods = await kubectl(['top', 'pods']);
    expect(pods.stdout.split('\n').slice(1).map((l) => l.split(/\s+/)[0]).filter(Boolean).sort()).toEqual(['talk', 'web']);
  });
});
