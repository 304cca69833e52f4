import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../api/core/v1/types.js';
import { advanceUntil } from '../client/testing/advance.js';
import { VirtualClock } from '../util/clock.js';
import { newAdminHandler, withAdminAPI, type FetchHandler } from './admin-api.js';
import { Cluster } from './cluster.js';
import type { ClusterStatus } from './status.js';
import { formatStatus } from './status.js';
import type { TraceResult } from './trace-target.js';

describe('admin API on an in-process cluster', () => {
  let clock: VirtualClock;
  let cluster: Cluster;
  let admin: FetchHandler;
  let shutdowns = 0;

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string }> {
    const req = new Request(`http://kubelab.local${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const res = await advanceUntil(clock, admin(req), 50);
    const text = await advanceUntil(clock, res.text(), 50);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text };
  }

  async function exec(node: string, argv: string[]) {
    const r = await call('POST', `/kubelab/v1/nodes/${node}/exec`, { argv });
    const lines = r.text.trim().split('\n').map((l) => JSON.parse(l) as { stdout?: string; stderr?: string; exitCode?: number });
    return {
      stdout: lines.map((l) => l.stdout ?? '').join(''),
      stderr: lines.map((l) => l.stderr ?? '').join(''),
      exitCode: lines.at(-1)?.exitCode,
    };
  }

  async function until(what: () => Promise<boolean>, stepMs = 500, maxSteps = 600) {
    for (let i = 0; i < maxSteps; i++) {
      if (await what()) return;
      await clock.advance(stepMs);
    }
    throw new Error('condition not met in time');
  }

  beforeAll(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1));
    cluster = await advanceUntil(clock, Cluster.start({ clock, nodes: 2, seed: 5 }));
    admin = newAdminHandler(cluster, { info: () => ({ apiURL: 'http://127.0.0.1:8080', dataDir: '/tmp/lab' }), shutdown: () => void shutdowns++ });
    const c = cluster.client.coreV1();
    await c.pods('default').create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.7.9', ports: [{ containerPort: 80 }] }] },
    } as Pod);
    await c.pods('default').create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'default' },
      spec: { nodeName: 'node-2', containers: [{ name: 'sh', image: 'busybox', command: ['sleep', '3600'] }] },
    } as Pod);
    await c.services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } } as never);
    await until(async () => ((await c.pods('default').list()).items as Pod[]).every((p) => p.status?.phase === 'Running'));
    await until(async () => cluster.nodes.get('node-2')!.machine.host.netfilter.save('nat').includes('default/web cluster IP'));
  }, 60_000);

  afterAll(async () => {
    await advanceUntil(clock, cluster.stop());
  });

  it('reports machines, components, modes and what the host adds', async () => {
    await until(async () => (await call('GET', '/kubelab/v1/status')).body.nodes.every((n: { ready: string }) => n.ready === 'Ready'));
    const r = await call('GET', '/kubelab/v1/status');
    expect(r.status).toBe(200);
    const s = r.body as ClusterStatus;
    expect(s).toMatchObject({ kind: 'ClusterStatus', apiURL: 'http://127.0.0.1:8080', dataDir: '/tmp/lab', network: 'routing', proxyMode: 'iptables', serviceCIDR: '10.254.0.0/16', master: { name: 'master', ip: '192.168.1.100' } });
    expect(s.nodes).toEqual([
      { name: 'node-1', ip: '192.168.1.101', podCIDR: '172.17.1.0/24', machine: 'Running', ready: 'Ready' },
      { name: 'node-2', ip: '192.168.1.102', podCIDR: '172.17.2.0/24', machine: 'Running', ready: 'Ready' },
    ]);
    expect(s.components).toContainEqual({ name: 'kube-scheduler', machine: 'master', state: 'Running' });
    expect(s.components).toContainEqual({ name: 'kubelet', machine: 'node-2', state: 'Running' });
    const text = formatStatus(s);
    expect(text).toContain('kube-proxy mode:       iptables');
    expect(text).toMatch(/node-1 +node +192\.168\.1\.101 +172\.17\.1\.0\/24 +Running +Ready\n/);
  });

  it('runs node-shell tools in the node host namespace', async () => {
    const addr = await exec('node-1', ['ip', 'addr', 'show', 'eth0']);
    expect(addr.exitCode).toBe(0);
    expect(addr.stdout).toContain('inet 192.168.1.101/24 brd 192.168.1.255 scope global eth0');
    const route = await exec('node-2', ['ip', 'route']);
    expect(route.stdout).toContain('172.17.1.0/24 via 192.168.1.101 dev eth0');
    const rules = await exec('node-2', ['iptables-save', '-t', 'nat']);
    expect(rules.stdout).toContain('-A KUBE-SERVICES');
    const missing = await exec('node-1', ['telnet', 'x']);
    expect(missing).toMatchObject({ exitCode: 127, stderr: 'sh: telnet: not found\n' });
  });

  it('lists containers and sandboxes as crictl and docker show them', async () => {
    const ps = await exec('node-1', ['crictl', 'ps']);
    const lines = ps.stdout.trimEnd().split('\n');
    // Go's tabwriter: at least 20 wide, 3 spaces after the longest cell ("About a minute ago").
    expect(lines[0]).toMatch(/^CONTAINER {11,}IMAGE {15,}CREATED {13,}STATE {15,}NAME {16,}ATTEMPT {13}POD ID {14}POD$/);
    expect(lines.some((l) => /^[0-9a-f]{13} {7}\S+ +.+ ago +Running +nginx +0 +[0-9a-f]{13} +web$/.test(l))).toBe(true);
    const pods = await exec('node-1', ['crictl', 'pods']);
    expect(pods.stdout.split('\n')[0]).toMatch(/^POD ID {14}CREATED {13,}STATE {15,}NAME {16,}NAMESPACE {11,}ATTEMPT {13}RUNTIME$/);
    const images = await exec('node-1', ['crictl', 'images']);
    expect(images.stdout).toMatch(/^IMAGE +TAG +IMAGE ID +SIZE\n/);
    expect(images.stdout).toMatch(/^docker\.io\/library\/nginx +1\.7\.9 +[0-9a-f]{13} +[\d.]+[kM]B$/m);
    expect(pods.stdout).toMatch(/Ready +web +default +0 +\(default\)\n/);
    const docker = await exec('node-1', ['docker', 'ps']);
    expect(docker.stdout.split('\n')[0]).toMatch(/^CONTAINER ID   IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES$/);
    const uid = ((await cluster.client.coreV1().pods('default').get('web')) as Pod).metadata.uid;
    expect(docker.stdout).toContain(`k8s_POD_web_default_${uid}_0`);
    expect(docker.stdout).toContain(`k8s_nginx_web_default_${uid}_0`);
    expect(docker.stdout).toMatch(/registry\.k8s\.io\/pause:3\.9 +"\/pause" +.+ ago +Up /);
    const bad = await exec('node-1', ['crictl', 'ps', '--bogus']);
    expect(bad).toMatchObject({ exitCode: 1, stderr: 'Incorrect Usage: flag provided but not defined: -bogus\n' });
  });

  it('traces a pod-to-service connection with every rule it matched', async () => {
    const r = await call('POST', '/kubelab/v1/trace', { from: 'default/client', to: 'svc/default/web' });
    expect(r.status).toBe(200);
    const t = r.body as TraceResult;
    const web = (await cluster.client.coreV1().pods('default').get('web')) as Pod;
    expect(t.from).toMatchObject({ kind: 'pod', name: 'default/client', node: 'node-2' });
    expect(t.to).toMatchObject({ kind: 'service', name: 'default/web', port: 80 });
    expect(t.trace.verdict).toBe('delivered');
    expect(t.trace.events).toContainEqual(expect.objectContaining({ kind: 'nat', type: 'DNAT', to: `${web.status!.podIP}:80` }));
    expect(t.trace.events.some((e) => e.kind === 'rule' && e.chain === 'KUBE-SERVICES')).toBe(true);
    expect(t.text).toContain('verdict: delivered in ');
    const refused = await call('POST', '/kubelab/v1/trace', { from: 'node-2', to: `${web.status!.podIP}:81` });
    expect(refused.body.trace.verdict).toBe('refused');
    const unknown = await call('POST', '/kubelab/v1/trace', { from: 'default/nope', to: 'node-1' });
    expect(unknown).toMatchObject({ status: 404, body: { kind: 'Status', reason: 'NotFound' } });
    expect(unknown.body.message).toContain('pods "nope" not found in namespace "default"');
    const fromSvc = await call('POST', '/kubelab/v1/trace', { from: 'svc/default/web', to: 'node-1' });
    expect(fromSvc.status).toBe(409);
  });

  it('adds, fails, recovers and removes nodes with Status errors for bad requests', async () => {
    const added = await call('POST', '/kubelab/v1/nodes', { name: 'node-3' });
    expect(added).toMatchObject({ status: 201, body: { name: 'node-3', ip: '192.168.1.103' } });
    expect((await call('POST', '/kubelab/v1/nodes', { name: 'node-3' })).body).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'node "node-3" already exists' });
    expect((await call('POST', '/kubelab/v1/nodes', { name: 'Bad_Name' })).status).toBe(400);

    expect((await call('POST', '/kubelab/v1/nodes/node-3/fail')).body).toEqual({ name: 'node-3', failed: true });
    expect((await call('POST', '/kubelab/v1/nodes/node-3/fail')).status).toBe(409);
    const down = await exec('node-3', ['ip', 'link']);
    expect(down).toMatchObject({ exitCode: 255, stderr: 'ssh: connect to host 192.168.1.103 port 22: No route to host\n' });
    const s = (await call('GET', '/kubelab/v1/status')).body as ClusterStatus;
    expect(s.nodes.find((n) => n.name === 'node-3')?.machine).toBe('Failed');
    expect(s.components).toContainEqual({ name: 'kube-proxy', machine: 'node-3', state: 'Stopped' });

    expect((await call('POST', '/kubelab/v1/nodes/node-3/recover')).body).toEqual({ name: 'node-3', failed: false });
    expect((await exec('node-3', ['hostname'])).stdout).toBe('node-3\n');
    expect((await call('DELETE', '/kubelab/v1/nodes/node-3')).status).toBe(200);
    expect((await call('DELETE', '/kubelab/v1/nodes/node-3')).body).toMatchObject({ code: 404, message: 'node "node-3" not found' });
    expect((await call('POST', '/kubelab/v1/nodes/node-9/exec', { argv: ['ip', 'addr'] })).text).toContain('node \\"node-9\\" not found');
  }, 30_000);

  it('answers unknown paths with 404, shuts down on request and leaves the Kubernetes API alone', async () => {
    expect((await call('GET', '/kubelab/v1/nope')).status).toBe(404);
    expect((await call('POST', '/kubelab/v1/shutdown')).status).toBe(202);
    await Promise.resolve();
    expect(shutdowns).toBe(1);
    const both = withAdminAPI(cluster.plane.apiserver.handler, admin);
    const version = await advanceUntil(clock, both(new Request('http://kubelab.local/version')));
    expect(((await version.json()) as { gitVersion: string }).gitVersion).toMatch(/^v1\./);
    const status = await advanceUntil(clock, both(new Request('http://kubelab.local/kubelab/v1/status')));
    expect(((await status.json()) as ClusterStatus).kind).toBe('ClusterStatus');
  });
});
