import { describe, it, expect, afterEach } from 'vitest';
import { eventsFor, node, nodeOf, pod, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('preemption and configured profiles', () => {
  it('a high-priority pod preempts a lower-priority one and is nominated, then scheduled', async () => {
    h = await startHarness();
    await h.cs.coreV1().nodes().create(node('node-1', '2'));
    await h.settle();
    await h.cs.coreV1().pods('default').create(pod('low', { cpu: '1500m' }, { priority: 0 }));
    await h.settle();
    expect(await nodeOf(h.cs, 'low')).toBe('node-1');
    await h.cs.coreV1().pods('default').create(pod('high', { cpu: '1' }, { priority: 1000 }));
    await h.settle();
    const high = await h.cs.coreV1().pods('default').get('high');
    expect(high.status?.nominatedNodeName).toBe('node-1');
    expect((await eventsFor(h.cs, 'low')).find((e) => e.reason === 'Preempted')?.message).toBe(`Preempted by pod ${high.metadata.uid} on node node-1`);
    // The victim is terminating; with no kubelet here, finish its deletion as the kubelet would.
    expect((await h.cs.coreV1().pods('default').get('low')).metadata.deletionTimestamp).toBeTruthy();
    await h.cs.coreV1().pods('default').delete('low', { gracePeriodSeconds: 0 });
    await h.settle();
    await h.advance(3000);
    expect(await nodeOf(h.cs, 'high')).toBe('node-1');
  });

  it('a profile with NodeResourcesFit disabled ignores requests; weights change the choice', async () => {
    h = await startHarness({
      profiles: [
        { schedulerName: 'no-fit', plugins: { multiPoint: { disabled: [{ name: 'NodeResourcesFit' }] } } },
        { schedulerName: 'taint-averse', plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'PrioritySort' }, { name: 'DefaultBinder' }, { name: 'TaintToleration', weight: 5 }] } } },
      ],
    });
    await h.cs.coreV1().nodes().create(node('node-1', '1', '1Gi', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }));
    await h.cs.coreV1().nodes().create(node('node-2', '1', '1Gi'));
    await h.settle();
    await h.cs.coreV1().pods('default').create(pod('huge', { cpu: '64' }, { schedulerName: 'no-fit', nodeName: undefined }));
    await h.cs.coreV1().pods('default').create(pod('t', {}, { schedulerName: 'taint-averse' }));
    await h.settle();
    expect(await nodeOf(h.cs, 'huge')).toBeDefined();
    expect(await nodeOf(h.cs, 't')).toBe('node-2');
    expect(h.sched.profiles.get('taint-averse')!.listPlugins().score).toEqual(['TaintToleration']);
  });
});
