import { describe, it, expect, afterEach } from 'vitest';
import type { Endpoints, Service } from '../../api/core/v1/types.js';
import type { EndpointSlice } from '../../api/discovery/v1/types.js';
import { newHarness, type Harness } from '../../../test/support/controller-harness.js';
import { endpointSlicesResource } from '../endpointslice/reconciler.js';
import { newEndpointSliceMirroringController } from './endpointslicemirroring-controller.js';

let h: Harness;
afterEach(async () => h?.close());

async function setup() {
  h = await newHarness();
  const f = h.factory;
  const v1 = f.core().v1();
  const c = newEndpointSliceMirroringController(v1.endpoints(), v1.services(), f.forResource<EndpointSlice>(endpointSlicesResource), h.cs, h.clock);
  f.start(h.signal);
  void c.run(1, h.signal);
}

const service = (name: string, spec: Service['spec']): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });
const endpoints = (name: string, ips: string[], notReady: string[] = [], labels?: Record<string, string>): Endpoints => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
  subsets: [{ addresses: ips.map((ip) => ({ ip })), ...(notReady.length ? { notReadyAddresses: notReady.map((ip) => ({ ip })) } : {}), ports: [{ name: 'db', port: 5432, protocol: 'TCP' }] }],
});
const slicesOf = async (svc: string) => (await h.cs.resource<EndpointSlice>(endpointSlicesResource, 'default').list({ labelSelector: `kubernetes.io/service-name=${svc}` })).items;

describe('EndpointSliceMirroringController', () => {
  it('mirrors the Endpoints of a service without a selector, and follows their changes', async () => {
    await setup();
    await h.cs.coreV1().services('default').create(service('db', { ports: [{ name: 'db', port: 5432 }] }));
    const ep = await h.cs.coreV1().endpoints('default').create(endpoints('db', ['192.168.10.4'], ['192.168.10.5'], { team: 'data' }));
    const [slice] = await h.waitFor(async () => {
      const s = await slicesOf('db');
      return s.length ? s : undefined;
    }, 'mirrored slice');
    expect(slice!.metadata.name).toMatch(/^db-[a-z0-9]{5}$/);
    expect(slice!.metadata.labels).toEqual({ team: 'data', 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' });
    expect(slice!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Endpoints', name: 'db', uid: ep.metadata.uid });
    expect(slice!.endpoints).toEqual([
      { addresses: ['192.168.10.4'], conditions: { ready: true } },
      { addresses: ['192.168.10.5'], conditions: { ready: false } },
    ]);
    expect(slice!.ports).toEqual([{ name: 'db', protocol: 'TCP', port: 5432 }]);
    await h.cs.coreV1().endpoints('default').update({ ...(await h.cs.coreV1().endpoints('default').get('db')), subsets: endpoints('db', ['192.168.10.9']).subsets });
    await h.waitFor(async () => (await slicesOf('db'))[0]?.endpoints[0]?.addresses[0] === '192.168.10.9', 'updated');
    await h.cs.coreV1().endpoints('default').delete('db');
    await h.waitFor(async () => (await slicesOf('db')).length === 0, 'removed');
  });

  it('leaves alone services with a selector and Endpoints marked skip-mirror', async () => {
    await setup();
    await h.cs.coreV1().services('default').create(service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    await h.cs.coreV1().endpoints('default').create(endpoints('web', ['192.168.10.4']));
    await h.cs.coreV1().services('default').create(service('api', { ports: [{ port: 443 }] }));
    await h.cs.coreV1().endpoints('default').create(endpoints('api', ['192.168.10.7'], [], { 'endpointslice.kubernetes.io/skip-mirror': 'true' }));
    await h.cs.coreV1().services('default').create(service('db', { ports: [{ port: 5432 }] }));
    await h.cs.coreV1().endpoints('default').create(endpoints('db', ['192.168.10.8']));
    await h.waitFor(async () => (await slicesOf('db')).length === 1, 'db mirrored');
    expect(await slicesOf('web')).toEqual([]);
    expect(await slicesOf('api')).toEqual([]);
  });
});
