import { describe, it, expect, afterEach } from 'vitest';
import type { Service } from '../../api/core/v1/types.js';
import type { EndpointSlice } from '../../api/discovery/v1/types.js';
import { createNode, newHarness, newNode, runPod, testPod, type Harness } from '../../../test/support/controller-harness.js';
import { newGarbageCollector } from '../garbagecollector/garbagecollector.js';
import { newEndpointSliceController, type EndpointSliceController } from './endpointslice-controller.js';
import { endpointSlicesResource } from './reconciler.js';

let h: Harness;
let ctl: EndpointSliceController;
afterEach(async () => h?.close());

const service = (name: string, spec: Service['spec'], labels?: Record<string, string>): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) }, spec });

async function setup(options: { gc?: boolean; batch?: number } = {}) {
  h = await newHarness();
  const f = h.factory;
  const v1 = f.core().v1();
  ctl = newEndpointSliceController(v1.pods(), v1.services(), v1.nodes(), f.forResource<EndpointSlice>(endpointSlicesResource), h.cs, h.clock, { endpointUpdatesBatchPeriod: options.batch ?? 0 });
  ctl.onError = () => {};
  if (options.gc) void newGarbageCollector(h.cs, f, h.clock).run(1, h.signal);
  f.start(h.signal);
  void ctl.run(2, h.signal);
  await createNode(h.cs, newNode('node-1', h.clock, { 'topology.kubernetes.io/zone': 'zone-a' }));
  await createNode(h.cs, newNode('node-2', h.clock));
}

const slicesClient = () => h.cs.resource<EndpointSlice>(endpointSlicesResource, 'default');
const slicesOf = async (svc: string) => (await slicesClient().list({ labelSelector: `kubernetes.io/service-name=${svc}` })).items.sort((a, b) => b.endpoints.length - a.endpoints.length);
const count = (slices: EndpointSlice[]) => slices.reduce((n, s) => n + s.endpoints.length, 0);

async function addPods(n: number, from = 1) {
  for (let i = from; i < from + n; i++) {
    await h.cs.coreV1().pods('default').create(testPod(`web-${i}`, { app: 'web' }));
    await runPod(h.cs, h.clock, 'default', `web-${i}`, { ip: `10.244.${1 + (i >> 8)}.${i & 255}`, node: i % 2 ? 'node-1' : 'node-2' });
  }
}

describe('EndpointSliceController', () => {
  it('splits 250 pods into slices of at most 100, owned by and labelled for the service', async () => {
    await setup();
    const svc = await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }, { tier: 'front' }));
    await addPods(250);
    const slices = await h.waitFor(async () => {
      const s = await slicesOf('web');
      return count(s) === 250 ? s : undefined;
    }, '250 endpoints');
    expect(slices.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    for (const s of slices) {
      expect(s.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(s.metadata.generateName).toBe('web-');
      expect(s.metadata.labels).toEqual({ tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
      expect(s.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(s.addressType).toBe('IPv4');
      expect(s.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 80 }]);
    }
    const all = slices.flatMap((s) => s.endpoints);
    expect(new Set(all.map((e) => e.addresses[0])).size).toBe(250);
    const web1 = all.find((e) => e.targetRef?.name === 'web-1')!;
    expect(web1).toEqual({
      addresses: ['10.244.1.1'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'node-1',
      zone: 'zone-a',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: expect.any(String) },
    });
    expect(all.find((e) => e.targetRef?.name === 'web-2')!.zone).toBeUndefined();
  });

  it('a readiness flip rewrites the one slice holding the pod', async () => {
    await setup();
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    await addPods(250);
    const before = await h.waitFor(async () => {
      const s = await slicesOf('web');
      return count(s) === 250 ? s : undefined;
    }, '250 endpoints');
    await h.advance(3000);
    const holder = before.find((s) => s.endpoints.some((e) => e.targetRef?.name === 'web-7'))!;
    await runPod(h.cs, h.clock, 'default', 'web-7', { ready: false });
    const after = await h.waitFor(async () => {
      const s = await slicesOf('web');
      const ep = s.flatMap((x) => x.endpoints).find((e) => e.targetRef?.name === 'web-7');
      return ep?.conditions?.ready === false ? s : undefined;
    }, 'web-7 not ready');
    await h.advance(3000);
    const now = await slicesOf('web');
    const rv = (s: EndpointSlice[]) => new Map(s.map((x) => [x.metadata.name, x.metadata.resourceVersion]));
    const changed = [...rv(now)].filter(([name, v]) => rv(before).get(name) !== v).map(([name]) => name);
    expect(changed).toEqual([holder.metadata.name]);
    expect(now.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    const web7 = after.flatMap((x) => x.endpoints).find((e) => e.targetRef?.name === 'web-7')!;
    expect(web7.conditions).toEqual({ ready: false, serving: false, terminating: false });
    expect(now.find((s) => s.metadata.name === holder.metadata.name)!.metadata.generation).toBe(holder.metadata.generation! + 1);
  });

  it('fills the slice with room before creating a new one', async () => {
    await setup();
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    await addPods(150);
    const before = await h.waitFor(async () => {
      const s = await slicesOf('web');
      return count(s) === 150 ? s : undefined;
    }, '150 endpoints');
    expect(before.map((s) => s.endpoints.length)).toEqual([100, 50]);
    await h.advance(3000);
    await addPods(30, 151);
    const after = await h.waitFor(async () => {
      const s = await slicesOf('web');
      return count(s) === 180 ? s : undefined;
    }, '180 endpoints');
    expect(after.map((s) => s.endpoints.length)).toEqual([100, 80]);
    expect(after.map((s) => s.metadata.name).sort()).toEqual(before.map((s) => s.metadata.name).sort());
  });

  it('keeps a placeholder for a service without pods and fills it when pods come', async () => {
    await setup();
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const [placeholder] = await h.waitFor(async () => {
      const s = await slicesOf('web');
      return s.length ? s : undefined;
    }, 'placeholder');
    expect(placeholder!.endpoints).toEqual([]);
    expect(placeholder!.ports ?? []).toEqual([]);
    await addPods(3);
    const slices = await h.waitFor(async () => {
      const s = await slicesOf('web');
      return count(s) === 3 ? s : undefined;
    }, 'three endpoints');
    // The placeholder's name is reused rather than deleting one slice and creating another.
    expect(slices.map((s) => s.metadata.name)).toEqual([placeholder!.metadata.name]);
    expect(slices[0]!.ports).toEqual([{ name: '', protocol: 'TCP', port: 80 }]);
  });

  it('marks a terminating pod serving but not ready', async () => {
    await setup();
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    await addPods(1);
    await h.waitFor(async () => count(await slicesOf('web')) === 1, 'one endpoint');
    await h.cs.coreV1().pods('default').delete('web-1', { gracePeriodSeconds: 30 });
    const ep = await h.waitFor(async () => {
      const e = (await slicesOf('web'))[0]?.endpoints[0];
      return e?.conditions?.terminating ? e : undefined;
    }, 'terminating');
    expect(ep.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('puts back a slice deleted by someone else, and the garbage collector removes slices with their service', async () => {
    await setup({ gc: true });
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    await addPods(2);
    const [slice] = await h.waitFor(async () => {
      const s = await slicesOf('web');
      return count(s) === 2 ? s : undefined;
    }, 'two endpoints');
    await slicesClient().delete(slice!.metadata.name!);
    const again = await h.waitFor(async () => {
      const s = await slicesOf('web');
      return count(s) === 2 && s[0]!.metadata.name !== slice!.metadata.name ? s : undefined;
    }, 'slice recreated');
    expect(again).toHaveLength(1);
    await h.cs.coreV1().services('default').delete('web');
    await h.waitFor(async () => (await slicesOf('web')).length === 0, 'slices collected');
  });

  it('leaves services without a selector alone', async () => {
    await setup();
    await h.cs.coreV1().services('default').create(service('external', { ports: [{ port: 80 }] }));
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    await h.waitFor(async () => (await slicesOf('web')).length === 1, 'web placeholder');
    expect(await slicesOf('external')).toEqual([]);
  });
});
