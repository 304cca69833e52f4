// `kubelab up` as a learner runs it: a real process, real ports, a kubeconfig, our kubectl and
// etcdctl through `kubelab`, Ctrl-C, and a restart that resumes from the data directory.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/kubelab.mjs', import.meta.url));

function startUp(dataDir: string): Promise<{ child: ChildProcess; apiURL: string; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'up', '--data-dir', dataDir, '--port', '0', '--etcd-port', '0', '--nodes', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`kubelab up exited with ${code}: ${out}`)));
    const check = () => {
      const m = /API server is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('Press Ctrl-C to stop.')) resolve({ child, apiURL: m[1]!, output: () => out });
    };
    child.stdout!.on('data', check);
  });
}

function kubelab(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, KUBELAB_DATA_DIR: dataDir, KUBECONFIG: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('kubelab up', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    // A failed assertion must not leave a cluster running.
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('serves the API, runs our clients against it, stops on Ctrl-C and resumes from its data dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kubelab-up-'));
    dirs.push(dataDir);
    const first = await startUp(dataDir);
    children.push(first.child);
    expect(first.output()).toContain(`kubeconfig written to ${join(dataDir, 'kubeconfig')}`);

    const created = await kubelab(dataDir, ['kubectl', 'create', 'namespace', 'lab']);
    expect(created).toMatchObject({ code: 0, stdout: 'namespace/lab created\n' });
    const keys = await kubelab(dataDir, ['etcdctl', 'get', '/registry/namespaces/lab', '--keys-only']);
    expect(keys.stdout.trim()).toBe('/registry/namespaces/lab');
    expect(await stop(first.child)).toBe(0);

    const second = await startUp(dataDir);
    children.push(second.child);
    const got = await kubelab(dataDir, ['kubectl', 'get', 'namespace', 'lab', '-o', 'name']);
    expect(got).toMatchObject({ code: 0, stdout: 'namespace/lab\n' });
    expect(await stop(second.child)).toBe(0);
  });

  it('refuses bad flags with a clear message', async () => {
    const r = await kubelab('/nonexistent', ['up', '--nodes', 'many']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid value "many" for --nodes');
  });
});
