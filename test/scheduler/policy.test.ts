import { describe, it, expect, afterEach } from 'vitest';
import type { Policy } from '../../engine/scheduler/apis/config/types.js';
import { eventsFor, node, nodeOf, pod, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function placeThree(harness: Harness, spec = {}) {
  for (const n of ['node-1', 'node-2']) await harness.cs.coreV1().nodes().create(node(n, '4', '8Gi'));
  await harness.settle();
  for (const name of ['a', 'b', 'c']) {
    await harness.cs.coreV1().pods('default').create(pod(name, { cpu: '500m', memory: '256Mi' }, spec));
    await harness.settle();
  }
  return Promise.all(['a', 'b', 'c'].map((p) => nodeOf(harness.cs, p)));
}

describe('a 1.x scheduler policy file', () => {
  it('without MatchNodeSelector ignores nodeSelector, and MostRequestedPriority packs nodes', async () => {
    const policy: Policy = {
      kind: 'Policy',
      apiVersion: 'v1',
      predicates: [{ name: 'PodFitsResources' }, { name: 'PodFitsPorts' }],
      priorities: [{ name: 'MostRequestedPriority', weight: 1 }],
    };
    h = await startHarness({ policy });
    const placed = await placeThree(h, { nodeSelector: { disk: 'ssd' } });
    expect(placed.every(Boolean)).toBe(true);
    expect(new Set(placed).size).toBe(1);
  });

  it('the default profile honours the same nodeSelector and spreads', async () => {
    h = await startHarness();
    const placed = await placeThree(h, { nodeSelector: { 'kubernetes.io/hostname': 'node-2' } });
    expect(placed).toEqual(['node-2', 'node-2', 'node-2']);
    await h.close();
    h = await startHarness({ algorithmProvider: 'DefaultProvider' });
    const spread = await placeThree(h);
    expect(new Set(spread)).toEqual(new Set(['node-1', 'node-2']));
  });

  it('CheckNodeLabelPresence as a custom predicate keeps pods off unlabelled nodes', async () => {
    const policy: Policy = {
      predicates: [{ name: 'PodFitsResources' }, { name: 'zone', argument: { labelsPresence: { labels: ['zone'], presence: true } } }],
      priorities: [{ name: 'LeastRequestedPriority', weight: 1 }],
    };
    h = await startHarness({ policy });
    await h.cs.coreV1().nodes().create(node('node-1'));
    await h.cs.coreV1().nodes().create(node('node-2', '2', '4Gi', { labels: { zone: 'a' } }));
    await h.settle();
    await h.cs.coreV1().pods('default').create(pod('p', { cpu: '100m' }));
    await h.settle();
    expect(await nodeOf(h.cs, 'p')).toBe('node-2');
    await h.cs.coreV1().nodes().delete('node-2');
    await h.settle();
    await h.cs.coreV1().pods('default').create(pod('q', { cpu: '100m' }));
    await h.settle();
    expect((await eventsFor(h.cs, 'q')).find((e) => e.reason === 'FailedScheduling')?.message).toBe(
      "0/1 nodes are available: 1 node(s) didn't have the requested labels. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
    );
  });

  it('rejects unknown predicate names as 1.x did', async () => {
    await expect(startHarness({ policy: { predicates: [{ name: 'NoSuchPredicate' }] } })).rejects.toThrow('invalid predicate name "NoSuchPredicate" specified - no corresponding function found');
  });
});
