import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../../../api/discovery/v1/types.js';
import { isInvalid } from '../../../../apimachinery/api/errors/errors.js';
import { newForTransport } from '../../../../client/kubernetes/clientset.js';
import { startControlPlane, type ControlPlane } from '../../../../controlplane/instance.js';
import { VirtualClock } from '../../../../util/clock.js';

let cp: ControlPlane | undefined;
afterEach(async () => {
  await cp?.close();
  cp = undefined;
});

const resource = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
const slice = (): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { generateName: 'web-', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }],
  ports: [{ port: 80 }],
});

describe('endpointslices storage and strategy', () => {
  it('stores under /registry/endpointslices, defaults ports, and bumps generation on any change but metadata', async () => {
    cp = await startControlPlane({ clock: new VirtualClock(Date.UTC(2026, 0, 1)), advertiseAddress: '192.168.1.100' });
    const slices = newForTransport(cp.transport).resource<EndpointSlice>(resource, 'default');
    const created = await slices.create(slice());
    expect(created.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(created.metadata.generation).toBe(1);
    expect(created.ports).toEqual([{ name: '', protocol: 'TCP', port: 80 }]);
    expect(cp.store.range(`/registry/endpointslices/default/${created.metadata.name}`).count).toBe(1);
    // The API server's own slice for the kubernetes service.
    const kubernetes = await newForTransport(cp.transport).resource<EndpointSlice>(resource, 'default').get('kubernetes');
    expect(kubernetes.endpoints).toEqual([{ addresses: ['192.168.1.100'], conditions: { ready: true } }]);
    expect(kubernetes.ports).toEqual([{ name: 'https', port: 8080, protocol: 'TCP' }]);

    const annotated = await slices.update({ ...created, metadata: { ...created.metadata, annotations: { note: 'x' } } });
    expect(annotated.metadata.generation).toBe(1);
    const relabelled = await slices.update({ ...annotated, metadata: { ...annotated.metadata, labels: { ...annotated.metadata.labels, tier: 'front' } } });
    expect(relabelled.metadata.generation).toBe(2);
    const moved = await slices.update({ ...relabelled, endpoints: [{ addresses: ['10.244.2.7'], conditions: { ready: false } }] });
    expect(moved.metadata.generation).toBe(3);
    const err = await slices.update({ ...moved, addressType: 'IPv6' }).catch((e: unknown) => e);
    expect(isInvalid(err)).toBe(true);
  });
});
