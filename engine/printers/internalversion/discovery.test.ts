import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { endpointSliceTable, formatDiscoveryEndpoints, formatDiscoveryPorts } from './discovery.js';

const now = Date.parse('2026-01-01T00:10:00Z');

describe('endpointSliceTable', () => {
  it('has the columns of kubectl get endpointslices', () => {
    expect(endpointSliceTable.columns.map((c) => c.name)).toEqual(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
  });

  it('prints three ports and three addresses, then "+ N more..."', () => {
    const slice = {
      metadata: { name: 'web-x7k2p', creationTimestamp: '2026-01-01T00:00:00Z' },
      addressType: 'IPv4',
      ports: [{ name: 'a', port: 80 }, { name: 'b', port: 443 }, { name: 'c', port: 8080 }, { name: 'd', port: 9090 }],
      endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4'] }, { addresses: ['10.0.0.5'] }],
    } as unknown as KubeObject;
    expect(endpointSliceTable.row(slice, now)).toEqual(['web-x7k2p', 'IPv4', '80,443,8080 + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '10m']);
  });

  it('prints <unset> for none, a port\'s name when it has no number, and * when it has neither', () => {
    expect(formatDiscoveryPorts(undefined)).toBe('<unset>');
    expect(formatDiscoveryEndpoints([])).toBe('<unset>');
    expect(formatDiscoveryPorts([{ name: 'all' }, {}])).toBe('all,*');
    expect(formatDiscoveryEndpoints([{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2'] }, { addresses: ['10.0.0.3'] }])).toBe('10.0.0.1,10.0.0.2,10.0.0.3');
  });
});
