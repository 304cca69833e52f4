// The host-side exposer opens a real loopback port for each hostPort of a pod on the first node
// (beside the NodePorts), forwards it into the node's IP, and closes it when the pod goes.
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod, Service } from '../../engine/api/core/v1/types.js';
import { exposeNodePorts, wantedPorts } from '../../engine/host/node-port-exposer.js';
import { Scenario } from '../scenarios/harness.js';

const pod = (name: string, spec: Partial<NonNullable<Pod['spec']>>, status: Pod['status'] = { phase: 'Running', hostIP: '192.168.1.101' }): Pod => ({
  metadata: { name, namespace: 'default' },
  spec: { nodeName: 'node-1', containers: [], ...spec },
  status,
});
const nginx = (ports: NonNullable<NonNullable<Pod['spec']>['containers'][number]['ports']>) => [{ name: 'nginx', image: 'nginx', ports }];
const nodePortSvc: Service = { metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] } };

describe('wantedPorts', () => {
  const node = { ip: '192.168.1.101', name: 'node-1' };
  it.each([
    { name: 'a NodePort', services: [nodePortSvc], pods: [], want: [[30001, 'NodePort']] },
    { name: 'a hostPort on the node', services: [], pods: [pod('web', { containers: nginx([{ containerPort: 80, hostPort: 8080 }]) })], want: [[8080, 'hostPort of pod default/web']] },
    { name: 'a plain containerPort', services: [], pods: [pod('web', { containers: nginx([{ containerPort: 80 }]) })], want: [] },
    { name: 'a pod on another node', services: [], pods: [pod('web', { nodeName: 'node-2', containers: nginx([{ containerPort: 80, hostPort: 8080 }]) })], want: [] },
    { name: 'a UDP hostPort', services: [], pods: [pod('dns', { containers: nginx([{ containerPort: 53, hostPort: 53, protocol: 'UDP' }]) })], want: [] },
    { name: 'a host-network pod', services: [], pods: [pod('h', { hostNetwork: true, containers: nginx([{ containerPort: 80, hostPort: 80 }]) })], want: [] },
    { name: 'another host IP', services: [], pods: [pod('web', { containers: nginx([{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }]) })], want: [] },
    { name: 'the node’s own host IP', services: [], pods: [pod('web', { containers: nginx([{ containerPort: 80, hostPort: 8080, hostIP: '192.168.1.101' }]) })], want: [[8080, 'hostPort of pod default/web']] },
    { name: 'a finished pod', services: [], pods: [pod('job', { containers: nginx([{ containerPort: 80, hostPort: 8080 }]) }, { phase: 'Succeeded' })], want: [] },
    { name: 'a NodePort and a hostPort of the same number', services: [nodePortSvc], pods: [pod('web', { containers: nginx([{ containerPort: 80, hostPort: 30001 }]) })], want: [[30001, 'NodePort']] },
  ])('$name', ({ services, pods, want }) => {
    expect([...wantedPorts(services, pods, node)]).toEqual(want);
  });

  it('finds the node’s pods by status.hostIP when the node name is not given', () => {
    const web = pod('web', { nodeName: undefined, containers: nginx([{ containerPort: 80, hostPort: 8080 }]) });
    expect([...wantedPorts([], [web], { ip: '192.168.1.101' }).keys()]).toEqual([8080]);
    expect([...wantedPorts([], [web], { ip: '192.168.1.102' }).keys()]).toEqual([]);
  });
});

/** freePort asks the OS for a port nobody listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** httpGet sends a GET over a real socket and collects the whole answer (or the error's code). */
function httpGet(port: number): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const sock = connect({ host: '127.0.0.1', port });
    sock.on('connect', () => sock.write('GET / HTTP/1.0\r\nHost: localhost\r\n\r\n'));
    sock.on('data', (b: Buffer) => (out += b.toString()));
    sock.on('end', () => resolve(out));
    sock.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

describe('exposeNodePorts with hostPorts', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.stop();
    s = undefined;
  });

  it('opens a real port for a hostPort of a pod on the first node and closes it with the pod', async () => {
    s = await Scenario.start();
    const first = s.cluster.nodes.get('node-1')!;
    const port = await freePort();
    const lines: string[] = [];
    const abort = new AbortController();
    const exposer = exposeNodePorts({ client: s.client, clock: s.clock, node: { netns: first.machine.host, ip: first.machine.ip, name: first.name }, log: (l) => void lines.push(l) }, abort.signal);

    s.files['/m/web.yaml'] = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  nodeName: node-1
  containers:
  - name: nginx
    image: nginx:1.25
    ports: [{containerPort: 80, hostPort: ${port}}]
`;
    await s.ok('apply', '-f', '/m/web.yaml');
    await s.waitFor('pod web running', async () => (await s!.client.coreV1().pods('default').get('web')).status?.phase === 'Running');
    await waitReal(s, 'the real port', () => lines.some((l) => l.startsWith(`hostPort ${port} of pod default/web is open`)));

    // Real I/O on one side and the virtual dataplane on the other: drive both until the answer is in.
    const answer = pump(s, httpGet(port));
    expect(await answer).toContain('<title>Welcome to nginx!</title>');

    await s.ok('delete', 'pod', 'web');
    await s.waitFor('pod web gone', async () => (await s!.pods()).length === 0);
    await waitReal(s, 'the port closed', async () => (await pump(s!, httpGet(port))) === 'ECONNREFUSED');
    abort.abort();
    await pump(s, exposer);
  });
});

/** pump advances the virtual clock in small steps and gives the host's event loop turns until p settles. */
async function pump<T>(s: Scenario, p: Promise<T>): Promise<T> {
  let done = false;
  void p.finally(() => (done = true)).catch(() => undefined);
  for (let i = 0; i < 2000 && !done; i++) {
    await s.clock.advance(5);
    await new Promise((r) => setImmediate(r));
  }
  return p;
}

/** waitReal is Scenario.waitFor for conditions that also need real I/O (a listening socket). */
async function waitReal(s: Scenario, what: string, cond: () => boolean | Promise<boolean>, maxSeconds = 60): Promise<void> {
  for (let i = 0; i < maxSeconds; i++) {
    if (await cond()) return;
    await pump(s, s.clock.sleep(1000));
  }
  throw new Error(`timed out after ${maxSeconds}s waiting for ${what}`);
}
