// The node-process table of `kubelab up --processes` and the admin API over it, with small stand-in
// node processes (a few lines of JavaScript that speak the node's side: the JSON line, the node
// shell, the stdin lifeline) so that starting, failing, recovering, crashing and stopping real OS
// processes is checked quickly; test/processes/kubelab-up-processes.test.ts runs the real engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.js';
import { adminPrefix } from '../../engine/cluster/admin-api.js';
import { newProcessAdminHandler } from '../../engine/cluster/process-admin.js';
import type { ClusterStatus } from '../../engine/cluster/status.js';
import { formatStatus } from '../../engine/cluster/status.js';
import { NodeProcesses } from '../../engine/host/node-processes.js';
import { VirtualClock } from '../../engine/util/clock.js';

/** fakeNode answers the node shell with "<node> ran <argv>" and lives until stdin closes or SIGTERM. */
const fakeNode = `
import { createServer } from 'node:http';
const name = process.argv[2];
const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/kubelab/v1/nodes/' + name + '/exec') return res.writeHead(404).end();
  let body = '';
  req.on('data', (d) => (body += d)).on('end', () => {
    const { argv } = JSON.parse(body);
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.end(JSON.stringify({ stdout: name + ' ran ' + argv.join(' ') + '\\n' }) + '\\n' + JSON.stringify({ exitCode: 0 }) + '\\n');
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ name, url: 'http://127.0.0.1:' + server.address().port, pid: process.pid }) + '\\n');
});
process.stdin.on('end', () => process.exit(0)).resume();
process.on('SIGTERM', () => process.exit(0));
`;

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('node processes and the admin API over them', () => {
  let cluster: Cluster;
  let table: NodeProcesses;
  let admin: (req: Request) => Promise<Response>;
  const logged: string[] = [];
  const seen = new Set<number>();

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await admin(new Request(`http://127.0.0.1${adminPrefix}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }));
    return { status: res.status, text: await res.text() };
  };
  const pidOf = (name: string) => {
    const pid = table.get(name)?.pid;
    if (pid) seen.add(pid);
    return pid;
  };

  beforeAll(async () => {
    cluster = await Cluster.start({ clock: new VirtualClock(), nodes: 0 });
    table = new NodeProcesses({
      command: [process.execPath, '--input-type=module', '-e', fakeNode],
      address: (i) => ({ ip: `192.168.1.${100 + i}/24`, podCIDR: `172.17.${i}.0/24` }),
      // The stand-in ignores the flags; the table must still hand each one over.
      joinFlags: () => ['--server', 'http://127.0.0.1:1'],
      log: (line) => logged.push(line),
      readyTimeoutMs: 20_000,
    });
    admin = newProcessAdminHandler(cluster, table, { info: () => ({ pid: process.pid }) });
    await Promise.all([table.add('node-1'), table.add('node-2')]);
  });

  afterAll(async () => {
    await table.stopAll(2_000);
    for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await cluster.stop();
  });

  it('starts one process per node on consecutive addresses', () => {
    expect(table.list().map(({ name, ip, podCIDR, state }) => ({ name, ip, podCIDR, state }))).toEqual([
      { name: 'node-1', ip: '192.168.1.101', podCIDR: '172.17.1.0/24', state: 'Running' },
      { name: 'node-2', ip: '192.168.1.102', podCIDR: '172.17.2.0/24', state: 'Running' },
    ]);
    const pids = [pidOf('node-1'), pidOf('node-2')];
    expect(new Set([...pids, process.pid]).size).toBe(3);
    for (const pid of pids) expect(alive(pid)).toBe(true);
  });

  it('status shows each machine with its process and the API server\'s view of the node', async () => {
    await cluster.client.coreV1().nodes().create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    const { status, text } = await call('GET', '/status');
    expect(status).toBe(200);
    const s = JSON.parse(text) as ClusterStatus;
    expect(s.nodes).toEqual([
      { name: 'node-1', ip: '192.168.1.101', podCIDR: '172.17.1.0/24', machine: 'Running', ready: 'Ready', pid: pidOf('node-1') },
      { name: 'node-2', ip: '192.168.1.102', podCIDR: '172.17.2.0/24', machine: 'Running', ready: 'NotRegistered', pid: pidOf('node-2') },
    ]);
    expect(s.components).toContainEqual({ name: 'kubelet', machine: 'node-2', state: 'Running' });
    expect(formatStatus(s)).toMatch(new RegExp(`node-1 +node +192\\.168\\.1\\.101 +172\\.17\\.1\\.0/24 +Running +Ready +${pidOf('node-1')}\\n`));
  });

  it('sends kubelab ssh on to the node\'s process', async () => {
    expect(await call('POST', '/nodes/node-2/exec', { argv: ['ip', 'route'] })).toEqual({ status: 200, text: '{"stdout":"node-2 ran ip route\\n"}\n{"exitCode":0}\n' });
    expect((await call('POST', '/nodes/node-9/exec', { argv: ['ip'] })).text).toBe('{"stderr":"node \\"node-9\\" not found\\n"}\n{"exitCode":1}\n');
  });

  it('fail kills the process; the machine stays down until recover starts a new one', async () => {
    const before = pidOf('node-2')!;
    expect(await call('POST', '/nodes/node-2/fail')).toEqual({ status: 200, text: JSON.stringify({ name: 'node-2', failed: true }, null, 2) + '\n' });
    expect(alive(before)).toBe(false);
    expect(table.get('node-2')).toMatchObject({ state: 'Failed', pid: undefined, url: undefined });
    expect((await call('POST', '/nodes/node-2/exec', { argv: ['ip', 'addr'] })).text).toBe('{"stderr":"ssh: connect to host 192.168.1.102 port 22: No route to host\\n"}\n{"exitCode":255}\n');
    const again = await call('POST', '/nodes/node-2/fail');
    expect(again.status).toBe(409);
    expect(JSON.parse(again.text)).toMatchObject({ reason: 'Conflict', message: 'node "node-2" has already failed' });
    expect((await call('POST', '/nodes/node-3/fail')).status).toBe(404);

    expect((await call('POST', '/nodes/node-2/recover')).status).toBe(200);
    const after = pidOf('node-2')!;
    expect(after).not.toBe(before);
    expect(alive(after)).toBe(true);
    expect(table.get('node-2')).toMatchObject({ state: 'Running', ip: '192.168.1.102' });
    expect(JSON.parse((await call('POST', '/nodes/node-2/recover')).text)).toMatchObject({ code: 409, message: 'node "node-2" has not failed' });
  });

  it('a node process that dies by itself leaves its machine failed, and says so', async () => {
    const pid = pidOf('node-1')!;
    process.kill(pid, 'SIGKILL');
    await until('node-1 marked failed', () => table.get('node-1')?.state === 'Failed');
    expect(logged.join('')).toContain(`node-1: process ${pid} exited (SIGKILL); the machine is down until "kubelab node recover node-1"`);
    expect((await call('POST', '/nodes/node-1/recover')).status).toBe(200);
  });

  it('add takes the lowest free address; remove stops the process and deletes the Node', async () => {
    const { status, text } = await call('POST', '/nodes', { name: 'node-3' });
    expect(status).toBe(201);
    expect(JSON.parse(text)).toEqual({ name: 'node-3', ip: '192.168.1.103', podCIDR: '172.17.3.0/24' });
    expect((await call('POST', '/nodes', { name: 'node-3' })).status).toBe(409);
    expect((await call('POST', '/nodes', { name: 'Node_3' })).status).toBe(400);
    const pid = pidOf('node-3');
    expect((await call('DELETE', '/nodes/node-3')).status).toBe(200);
    expect(alive(pid)).toBe(false);
    expect(table.get('node-3')).toBeUndefined();
    expect((await call('DELETE', '/nodes/node-3')).status).toBe(404);
  });

  it('stopAll ends every node process', async () => {
    const pids = table.list().map((n) => n.pid!);
    expect(pids).toHaveLength(2);
    await table.stopAll(2_000);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(table.list()).toEqual([]);
  });
});
