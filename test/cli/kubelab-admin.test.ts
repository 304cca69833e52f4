// The kubelab commands that act on a running `kubelab up` from other processes: status, kubeconfig,
// node, ssh, trace, grade --kubeconfig and down — real processes talking to the up process's admin API.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/kubelab.mjs', import.meta.url));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function kubelab(dataDir: string, args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { env: { ...process.env, KUBELAB_DATA_DIR: dataDir, KUBECONFIG: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    else child.stdin!.end();
  });
}

async function eventually(what: () => Promise<boolean>, tries = 60): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('condition not met in time');
}

describe('kubelab commands against a running cluster', () => {
  let dataDir: string;
  let up: ChildProcess | undefined;
  let upOutput = '';
  const run = (args: string[], stdin?: string) => kubelab(dataDir, args, stdin);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kubelab-admin-'));
    up = spawn(process.execPath, [bin, 'up', '--data-dir', dataDir, '--port', '0', '--etcd-port', '0', '--nodes', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    up.stdout!.on('data', (d) => (upOutput += d));
    up.stderr!.on('data', (d) => (upOutput += d));
    await eventually(async () => upOutput.includes('Press Ctrl-C to stop.'));
    // Wait for the DNS pods, so the node shells have containers to list.
    await eventually(async () => (await run(['kubectl', 'get', 'pods', '-n', 'kube-system', '--no-headers'])).stdout.split('\n').filter((l) => l.includes('Running')).length >= 2);
  }, 60_000);

  afterAll(async () => {
    if (up && up.exitCode === null) {
      const exited = new Promise((r) => up!.once('exit', r));
      up.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('status shows endpoints, modes, machines and components', async () => {
    const r = await run(['status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Kubernetes API server: http:\/\/127\.0\.0\.1:\d+\n/);
    expect(r.stdout).toContain(`data directory:        ${dataDir}\n`);
    expect(r.stdout).toContain('kube-proxy mode:       iptables\n');
    expect(r.stdout).toMatch(/node-2 +node +192\.168\.1\.102 +172\.17\.2\.0\/24 +Running +Ready\n/);
    expect(r.stdout).toMatch(/kube-controller-manager +master +Running\n/);
    const json = JSON.parse((await run(['status', '-o', 'json'])).stdout);
    expect(json).toMatchObject({ kind: 'ClusterStatus', network: 'routing', pid: up!.pid });
    expect((await run(['status', '-o', 'yaml'])).stderr).toContain('allowed formats are: json');
  });

  it('kubeconfig prints the path or the file', async () => {
    expect((await run(['kubeconfig'])).stdout).toBe(`${join(dataDir, 'kubeconfig')}\n`);
    expect((await run(['kubeconfig', '--print'])).stdout).toContain('current-context: kubelab');
    const none = await kubelab(join(dataDir, 'nowhere'), ['kubeconfig']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no kubeconfig in');
  });

  it('ssh runs node tools: ip, crictl and docker list the pods and their pause sandboxes', async () => {
    const addr = await run(['ssh', 'node-1', '--', 'ip', 'addr', 'show', 'eth0']);
    expect(addr.code).toBe(0);
    expect(addr.stdout).toContain('inet 192.168.1.101/24 brd 192.168.1.255 scope global eth0');
    const ps = await run(['ssh', 'node-1', '--', 'crictl', 'ps']);
    expect(ps.stdout).toMatch(/^CONTAINER +IMAGE +CREATED +STATE +NAME +ATTEMPT +POD ID +POD\n/);
    expect(ps.stdout).toMatch(/Running +coredns +0 +[0-9a-f]{13} +coredns-/);
    const docker = await run(['ssh', 'node-1', 'docker', 'ps']);
    expect(docker.stdout).toMatch(/^CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES\n/);
    expect(docker.stdout).toMatch(/registry\.k8s\.io\/pause:3\.9 +"\/pause" .* k8s_POD_coredns-[a-z0-9-]+_kube-system_[0-9a-f-]{36}_0\n/);
    const script = await run(['ssh', 'node-2'], 'iptables-save -t nat | grep -c KUBE-SVC\nhostname\n');
    expect(script.code).toBe(0);
    expect(script.stdout).toMatch(/^\d+\nnode-2\n$/);
    const missing = await run(['ssh', 'node-7', '--', 'ip', 'addr']);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('node "node-7" not found');
    expect((await run(['ssh'])).code).toBe(2);
  });

  it('trace follows a probe to a DNS pod, as text and as JSON', async () => {
    const text = await run(['trace', 'node-1', 'svc/kube-system/kube-dns', '--protocol', 'udp']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('to   service kube-system/kube-dns (10.254.0.10)\ntrace udp node-1 → 10.254.0.10:53\n[node-1]\n');
    expect(text.stdout).toMatch(/nat +-A KUBE-SERVICES -d 10\.254\.0\.10\/32 -p udp .*-j KUBE-SVC-/);
    expect(text.stdout).toMatch(/verdict: delivered in pod kube-system\/coredns-/);
    const json = JSON.parse((await run(['trace', 'node-2', '10.254.0.10:53', '--protocol', 'udp', '-o', 'json'])).stdout);
    expect(json.to).toMatchObject({ kind: 'service', name: 'kube-system/kube-dns', port: 53 });
    expect(json.trace.events.some((e: { kind: string; type?: string }) => e.kind === 'nat' && e.type === 'DNAT')).toBe(true);
    const bad = await run(['trace', 'node-1', 'svc/default/nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error from server (NotFound): services "nope" not found in namespace "default"');
  });

  it('grade --kubeconfig finds the admin API and runs every check from inside the cluster, none skipped', async () => {
    const solution = fileURLToPath(new URL('../../labs/services/solution/', import.meta.url));
    expect((await run(['kubectl', 'apply', '-f', solution])).code).toBe(0);
    await eventually(async () => /webapp +\S+:80,\S+:80 /.test((await run(['kubectl', 'get', 'endpoints', 'webapp'])).stdout));
    const r = await run(['grade', 'services', '--kubeconfig', join(dataDir, 'kubeconfig'), '--reporter', 'tap', '--timeout', '10']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter((l) => /^(not )?ok /.test(l))).toEqual([
      'ok 1 - A ClusterIP service on port 8080 selects the webapp pods',
      'ok 2 - A NodePort service on 30080 selects the webapp pods',
      'ok 3 - Both services have the two pods as endpoints',
      'ok 4 - The ClusterIP service name resolves in cluster DNS',
      'ok 5 - The service IP answers from inside a pod',
      'ok 6 - NodePort 30080 answers on the node addresses',
    ]);
    expect(r.code).toBe(0);
    // jsonl streams the same results, then the summary.
    const jsonl = await run(['grade', 'services', '--kubeconfig', join(dataDir, 'kubeconfig'), '--reporter', 'jsonl', '--locale', 'zh-cn', '--timeout', '10']);
    const objects = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objects.map((o) => `${o.type}:${o.id ?? o.lab}:${o.status ?? o.passed}`)).toEqual([
      'result:clusterip-service:passed', 'result:nodeport-service:passed', 'result:endpoints:passed',
      'result:dns-name:passed', 'result:clusterip-answers:passed', 'result:nodeport-answers:passed', 'summary:services:true',
    ]);
    expect(objects.at(-1)).toMatchObject({ locale: 'zh-cn', counts: { passed: 6, failed: 0, skipped: 0 } });
    expect(objects[4].observed).toMatch(/^http:\/\/10\.254\.\d+\.\d+:8080\/ answered 200 \(Server: nginx\/1\.25/);
    expect((await run(['kubectl', 'delete', '-f', solution])).code).toBe(0);
  }, 60_000);

  it('node add, fail, recover and remove change the cluster', async () => {
    expect((await run(['node', 'add', 'node-3'])).stdout).toContain('node/node-3 added (IP 192.168.1.103');
    await eventually(async () => /node-3 +Ready/.test((await run(['kubectl', 'get', 'nodes'])).stdout));
    expect((await run(['node', 'fail', 'node-3'])).stdout).toContain('node/node-3 failed');
    expect((await run(['node', 'fail', 'node-3'])).stderr).toBe('Error from server (Conflict): node "node-3" has already failed\n');
    expect((await run(['node', 'list'])).stdout).toMatch(/node-3 +192\.168\.1\.103 +172\.17\.3\.0\/24 +Failed/);
    const unreachable = await run(['ssh', 'node-3', '--', 'ip', 'link']);
    expect(unreachable).toMatchObject({ code: 255, stderr: 'ssh: connect to host 192.168.1.103 port 22: No route to host\n' });
    expect((await run(['node', 'recover', 'node-3'])).stdout).toContain('node/node-3 recovered');
    expect((await run(['ssh', 'node-3', '--', 'hostname'])).stdout).toBe('node-3\n');
    expect((await run(['node', 'remove', 'node-3'])).stdout).toBe('node/node-3 removed\n');
    await eventually(async () => !(await run(['kubectl', 'get', 'nodes'])).stdout.includes('node-3'));
    expect((await run(['node', 'explode', 'x'])).code).toBe(2);
  }, 60_000);

  it('every command has --help', async () => {
    for (const cmd of ['status', 'down', 'kubeconfig', 'node', 'ssh', 'trace']) {
      const r = await run([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`kubelab ${cmd}`);
    }
  });

  it('down stops the up process and waits for it', async () => {
    const exited = new Promise<number | null>((r) => up!.once('exit', (code) => r(code)));
    const r = await run(['down']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cluster stopped.\n');
    expect(await exited).toBe(0);
    const after = await run(['status']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('no running cluster found in');
  }, 60_000);
});
