// The engine bundle the WebContainer runtime mounts, run for real: exactly the mounted file tree is
// written to a temporary folder and the commands the runtime and a learner would type run as real
// Node processes — `node bin/kubelab.mjs up`, then the extensionless bin/kubectl and bin/etcdctl as
// jsh would start them. This is the stand-in for a WebContainer, which a test run cannot boot (it needs
// StackBlitz's servers); it runs on the test runner's Node, not the container's Node 18 (the bundle
// targets Node 18 syntax). The Check button's command is run the same way and its output read
// with the runtime's own parser.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSystemTree } from '@webcontainer/api';
import { buildEngineBundle, commands } from '../../scripts/build-engine-bundle.mjs';
import { gradeArgs } from '../../src/lab/runtime/webcontainer.js';
import { GradeOutput } from '../../src/lab/runtime/grade-output.js';
import guestbook from '../../labs/guestbook/lab.js';
import type { CheckResult } from '../../engine/grader/types.js';

const labDir = new URL('../../labs/guestbook/', import.meta.url);
const labFiles = (folder: string) => Object.fromEntries(readdirSync(new URL(`${folder}/`, labDir)).map((name) => [name, readFileSync(new URL(`${folder}/${name}`, labDir), 'utf8')]));

function writeTree(tree: FileSystemTree, dir: string): void {
  for (const [name, node] of Object.entries(tree)) {
    const path = join(dir, name);
    if ('directory' in node) {
      mkdirSync(path, { recursive: true });
      writeTree(node.directory, path);
    } else if ('file' in node && 'contents' in node.file) writeFileSync(path, node.file.contents);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('engine bundle for WebContainers, run with real Node processes', () => {
  let dir: string;
  let cluster: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv;
  let log = '';

  /** run starts a command of the mounted tree, as jsh would, and collects its output. */
  const run = (file: string, args: string[], stdin?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(file, args, { cwd: dir, env }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
      child.stdin?.end(stdin ?? '');
    });

  beforeAll(async () => {
    const { tree } = await buildEngineBundle({ write: false });
    dir = mkdtempSync(join(tmpdir(), 'kubelab-wc-'));
    writeTree(tree, dir);
    // What the runtime's `chmod +x` does after mounting.
    for (const c of commands) chmodSync(join(dir, 'bin', c), 0o755);
    env = { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, HOME: dir, KUBELAB_DATA_DIR: join(dir, '.kubelab') };
    const [port, etcdPort] = [await freePort(), await freePort()];
    cluster = spawn(process.execPath, ['bin/kubelab.mjs', 'up', '--port', String(port), '--etcd-port', String(etcdPort), '--data-dir', '.kubelab'], { cwd: dir, env });
    await new Promise<void>((resolve, reject) => {
      cluster!.stdout!.on('data', (d) => {
        log += d;
        if (log.includes('Press Ctrl-C to stop.')) resolve();
      });
      cluster!.stderr!.on('data', (d) => (log += d));
      cluster!.on('exit', (code) => reject(new Error(`kubelab up exited with ${code}: ${log}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (cluster && cluster.exitCode === null && cluster.signalCode === null) {
      const exited = new Promise((resolve) => cluster!.once('exit', resolve));
      // SIGTERM rather than SIGINT: a test runner's children may inherit SIGINT ignored.
      cluster.kill('SIGTERM');
      const clean = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!clean) {
        console.warn('kubelab up did not exit within 10 s of SIGTERM; killed');
        cluster.kill('SIGKILL');
        await exited;
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('kubelab up prints the API server and writes the kubeconfig into the data folder', () => {
    expect(log).toMatch(/^Kubernetes API server is running at http:\/\/127\.0\.0\.1:\d+$/m);
    expect(log).toContain(`kubeconfig written to ${join(dir, '.kubelab', 'kubeconfig')}`);
  });

  it('bin/kubectl (the extensionless jsh command) lists the namespaces', async () => {
    const got = await run(join(dir, 'bin', 'kubectl'), ['get', 'ns']);
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    const lines = got.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['default Active', 'kube-node-lease Active', 'kube-public Active', 'kube-system Active']);
  });

  it('node bin/kubectl.mjs applies a manifest from stdin, and bin/etcdctl finds it in the store', async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-stdin\ndata:\n  k: v\n';
    const applied = await run(process.execPath, ['bin/kubectl.mjs', 'apply', '-f', '-'], manifest);
    expect(applied).toMatchObject({ code: 0, stdout: 'configmap/from-stdin created\n' });
    const keys = await run(join(dir, 'bin', 'etcdctl'), ['get', '/registry/configmaps/default/from-stdin', '--keys-only']);
    expect(keys.stdout.trim()).toBe('/registry/configmaps/default/from-stdin');
  });

  it("the Check button's grade command grades the guestbook: the starter fails with hints, the solution passes every check", async () => {
    /** check runs what WebContainerRuntime.grade runs and reads its output as the runtime does. */
    const check = async () => {
      const streamed: CheckResult[] = [];
      const out = new GradeOutput((r) => streamed.push(r));
      const got = await run(process.execPath, ['bin/kubelab.mjs', ...gradeArgs('guestbook', 'en')]);
      // In the container stdout and stderr are one stream.
      out.push(got.stdout + got.stderr);
      return { code: got.code, report: out.report(), streamed, stderr: got.stderr };
    };
    const kubectl = (...args: string[]) => run(join(dir, 'bin', 'kubectl'), args);

    // The runtime mounts the starter files in the home folder; the learner applies them as they are.
    const starter = labFiles('starter');
    for (const [name, text] of Object.entries(starter)) writeFileSync(join(dir, name), text);
    for (const name of Object.keys(starter)) expect((await kubectl('apply', '-f', name)).code).toBe(0);
    const first = await check();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(first.report?.passed).toBe(false);
    expect(first.streamed).toEqual(first.report?.results);
    const byId = new Map(first.report!.results.map((r) => [r.id, r]));
    const hint = (id: string) => guestbook.checks.find((c) => c.id === id)!.hint.en;
    expect(byId.get('redis-slave-controller')).toMatchObject({ status: 'failed', observed: 'no ReplicationController, ReplicaSet or Deployment runs kubelab/redis-slave', hint: hint('redis-slave-controller') });
    expect(byId.get('frontend-controller')).toMatchObject({ status: 'failed', observed: 'ReplicationController/frontend (replicas 1, selector tier=frontend): wants 3 replicas', hint: hint('frontend-controller') });
    expect(byId.get('redis-master-controller')?.status).toBe('passed');

    // Start over with the reference solution and wait for its six pods.
    for (const name of Object.keys(starter)) expect((await kubectl('delete', '-f', name)).code).toBe(0);
    mkdirSync(join(dir, 'solution'));
    for (const [name, text] of Object.entries(labFiles('solution'))) {
      writeFileSync(join(dir, 'solution', name), text);
      expect((await kubectl('apply', '-f', `solution/${name}`)).code).toBe(0);
    }
    for (let i = 0; ; i++) {
      const pods = (await kubectl('get', 'pods', '--no-headers')).stdout.trim().split('\n');
      if (pods.length === 6 && pods.every((l) => /\s1\/1\s+Running\s/.test(l))) break;
      if (i === 120) throw new Error(`the guestbook pods did not all run:\n${pods.join('\n')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const second = await check();
    expect(second.report?.results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(second.report).toMatchObject({ lab: 'guestbook', title: 'Run the guestbook', locale: 'en', passed: true });
    expect(second.report?.results.map((r) => r.id)).toEqual(guestbook.checks.map((c) => c.id));
    expect(second.streamed).toEqual(second.report?.results);
    // The dataplane checks ran inside the cluster, through the node addresses.
    expect(second.report?.results.find((r) => r.id === 'nodeport-page')?.observed).toMatch(/^http:\/\/192\.168\.1\.10\d:30001\/ answered 200 .* with the guestbook page$/);
    expect(second.code).toBe(0);
  }, 120_000);

  it('bin/kubelab answers help with its usage', async () => {
    const got = await run(join(dir, 'bin', 'kubelab'), ['help']);
    expect(got.code).toBe(0);
    expect(got.stdout).toContain('kubelab up [--data-dir DIR] [--port N]');
  });
});
