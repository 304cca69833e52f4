import { describe, it, expect } from 'vitest';
import { makePod } from '../framework/plugins/testing.js';
import { podRequests, quantityValue, resourceFromList } from './pod-resources.js';

describe('pod resources', () => {
  it.each([
    { name: 'cpu', q: '100m', want: 100 },
    { name: 'cpu', q: '1', want: 1000 },
    { name: 'memory', q: '1', want: 1 },
    { name: 'memory', q: '64Mi', want: 64 * 1024 ** 2 },
    { name: 'cpu', q: 2, want: 2000 },
    { name: 'memory', q: 2, want: 2 },
    { name: 'cpu', q: 'lots', want: 0 },
    { name: 'cpu', q: '100m', want: 100 }, // again, now remembered
  ])('quantityValue($name, $q) = $want', ({ name, q, want }) => {
    expect(quantityValue(name, q)).toBe(want);
  });

  it('sums containers and sidecars, raised to the init phase peak', () => {
    const pod = makePod('p', { cpu: '200m', memory: '64Mi' }, {
      initContainers: [
        { name: 'big', resources: { requests: { cpu: '1' } } },
        { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '100m', 'example.com/dongle': '1' } } },
        { name: 'migrate', resources: { requests: { memory: '1Gi' } } },
      ],
    });
    const r = podRequests(pod);
    // cpu: big runs before the sidecar starts (1000m) > containers + sidecar (300m).
    expect(r.milliCPU).toBe(1000);
    // memory: migrate runs beside the sidecar (1Gi) > containers (64Mi).
    expect(r.memory).toBe(1024 ** 3);
    expect(r.scalarResources).toEqual({ 'example.com/dongle': 1 });
    expect(podRequests(makePod('q', { cpu: '200m' }, { initContainers: [{ name: 's', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } }, { name: 'i', resources: { requests: { cpu: '250m' } } }] })).milliCPU).toBe(350);
  });

  it('reads extended resources and hugepages from a resource list', () => {
    expect(resourceFromList({ cpu: '2', pods: '110', 'hugepages-2Mi': '4Mi' })).toEqual({ milliCPU: 2000, memory: 0, ephemeralStorage: 0, allowedPodNumber: 110, scalarResources: { 'hugepages-2Mi': 4 * 1024 ** 2 } });
  });
});
