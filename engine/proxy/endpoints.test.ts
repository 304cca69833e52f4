import { describe, expect, it } from 'vitest';
import type { Endpoints } from '../api/core/v1/types.js';
import { applyEndpointsChanges, EndpointsChangeTracker, endpointsToEndpointsMap, type EndpointsMap } from './endpoints.js';
import { makeTestEndpoints } from './testing/objects.js';

const eps = (rv: string, addresses: { ip: string; nodeName: string }[]): Endpoints => {
  const e = makeTestEndpoints('default', 'web', addresses, [{ name: 'http', port: 80 }]);
  e.metadata.resourceVersion = rv;
  e.metadata.uid = 'uid-web';
  return e;
};

const view = (m: EndpointsMap) => [...m.values()].flatMap((e) => e.endpoints.map((ep) => `${ep.ip}:${ep.port}${ep.isLocal ? ' local' : ''}`));

describe('endpointsToEndpointsMap', () => {
  it('sorts by ip:port and marks only the node’s own endpoints local, from one shared conversion', () => {
    const e = eps('5', [
      { ip: '172.17.2.9', nodeName: 'node-2' },
      { ip: '172.17.1.10', nodeName: 'node-1' },
      { ip: '172.17.1.2', nodeName: 'node-1' },
    ]);
    const one = endpointsToEndpointsMap(e, 'node-1');
    const two = endpointsToEndpointsMap(e, 'node-2');
    expect(view(one)).toEqual(['172.17.1.10:80 local', '172.17.1.2:80 local', '172.17.2.9:80']);
    expect(view(two)).toEqual(['172.17.1.10:80', '172.17.1.2:80', '172.17.2.9:80 local']);
    expect(view(endpointsToEndpointsMap(e, 'node-3'))).toEqual(['172.17.1.10:80', '172.17.1.2:80', '172.17.2.9:80']);
    // node-2's view of node-1's endpoints is the shared object, untouched by node-1's marks.
    const shared = [...two.values()][0]!.endpoints[0]!;
    expect(shared.isLocal).toBe(false);
    expect([...endpointsToEndpointsMap(e, 'node-3').values()][0]!.endpoints[0]).toBe(shared);
  });
});

describe('EndpointsChangeTracker', () => {
  it('converts at checkout, from the state of the last sync to the latest', () => {
    const t = new EndpointsChangeTracker('node-1');
    const v1 = eps('1', [{ ip: '172.17.1.2', nodeName: 'node-1' }]);
    const v2 = eps('2', [{ ip: '172.17.1.2', nodeName: 'node-1' }, { ip: '172.17.2.3', nodeName: 'node-2' }]);
    const v3 = eps('3', [{ ip: '172.17.2.3', nodeName: 'node-2' }]);
    const map: EndpointsMap = new Map();
    expect(t.update(undefined, v1)).toBe(true);
    expect(applyEndpointsChanges(map, t).changedServices.size).toBe(1);
    expect(view(map)).toEqual(['172.17.1.2:80 local']);
    expect(t.update(v1, v2)).toBe(true);
    expect(t.update(v2, v3)).toBe(true);
    expect(t.pending()).toBe(1);
    applyEndpointsChanges(map, t);
    expect(view(map)).toEqual(['172.17.2.3:80']);
  });

  it('drops a change that ends where the last sync was, and an informer resync', () => {
    const t = new EndpointsChangeTracker('node-1');
    const v1 = eps('1', [{ ip: '172.17.1.2', nodeName: 'node-1' }]);
    const v2 = eps('2', []);
    expect(t.update(v1, v2)).toBe(true);
    expect(t.update(v2, v1)).toBe(false);
    expect(t.update(v1, { ...v1, metadata: { ...v1.metadata } })).toBe(false);
    expect(t.pending()).toBe(0);
    // Deleting the object removes its ports at the next sync.
    const map: EndpointsMap = new Map();
    t.update(undefined, v1);
    applyEndpointsChanges(map, t);
    t.update(v1, undefined);
    expect(applyEndpointsChanges(map, t).changedServices).toEqual(new Set(['default/web:http/TCP']));
    expect(map.size).toBe(0);
  });
});
