// Scenario: kube-proxy against a real API server (in-process transport, virtual clock). Services and
// their EndpointSlices are written through the API by hand (no controllers run here), as for a
// service whose endpoints are managed outside the cluster.
import { describe, it, expect, afterEach } from 'vitest';
import type { Service } from '../../engine/api/core/v1/types.js';
import type { EndpointSlice } from '../../engine/api/discovery/v1/types.js';
import { newForTransport } from '../../engine/client/kubernetes/clientset.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { startControlPlane, type ControlPlane } from '../../engine/controlplane/instance.js';
import { LoadBalancerController } from '../../engine/proxy/loadbalancer/controller.js';
import { SharedInformerFactory } from '../../engine/client/informers/factory.js';
import { runProxyServer } from '../../engine/proxy/server.js';
import { FakeNetfilter } from '../../engine/proxy/util/iptables/testing/fake.js';
import { flushMicrotasks, VirtualClock } from '../../engine/util/clock.js';
import { Network } from '../../engine/net/network.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function cluster() {
  const clock = new VirtualClock();
  // A real API server advertises a routable address: a loopback one is no valid endpoint.
  const cp: ControlPlane = await startControlPlane({ clock, advertiseAddress: '192.168.1.100' });
  const client = newForTransport(cp.transport);
  const ctl = new AbortController();
  cleanup.push(async () => {
    ctl.abort();
    await flushMicrotasks(200);
    await cp.close();
  });
  /** until steps the clock until cond holds. */
  const until = (cond: () => boolean) =>
    advanceUntil(
      clock,
      (async () => {
        while (!cond()) await clock.sleep(100);
      })(),
    );
  return { clock, cp, client, ctl, until };
}

const redisMaster = (extra: Partial<NonNullable<Service['spec']>> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'redis-master', namespace: 'default' },
  spec: { ports: [{ port: 6379, targetPort: 6379 }], selector: { name: 'redis-master' }, ...extra },
});
const endpoints = (...ips: string[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'redis-master-manual', namespace: 'default', labels: { 'kubernetes.io/service-name': 'redis-master' } },
  addressType: 'IPv4',
  endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
  ports: [{ name: '', port: 6379, protocol: 'TCP' }],
});
const slices = (client: ReturnType<typeof newForTransport>) => client.resource<EndpointSlice>({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' }, 'default');

describe('kube-proxy (iptables mode) against the API server', () => {
  it('programs the kubernetes service, then follows services and EndpointSlices written through the API', async () => {
    const { client, ctl, clock, until } = await cluster();
    const netfilter = new FakeNetfilter();
    const { proxier } = runProxyServer({ client, clock, hostname: 'node-1', nodeIP: '192.168.1.101', netfilter, config: { clusterCIDR: '172.17.0.0/16' } }, ctl.signal);
    await until(() => proxier.syncCount >= 1);
    // The bootstrap `kubernetes` service gets the chain name every real cluster shows.
    expect(netfilter.save('nat')).toContain('-A KUBE-SERVICES -m comment --comment "default/kubernetes:https cluster IP" -m tcp -p tcp -d 10.254.0.1 --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y');

    const svc = await client.coreV1().services('default').create(redisMaster());
    const ip = svc.spec!.clusterIP!;
    await clock.advance(1000);
    expect(netfilter.save('filter')).toContain(`-A KUBE-SERVICES -m comment --comment "default/redis-master has no endpoints" -m tcp -p tcp -d ${ip} --dport 6379 -j REJECT`);

    // kube-proxy reads EndpointSlices only: a legacy Endpoints object alone programs nothing.
    await client.coreV1().endpoints('default').create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'redis-master', namespace: 'default' }, subsets: [{ addresses: [{ ip: '172.17.9.9' }], ports: [{ port: 6379 }] }] });
    await clock.advance(1000);
    expect(netfilter.save('filter')).toContain('"default/redis-master has no endpoints"');

    await slices(client).create(endpoints('172.17.1.5', '172.17.2.6'));
    await clock.advance(1000);
    let nat = netfilter.save('nat');
    expect(nat).toContain(`-A KUBE-SERVICES -m comment --comment "default/redis-master cluster IP" -m tcp -p tcp -d ${ip} --dport 6379 -j KUBE-SVC-`);
    expect(nat).toContain('-m comment --comment "default/redis-master -> 172.17.1.5:6379" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-');
    expect(nat).toContain('-m comment --comment default/redis-master -m tcp -p tcp -j DNAT --to-destination 172.17.2.6:6379');
    expect(netfilter.save('filter')).not.toContain('redis-master');

    const live = await slices(client).get('redis-master-manual');
    await slices(client).update({ ...endpoints('172.17.3.7'), metadata: live.metadata });
    await clock.advance(1000);
    nat = netfilter.save('nat');
    expect(nat).toContain('--to-destination 172.17.3.7:6379');
    expect(nat).not.toContain('172.17.1.5');

    await client.coreV1().services('default').delete('redis-master');
    await slices(client).delete('redis-master-manual');
    await clock.advance(1000);
    expect(netfilter.save()).not.toContain('redis-master');
    expect(netfilter.save('nat')).toContain('KUBE-SVC-NPX46M4PTMTKRN6Y');
  });

  it('assigns load balancer addresses from the pool and routes them', async () => {
    const { client, ctl, clock, until } = await cluster();
    const factory = new SharedInformerFactory(client, { clock });
    const lb = new LoadBalancerController({ client, factory, clock, pool: '192.168.1.240-192.168.1.241' });
    factory.start(ctl.signal);
    void lb.run(ctl.signal);
    const netfilter = new FakeNetfilter();
    const { proxier } = runProxyServer({ client, clock, hostname: 'node-1', nodeIP: '192.168.1.101', netfilter }, ctl.signal);
    await until(() => proxier.syncCount >= 1);

    await client.coreV1().services('default').create(redisMaster({ type: 'LoadBalancer' }));
    await slices(client).create(endpoints('172.17.1.5'));
    let svc!: Service;
    await until(() => lb.pool.owner('192.168.1.240') === 'default/redis-master');
    await advanceUntil(clock, (async () => {
      for (;;) {
        svc = await client.coreV1().services('default').get('redis-master');
        if (svc.status?.loadBalancer?.ingress?.length) return;
        await clock.sleep(100);
      }
    })());
    expect(svc.status!.loadBalancer!.ingress).toEqual([{ ip: '192.168.1.240', ipMode: 'VIP' }]);
    await clock.advance(1000);
    expect(netfilter.save('nat')).toContain('-A KUBE-SERVICES -m comment --comment "default/redis-master loadbalancer IP" -m tcp -p tcp -d 192.168.1.240 --dport 6379 -j KUBE-EXT-');
    expect(netfilter.save('nat')).toMatch(new RegExp(`-A KUBE-NODEPORTS -m comment --comment default/redis-master -m tcp -p tcp --dport ${svc.spec!.ports![0].nodePort} -j KUBE-EXT-`));

    // Turning it into a ClusterIP service gives the address back and clears the status.
    await client.coreV1().services('default').patch('redis-master', 'application/merge-patch+json', { spec: { type: 'ClusterIP', externalTrafficPolicy: null, ports: [{ port: 6379, targetPort: 6379 }] } });
    await advanceUntil(clock, (async () => {
      for (;;) {
        svc = await client.coreV1().services('default').get('redis-master');
        if (!svc.status?.loadBalancer?.ingress?.length) return;
        await clock.sleep(100);
      }
    })());
    expect(lb.pool.owner('192.168.1.240')).toBeUndefined();
  });
});

describe.each(['iptables', 'userspace'] as const)('kube-proxy (%s mode) on the dataplane, driven by the API', (mode) => {
  it('connects a pod to a service created through the API', async () => {
    const { client, ctl, clock, until } = await cluster();
    const net = new Network({ clock, seed: 11 });
    const node = net.addMachine({ name: 'node-1', ip: '192.168.1.101/24' });
    const backend = node.setUpPod('redis-master-x1');
    await backend.netns.stack.createServer((s) => s.end('+PONG\r\n')).listen(6379);
    const pod = node.setUpPod('frontend-y2');
    const { proxier } = runProxyServer(
      { client, clock, hostname: 'node-1', nodeIP: node.ip, netfilter: node.host.netfilter, stack: node.host.stack, config: { mode, clusterCIDR: '172.17.0.0/16' } },
      ctl.signal,
    );
    await until(() => proxier.syncCount >= 1);
    const svc = await client.coreV1().services('default').create(redisMaster());
    await slices(client).create(endpoints(backend.ip));
    await clock.advance(1000);
    await net.settle();

    let reply: string | undefined;
    const s = pod.netns.stack.connect({ host: svc.spec!.clusterIP!, port: 6379 });
    let out = '';
    s.on('data', (d) => (out += new TextDecoder().decode(d)));
    s.on('end', () => (reply = out));
    s.on('error', (e) => (reply = `error ${e.code}`));
    for (let i = 0; i < 50 && reply === undefined; i++) {
      await net.settle();
      if (reply === undefined) await clock.advance(100);
    }
    expect(reply).toBe('+PONG\r\n');
  });
});
