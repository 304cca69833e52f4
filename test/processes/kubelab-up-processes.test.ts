// `kubelab up --processes`: every node machine in an OS process of its own, joined to the master's
// process by the TCP underlay, driven as a learner would — the real kubectl, NodePorts with curl,
// `kubelab ssh`, `kubelab node fail` and `kubelab down`. These are real processes on real time, so
// the cluster is asked for short node-monitor periods and every wait has a bound.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/kubelab.mjs', import.meta.url));
const kubectlBin = '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectlBin);
if (!haveKubectl) console.warn(`test/processes: skipped: the real kubectl is not at ${kubectlBin}`);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], env: Record<string, string>, timeout = 20_000): Promise<Result> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, ...env }, timeout }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** until polls cond every 250 ms; it fails with what after timeoutMs. */
async function until(what: string, timeoutMs: number, cond: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** httpGet opens a new connection each time, so kube-proxy chooses a backend each time. */
function httpGet(port: number, timeout = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/', agent: false, timeout }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

const manifest = `apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 2
  selector:
    app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  type: NodePort
  selector:
    app: nginx
  ports:
  - port: 80
`;

interface PodJSON {
  metadata: { name: string };
  spec: { nodeName?: string };
  status: { phase?: string };
}

describe('kubelab up --processes', () => {
  const dirs: string[] = [];
  const pids = new Set<number>();
  let master: ChildProcess | undefined;
  afterAll(async () => {
    // Whatever failed, no process of the cluster outlives the test.
    if (master?.exitCode === null) master.kill('SIGKILL');
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it.skipIf(!haveKubectl)('runs a node machine per OS process; pods, NodePorts, logs, exec, port-forward, ssh, node fail and down work across them', { timeout: 100_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kubelab-processes-'));
    dirs.push(dataDir);
    const env = { KUBELAB_DATA_DIR: dataDir, KUBECONFIG: join(dataDir, 'kubeconfig') };
    const kubectl = (...args: string[]) => run(kubectlBin, args, env);
    const kubelab = (...args: string[]) => run(process.execPath, [bin, ...args], env);

    const proc = spawn(process.execPath, [bin, 'up', '--processes', '--nodes', '2', '--data-dir', dataDir, '--port', '0', '--etcd-port', '0',
      '--node-monitor-grace-period', '4s', '--node-monitor-period', '1s', '--node-status-update-frequency', '1s'], { stdio: ['ignore', 'pipe', 'pipe'] });
    master = proc;
    let output = '';
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    await until('kubelab up --processes to start', 60_000, () => {
      if (proc.exitCode !== null) throw new Error(`kubelab up exited with ${proc.exitCode}:\n${output}`);
      return output.includes('Press Ctrl-C to stop.');
    });

    // Each machine is a process of its own.
    const status = JSON.parse((await kubelab('status', '-o', 'json')).stdout) as { pid: number; nodes: Array<{ name: string; pid: number; ip: string }> };
    for (const n of status.nodes) pids.add(n.pid);
    expect(status.pid).toBe(proc.pid);
    expect(status.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2']);
    expect(new Set([proc.pid, ...status.nodes.map((n) => n.pid)]).size).toBe(3);
    for (const n of status.nodes) expect(alive(n.pid), `${n.name}'s process`).toBe(true);

    // The real kubectl sees both nodes Ready.
    const nodes = await kubectl('get', 'nodes', '--no-headers');
    expect(nodes.code, nodes.stderr).toBe(0);
    expect(nodes.stdout).toMatch(/^node-1 +Ready /m);
    expect(nodes.stdout).toMatch(/^node-2 +Ready /m);

    // Two nginx pods, one per node, behind a NodePort.
    await writeFile(join(dataDir, 'nginx.yaml'), manifest);
    const created = await kubectl('apply', '-f', join(dataDir, 'nginx.yaml'));
    expect(created.stdout).toContain('replicationcontroller/nginx created');
    let pods: PodJSON[] = [];
    await until('both nginx pods Running on different nodes', 30_000, async () => {
      pods = (JSON.parse((await kubectl('get', 'pods', '-l', 'app=nginx', '-o', 'json')).stdout || '{"items":[]}') as { items: PodJSON[] }).items;
      return pods.length === 2 && pods.every((p) => p.status.phase === 'Running') && new Set(pods.map((p) => p.spec.nodeName)).size === 2;
    });
    const nodePort = Number((await kubectl('get', 'service', 'nginx', '-o', 'jsonpath={.spec.ports[0].nodePort}')).stdout);
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    await until(`NodePort ${nodePort} open on the host`, 10_000, () => output.includes(`NodePort ${nodePort} is open`));

    // curl 127.0.0.1:<nodePort> answers from both pods: one is on the node the master dials, the
    // other one's answers cross the underlay between three OS processes. Each pod's access log
    // (kubectl logs, read from the kubelet of the node's process) shows the requests it served.
    const served = async (pod: string) => ((await kubectl('logs', pod)).stdout.match(/"GET \/ HTTP\/1\.1" 200/g) ?? []).length;
    let answers = 0;
    // Until kube-proxy on node-1 has the service's rules, the port refuses.
    await until('the NodePort to answer', 15_000, async () => (await httpGet(nodePort).catch(() => 0)) === 200 && ++answers > 0);
    await until('answers from both pods', 30_000, async () => {
      for (let i = 0; i < 4; i++) expect(await httpGet(nodePort)).toBe(200);
      answers += 4;
      return (await served(pods[0]!.metadata.name)) > 0 && (await served(pods[1]!.metadata.name)) > 0;
    });
    expect((await served(pods[0]!.metadata.name)) + (await served(pods[1]!.metadata.name))).toBe(answers);

    // exec reaches the kubelet in node-2's process through the API server.
    const onNode2 = pods.find((p) => p.spec.nodeName === 'node-2')!.metadata.name;
    const exec = await kubectl('exec', onNode2, '--', 'hostname');
    expect(exec).toMatchObject({ code: 0, stdout: `${onNode2}\n` });

    // port-forward's SPDY streams reach it too.
    const forward = spawn(kubectlBin, ['port-forward', `pod/${onNode2}`, ':80'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let said = '';
      forward.stdout!.on('data', (d) => (said += d));
      await until('kubectl port-forward to listen', 15_000, () => /Forwarding from 127\.0\.0\.1:\d+/.test(said));
      expect(await httpGet(Number(/127\.0\.0\.1:(\d+)/.exec(said)![1]))).toBe(200);
    } finally {
      forward.kill();
    }

    // A node shell in node-1's process: its routes, with node-2's pod CIDR via node-2's address.
    const route = await kubelab('ssh', 'node-1', '--', 'ip', 'route');
    expect(route.code, route.stderr).toBe(0);
    expect(route.stdout).toContain('172.17.1.0/24 dev cbr0 proto kernel scope link src 172.17.1.1');
    expect(route.stdout).toContain('172.17.2.0/24 via 192.168.1.102 dev eth0');

    // node fail kills node-1's process; its silence turns the node NotReady. Its pod leaves the
    // service, and the NodePort answers again, now through node-2.
    const node1 = status.nodes.find((n) => n.name === 'node-1')!;
    const failed = await kubelab('node', 'fail', 'node-1');
    expect(failed.code, failed.stderr).toBe(0);
    expect(alive(node1.pid)).toBe(false);
    await until('node-1 NotReady', 20_000, async () => /^node-1 +NotReady /m.test((await kubectl('get', 'nodes', '--no-headers')).stdout));
    expect((await kubectl('get', 'node', 'node-2', '--no-headers')).stdout).toMatch(/^node-2 +Ready /);
    await until('the NodePort to answer through node-2', 20_000, async () => (await httpGet(nodePort, 1000).catch(() => 0)) === 200);

    // down stops the master and every node process.
    const down = await kubelab('down');
    expect(down.code, down.stderr).toBe(0);
    expect(await exited).toBe(0);
    for (const pid of pids) expect(alive(pid), `process ${pid}`).toBe(false);
  });
});
