// The real kubectl (v1.32) attaches through Kubelab's API server over WebSocket v5.channel.k8s.io:
// `attach -i` into a stdinOnce container, `run -i --rm` with its exit code and cleanup, and `run
// -it` into a container with a terminal. Real time: kubectl waits for pods on the wall clock.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.js';
import { writeClusterState } from '../../engine/host/cluster-state.js';
import { serve, type ServedHandler } from '../../engine/host/http-server.js';
import { RealClock } from '../../engine/util/clock.js';

const kubectlPath = process.env.KUBECTL ?? '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectlPath);
if (!haveKubectl) console.log(`skipping the real-kubectl attach tests: no kubectl binary at ${kubectlPath}`);

describe.skipIf(!haveKubectl)('real kubectl attach', () => {
  let cluster: Cluster;
  let served: ServedHandler;
  let dir: string;
  let kubeconfig: string;
  const kubectl = (args: string[], input = '') =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(kubectlPath, ['--kubeconfig', kubeconfig, ...args], { env: { PATH: process.env.PATH ?? '', HOME: dir }, timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      child.stdin?.end(input);
    });

  beforeAll(async () => {
    cluster = await Cluster.start({ clock: new RealClock(), nodes: 1, seed: 9 });
    served = await serve(cluster.plane.apiserver.handler);
    dir = await mkdtemp(join(tmpdir(), 'kubelab-attach-'));
    kubeconfig = await writeClusterState(dir, { apiURL: served.url, etcdURL: '', pid: process.pid, startedAt: new Date().toISOString() });
    await kubectl(['wait', '--for=condition=Ready', 'node/node-1', '--timeout=30s']);
    await writeFile(join(dir, 'cat.yaml'), `apiVersion: v1
kind: Pod
metadata: {name: cat}
spec:
  containers:
  - {name: cat, image: busybox, command: ["cat"], stdin: true, stdinOnce: true}
  - {name: idle, image: busybox, command: ["sleep", "3600"]}
`);
    expect((await kubectl(['apply', '-f', join(dir, 'cat.yaml')])).code).toBe(0);
    expect((await kubectl(['wait', '--for=condition=Ready', 'pod/cat', '--timeout=30s'])).stderr).toBe('');
  }, 90_000);
  afterAll(async () => {
    await served?.close();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('attach -i -c feeds a stdinOnce container and returns when its input is used up', async () => {
    const r = await kubectl(['attach', '-i', 'cat', '-c', 'cat', '-v=6'], 'hello\nworld\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello\nworld\n');
    // client-go's trace: the WebSocket executor, no fallback to SPDY.
    expect(r.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/default\/pods\/cat\/attach\?container=cat&stderr=true&stdin=true&stdout=true 101 Switching Protocols/);
    expect(r.stderr).not.toContain('fallback');
    expect(r.stderr).toContain("If you don't see a command prompt, try pressing enter.");
  }, 60_000);

  it('names a container the pod does not have as kubectl does', async () => {
    const missing = await kubectl(['attach', 'cat', '-c', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('container nope not found in pod cat');
  }, 60_000);

  it('run -i --rm --restart=Never: the output, the exit code and the pod gone', async () => {
    const r = await kubectl(['run', '-i', '--rm', '--restart=Never', 'once', '--image=busybox', '--', 'sh'], 'echo hi from $(hostname)\nexit 3\n');
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('hi from once\npod "once" deleted\n');
    expect(r.stderr).toContain('pod default/once terminated (Error)');
    const gone = await kubectl(['get', 'pod', 'once']);
    expect(gone.stderr).toBe('Error from server (NotFound): pods "once" not found\n');
  }, 60_000);

  it('run -it into a container with a terminal: input is cooked and echoed by the container’s terminal', async () => {
    const r = await kubectl(['run', '-it', '--rm', '--restart=Never', 'term', '--image=busybox', '--', 'sh'], 'echo hi\n');
    expect(r.stderr).toContain('Unable to use a TTY - input is not a terminal or the right kind of file');
    // The terminal echoes the line with \r\n before stdin (stdinOnce) closes and the session ends.
    expect(r.stdout).toMatch(/^echo hi\r\n/);
    expect(r.stdout).toMatch(/pod "term" deleted\n$/);
    expect(r.code).toBe(0);
  }, 60_000);
});
