import { describe, it, expect, afterEach } from 'vitest';
import type { Pod, Service } from '../../api/core/v1/types.js';
import { newHarness, runPod, testPod, type Harness } from '../../../test/support/controller-harness.js';
import { computeSubsets, newEndpointController } from './endpoints-controller.js';
import { podEndpointsChanged } from './pod-services.js';
import { repackSubsets } from './repack.js';

let h: Harness;
afterEach(async () => h?.close());

const service = (name: string, spec: Service['spec']): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });

async function setup(endpointUpdatesBatchPeriod = 0) {
  h = await newHarness();
  const f = h.factory;
  const ec = newEndpointController(f.core().v1().pods(), f.core().v1().services(), f.core().v1().endpoints(), h.cs, h.clock, endpointUpdatesBatchPeriod);
  f.start(h.signal);
  void ec.run(2, h.signal);
}

const getEp = (name: string) => h.cs.coreV1().endpoints('default').get(name).catch(() => undefined);

describe('EndpointController', () => {
  it('follows pod readiness, resolves named target ports and deletes endpoints with the service', async () => {
    await setup();
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
    await h.cs.coreV1().pods('default').create(testPod('web-1', { app: 'web' }));
    await h.cs.coreV1().pods('default').create(testPod('web-2', { app: 'web' }));
    await runPod(h.cs, h.clock, 'default', 'web-1', { ip: '10.244.1.5', node: 'node-1' });
    await runPod(h.cs, h.clock, 'default', 'web-2', { ip: '10.244.2.7', node: 'node-2', ready: false });
    const ep = await h.waitFor(async () => {
      const e = await getEp('web');
      return e?.subsets?.[0]?.notReadyAddresses ? e : undefined;
    }, 'endpoints');
    const pod1 = await h.cs.coreV1().pods('default').get('web-1');
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.1.5', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: pod1.metadata.uid } }],
        notReadyAddresses: [{ ip: '10.244.2.7', nodeName: 'node-2', targetRef: expect.objectContaining({ name: 'web-2' }) }],
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      },
    ]);
    await runPod(h.cs, h.clock, 'default', 'web-2', { ip: '10.244.2.7', node: 'node-2', ready: true });
    await h.waitFor(async () => (await getEp('web'))?.subsets?.[0]?.addresses?.length === 2, 'both ready');
    await h.cs.coreV1().services('default').delete('web');
    await h.waitFor(async () => (await getEp('web')) === undefined, 'endpoints deleted');
  });

  it('with --endpoint-updates-batch-period, pod-driven Endpoints writes wait for the batch period', async () => {
    await setup(2000);
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    await h.waitFor(() => getEp('web'), 'empty endpoints (service events are not batched)');
    const before = Number((await getEp('web'))!.metadata.resourceVersion);
    const start = h.clock.now();
    for (let i = 1; i <= 5; i++) {
      await h.cs.coreV1().pods('default').create(testPod(`web-${i}`, { app: 'web' }));
      await runPod(h.cs, h.clock, 'default', `web-${i}`, { ip: `10.244.1.${i}`, node: 'node-1' });
    }
    const ep = await h.waitFor(async () => {
      const e = await getEp('web');
      return e?.subsets?.[0]?.addresses?.length === 5 ? e : undefined;
    }, 'five addresses');
    // Without batching the addresses are there within a step or two of the last pod's readiness.
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(2000);
    const rv = Number(ep.metadata.resourceVersion);
    const podRVs = (await h.cs.coreV1().pods('default').list()).items.map((p) => Number(p.metadata.resourceVersion));
    expect(rv).toBeGreaterThan(Math.max(...podRVs));
    expect(rv).toBeGreaterThan(before);
  });

  it('publishNotReadyAddresses lists unready pods as ready; services without selector are left alone', async () => {
    await setup();
    await h.cs.coreV1().services('default').create(service('peers', { selector: { app: 'db' }, publishNotReadyAddresses: true, ports: [{ port: 5432 }] }));
    await h.cs.coreV1().services('default').create(service('external', { ports: [{ port: 80 }] }));
    await h.cs.coreV1().endpoints('default').create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external', namespace: 'default' }, subsets: [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ port: 80 }] }] });
    await h.cs.coreV1().pods('default').create(testPod('db-0', { app: 'db' }));
    await runPod(h.cs, h.clock, 'default', 'db-0', { ip: '10.244.1.9', ready: false });
    const ep = await h.waitFor(() => getEp('peers').then((e) => (e?.subsets?.length ? e : undefined)), 'peers');
    expect(ep.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual(['10.244.1.9']);
    expect(ep.subsets?.[0]?.ports).toEqual([{ port: 5432, protocol: 'TCP' }]);
    expect((await getEp('external'))?.subsets?.[0]?.addresses).toEqual([{ ip: '1.2.3.4' }]);
  });
});

describe('podEndpointsChanged', () => {
  const base: Pod = {
    metadata: { name: 'web-1', namespace: 'default', uid: 'u1', labels: { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'c' }] },
    status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], conditions: [{ type: 'Ready', status: 'True' }] },
  };
  const cases: { name: string; change: (p: Pod) => Pod; want: { podChanged: boolean; labelsChanged: boolean } }[] = [
    { name: 'container statuses only', change: (p) => ({ ...p, status: { ...p.status, containerStatuses: [{ name: 'c', ready: true, restartCount: 1, image: 'x', imageID: 'y' }] } }), want: { podChanged: false, labelsChanged: false } },
    { name: 'readiness', change: (p) => ({ ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'False' }] } }), want: { podChanged: true, labelsChanged: false } },
    { name: 'pod IP', change: (p) => ({ ...p, status: { ...p.status, podIP: '10.244.1.6', podIPs: [{ ip: '10.244.1.6' }] } }), want: { podChanged: true, labelsChanged: false } },
    { name: 'deletion', change: (p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }), want: { podChanged: true, labelsChanged: false } },
    { name: 'labels', change: (p) => ({ ...p, metadata: { ...p.metadata, labels: { app: 'db' } } }), want: { podChanged: false, labelsChanged: true } },
    { name: 'hostname', change: (p) => ({ ...p, spec: { ...p.spec!, hostname: 'web-1' } }), want: { podChanged: false, labelsChanged: true } },
  ];
  it.each(cases)('$name', ({ change, want }) => expect(podEndpointsChanged(base, change(base))).toEqual(want));

  it('a starting pod\'s status writes queue its service only when they change what an Endpoints lists', async () => {
    h = await newHarness();
    const f = h.factory;
    const ec = newEndpointController(f.core().v1().pods(), f.core().v1().services(), f.core().v1().endpoints(), h.cs, h.clock);
    const queued: string[] = [];
    const add = ec.queue.add.bind(ec.queue);
    ec.queue.add = (key: string) => {
      queued.push(key);
      add(key);
    };
    f.start(h.signal);
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const pod = await h.cs.coreV1().pods('default').create(testPod('web-1', { app: 'web' }));
    await h.waitFor(async () => queued.filter((k) => k === 'default/web').length === 2 || undefined, 'service and pod added');
    queued.length = 0;
    // A status write that changes neither readiness nor IPs: no sync.
    await h.cs.coreV1().pods('default').updateStatus({ ...pod, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] } });
    await h.waitFor(async () => f.core().v1().pods().lister().byNamespace('default').get('web-1')?.status?.phase === 'Pending' || undefined, 'informer saw it');
    expect(queued).toEqual([]);
    await runPod(h.cs, h.clock, 'default', 'web-1', { ip: '10.244.1.5', node: 'node-1' });
    await h.waitFor(async () => queued.length > 0 || undefined, 'ready pod queued');
    expect(queued).toEqual(['default/web']);
  });
});

describe('computeSubsets + repackSubsets', () => {
  const pod = (name: string, ip: string, ready: boolean, ports: { name: string; containerPort: number }[]): Pod => ({
    metadata: { name, namespace: 'ns', uid: name },
    spec: { containers: [{ name: 'c', ports }] },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
  const cases = [
    {
      name: 'named port resolved per pod groups pods by port',
      pods: [pod('a', '10.0.0.1', true, [{ name: 'http', containerPort: 8080 }]), pod('b', '10.0.0.2', true, [{ name: 'http', containerPort: 9090 }])],
      want: [
        { ips: ['10.0.0.1'], ports: [8080] },
        { ips: ['10.0.0.2'], ports: [9090] },
      ],
    },
    {
      name: 'pods without the named port are skipped',
      pods: [pod('a', '10.0.0.1', true, [{ name: 'http', containerPort: 8080 }]), pod('b', '10.0.0.2', true, [])],
      want: [{ ips: ['10.0.0.1'], ports: [8080] }],
    },
    {
      name: 'same port merges into one subset',
      pods: [pod('a', '10.0.0.1', true, [{ name: 'http', containerPort: 80 }]), pod('b', '10.0.0.2', true, [{ name: 'http', containerPort: 80 }])],
      want: [{ ips: ['10.0.0.1', '10.0.0.2'], ports: [80] }],
    },
  ];
  it.each(cases)('$name', ({ pods, want }) => {
    const svc = service('s', { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] });
    const got = repackSubsets(computeSubsets(svc, pods)).map((s) => ({ ips: (s.addresses ?? []).map((a) => a.ip), ports: (s.ports ?? []).map((p) => p.port) }));
    expect(got).toEqual(want);
  });
});
