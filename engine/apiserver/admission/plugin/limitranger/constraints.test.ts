import { describe, expect, it } from 'vitest';
import { limitRequestRatioConstraint, maxConstraint, maxRequestConstraint, minConstraint, podLimits, podRequests } from './constraints.js';
import type { Pod } from '../../../../api/core/v1/types.js';

const cases: [string, string | undefined, string | undefined][] = [
  ['min ok', minConstraint('Container', 'cpu', '100m', { cpu: '0.1' }, {}), undefined],
  ['min, no request', minConstraint('Container', 'cpu', '100m', {}, {}), 'minimum cpu usage per Container is 100m.  No request is specified'],
  ['min, low limit', minConstraint('Container', 'cpu', '100m', { cpu: '200m' }, { cpu: '50m' }), 'minimum cpu usage per Container is 100m, but limit is 50m'],
  ['max, no limit', maxConstraint('Container', 'memory', '1Gi', {}, {}), 'maximum memory usage per Container is 1Gi.  No limit is specified'],
  ['max, high request', maxConstraint('Container', 'cpu', '1', { cpu: '1500m' }, { cpu: '1' }), 'maximum cpu usage per Container is 1, but request is 1500m'],
  ['max request only (claims)', maxRequestConstraint('PersistentVolumeClaim', 'storage', '1Gi', {}), undefined],
  ['ratio ok at the edge', limitRequestRatioConstraint('Container', 'cpu', '2', { cpu: '250m' }, { cpu: '500m' }), undefined],
  ['ratio, no limit', limitRequestRatioConstraint('Container', 'cpu', '2', { cpu: '250m' }, {}), 'cpu max limit to request ratio per Container is 2, but no limit is specified or limit is 0'],
  [
    'ratio over, fractional',
    limitRequestRatioConstraint('Container', 'memory', '1500m', { memory: '3' }, { memory: '5' }),
    'memory max limit to request ratio per Container is 1500m, but provided ratio is 1.666667',
  ],
];

describe('limit constraints', () => {
  it.each(cases)('%s', (_name, got, want) => expect(got).toBe(want));

  it('sums containers and floors with init containers', () => {
    const pod = {
      metadata: {},
      spec: {
        containers: [{ name: 'a', resources: { requests: { cpu: '100m' }, limits: { cpu: '200m' } } }, { name: 'b', resources: { requests: { cpu: '300m' } } }],
        initContainers: [{ name: 'i', resources: { requests: { cpu: '1', memory: '1Gi' } } }],
      },
    } as unknown as Pod;
    expect(podRequests(pod)).toEqual({ cpu: '1', memory: '1Gi' });
    expect(podLimits(pod)).toEqual({ cpu: '200m' });
  });
});
