import { describe, expect, it } from 'vitest';
import type { Endpoints } from '../api/core/v1/types.js';
import type { EndpointSlice } from '../api/discovery/v1/types.js';
import { applyEndpointsChanges, EndpointsChangeTracker, endpointsToEndpointsMap, type EndpointsMap } from './endpoints.js';
import { endpointsMapFor } from './endpointslicecache.js';
import { makeTestEndpoints } from './testing/objects.js';

const eps = (rv: string, addresses: { ip: string; nodeName: string }[]): Endpoints => {
  const e = makeTestEndpoints('default', 'web', addresses, [{ name: 'http', port: 80 }]);
  e.metadata.resourceVersion = rv;
  e.metadata.uid = 'uid-web';
  return e;
};

/** slice builds one EndpointSlice of service web, port http/80. */
const slice = (name: string, rv: string, endpoints: { ip: string; node?: string; ready?: boolean; serving?: boolean; terminating?: boolean }[], extra: Partial<EndpointSlice> = {}): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, namespace: 'default', resourceVersion: rv, uid: `uid-${name}`, labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: endpoints.map((e) => ({
    addresses: [e.ip],
    conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
    ...(e.node ? { nodeName: e.node } : {}),
  })),
  ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
  ...extra,
});

const view = (m: EndpointsMap) => [...m.values()].flatMap((e) => e.endpoints.map((ep) => `${ep.ip}:${ep.port}${ep.isLocal ? ' local' : ''}${ep.ready ? '' : ' not-ready'}`));

describe('endpointsMapFor (EndpointSliceCache merge)', () => {
  it('merges the slices of a service, sorts by ip:port, dedupes and marks only the node’s own endpoints local', () => {
    const a = slice('web-a', '1', [{ ip: '172.17.2.9', node: 'node-2' }, { ip: '172.17.1.10', node: 'node-1' }]);
    const b = slice('web-b', '2', [{ ip: '172.17.1.2', node: 'node-1' }, { ip: '172.17.1.10', node: 'node-1' }]);
    expect(view(endpointsMapFor([a, b], 'node-1'))).toEqual(['172.17.1.10:80 local', '172.17.1.2:80 local', '172.17.2.9:80']);
    expect(view(endpointsMapFor([b, a], 'node-2'))).toEqual(['172.17.1.10:80', '172.17.1.2:80', '172.17.2.9:80 local']);
    // The merge is shared: node-3's view holds the very infos node-2's unmarked view holds.
    const two = [...endpointsMapFor([a, b], 'node-2').values()][0]!.endpoints[0]!;
    expect(two.isLocal).toBe(false);
    expect([...endpointsMapFor([a, b], 'node-3').values()][0]!.endpoints[0]).toBe(two);
  });

  it('carries the conditions, and skips ports without a number and endpoints of the other family', () => {
    const s = slice('web-a', '1', [{ ip: '172.17.1.2', ready: false, serving: true, terminating: true }, { ip: 'fd00::1' }]);
    s.ports!.push({ name: 'all', protocol: 'TCP' });
    const map = endpointsMapFor([s], 'node-1');
    expect([...map.keys()]).toEqual(['default/web:http/TCP']);
    expect(map.get('default/web:http/TCP')!.endpoints).toEqual([expect.objectContaining({ ip: '172.17.1.2', ready: false, serving: true, terminating: true })]);
  });

  it('reads a legacy Endpoints object as the slices it stands for', () => {
    const e = eps('5', [{ ip: '172.17.2.9', nodeName: 'node-2' }, { ip: '172.17.1.2', nodeName: 'node-1' }]);
    expect(view(endpointsToEndpointsMap(e, 'node-1'))).toEqual(['172.17.1.2:80 local', '172.17.2.9:80']);
  });
});

describe('EndpointsChangeTracker', () => {
  it('merges at checkout, from the state of the last sync to the latest', () => {
    const t = new EndpointsChangeTracker('node-1');
    const map: EndpointsMap = new Map();
    const a1 = slice('web-a', '1', [{ ip: '172.17.1.2', node: 'node-1' }]);
    expect(t.endpointSliceUpdate(a1, false)).toBe(true);
    expect(applyEndpointsChanges(map, t).changedServices).toEqual(new Set(['default/web:http/TCP']));
    expect(view(map)).toEqual(['172.17.1.2:80 local']);
    // A second slice and an update of the first, in one sync.
    expect(t.endpointSliceUpdate(slice('web-b', '2', [{ ip: '172.17.2.3', node: 'node-2' }]), false)).toBe(true);
    expect(t.endpointSliceUpdate(slice('web-a', '3', [{ ip: '172.17.1.2', node: 'node-1', ready: false }]), false)).toBe(true);
    expect(t.pending()).toBe(1);
    applyEndpointsChanges(map, t);
    expect(view(map)).toEqual(['172.17.1.2:80 local not-ready', '172.17.2.3:80']);
  });

  it('drops a change that ends where the last sync was, an informer resync, and slices it does not read', () => {
    const t = new EndpointsChangeTracker('node-1');
    const map: EndpointsMap = new Map();
    const a1 = slice('web-a', '1', [{ ip: '172.17.1.2' }]);
    t.endpointSliceUpdate(a1, false);
    applyEndpointsChanges(map, t);
    const a2 = slice('web-a', '2', []);
    expect(t.endpointSliceUpdate(a2, false)).toBe(true);
    expect(t.endpointSliceUpdate(a1, false)).toBe(false);
    expect(t.endpointSliceUpdate({ ...a1, metadata: { ...a1.metadata } }, false)).toBe(false);
    expect(t.endpointSliceUpdate(slice('web-f', '4', [], { addressType: 'FQDN' }), false)).toBe(false);
    expect(t.endpointSliceUpdate({ ...slice('other', '5', []), metadata: { name: 'other', namespace: 'default' } }, false)).toBe(false);
    expect(t.pending()).toBe(0);
    // Deleting the last slice removes the service's ports at the next sync.
    t.endpointSliceUpdate(a1, true);
    expect(applyEndpointsChanges(map, t).changedServices).toEqual(new Set(['default/web:http/TCP']));
    expect(map.size).toBe(0);
  });

  it('follows legacy Endpoints updates as slice changes', () => {
    const t = new EndpointsChangeTracker('node-1');
    const map: EndpointsMap = new Map();
    const v1 = eps('1', [{ ip: '172.17.1.2', nodeName: 'node-1' }]);
    const v2 = eps('2', [{ ip: '172.17.2.3', nodeName: 'node-2' }]);
    expect(t.update(undefined, v1)).toBe(true);
    applyEndpointsChanges(map, t);
    expect(t.update(v1, v2)).toBe(true);
    applyEndpointsChanges(map, t);
    expect(view(map)).toEqual(['172.17.2.3:80']);
    expect(t.update(v2, undefined)).toBe(true);
    applyEndpointsChanges(map, t);
    expect(map.size).toBe(0);
  });
});
