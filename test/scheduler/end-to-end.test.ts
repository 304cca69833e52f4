import { describe, it, expect, afterEach } from 'vitest';
import { eventsFor, node, nodeOf, pod, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('kube-scheduler against the API server', () => {
  it('spreads pods with requests over three nodes by LeastAllocated and records Scheduled', async () => {
    h = await startHarness();
    for (const n of ['node-1', 'node-2', 'node-3']) await h.cs.coreV1().nodes().create(node(n));
    await h.settle();
    for (const name of ['web-1', 'web-2', 'web-3']) {
      await h.cs.coreV1().pods('default').create(pod(name, { cpu: '500m', memory: '512Mi' }));
      await h.settle();
    }
    const placed = await Promise.all(['web-1', 'web-2', 'web-3'].map((p) => nodeOf(h!.cs, p)));
    expect(new Set(placed)).toEqual(new Set(['node-1', 'node-2', 'node-3']));
    const ev = (await eventsFor(h.cs, 'web-1')).find((e) => e.reason === 'Scheduled');
    expect(ev?.message).toBe(`Successfully assigned default/web-1 to ${placed[0]}`);
    expect(ev?.type).toBe('Normal');
    expect(ev?.source?.component).toBe('default-scheduler');
  });

  it('reports why a pod fits nowhere and schedules it once a node is added', async () => {
    h = await startHarness();
    await h.cs.coreV1().nodes().create(node('node-1', '1'));
    await h.cs.coreV1().nodes().create(node('node-2', '8', '4Gi', { labels: { disk: 'hdd' } }));
    await h.cs.coreV1().nodes().create(node('node-3', '8', '4Gi', { labels: { disk: 'hdd' } }));
    await h.settle();
    await h.cs.coreV1().pods('default').create(pod('big', { cpu: '2' }, { nodeSelector: { disk: 'ssd' } }));
    await h.settle();
    // node-1 has no disk label either, so every node fails on the selector first.
    const first = (await eventsFor(h.cs, 'big')).find((e) => e.reason === 'FailedScheduling');
    expect(first?.type).toBe('Warning');
    expect(first?.message).toBe("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..");

    await h.cs.coreV1().pods('default').delete('big', { gracePeriodSeconds: 0 });
    await h.cs.coreV1().nodes().delete('node-1');
    await h.cs.coreV1().nodes().create(node('node-1', '1', '4Gi', { labels: { disk: 'ssd' } }));
    await h.settle();
    await h.cs.coreV1().pods('default').create(pod('web-1', { cpu: '2' }, { nodeSelector: { disk: 'ssd' } }));
    await h.settle();
    const failed = (await eventsFor(h.cs, 'web-1')).filter((e) => e.reason === 'FailedScheduling');
    expect(failed.map((e) => e.message)).toEqual([
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..",
    ]);
    const p = await h.cs.coreV1().pods('default').get('web-1');
    expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: failed[0]!.message });
    expect(h.sched.queue.pendingPods()).toEqual([{ pod: 'default/web-1', queue: 'unschedulablePods' }]);

    await h.cs.coreV1().nodes().create(node('node-4', '4', '4Gi', { labels: { disk: 'ssd' } }));
    await h.settle();
    await h.advance(2000);
    expect(await nodeOf(h.cs, 'web-1')).toBe('node-4');
    expect((await eventsFor(h.cs, 'web-1')).find((e) => e.reason === 'Scheduled')?.message).toBe('Successfully assigned default/web-1 to node-4');
  });

  it('leaves pods for other schedulers alone and serves several profiles', async () => {
    h = await startHarness({ profiles: [{ schedulerName: 'default-scheduler' }, { schedulerName: 'my-scheduler' }] });
    await h.cs.coreV1().nodes().create(node('node-1'));
    await h.settle();
    await h.cs.coreV1().pods('default').create(pod('mine', {}, { schedulerName: 'my-scheduler' }));
    await h.cs.coreV1().pods('default').create(pod('theirs', {}, { schedulerName: 'other-scheduler' }));
    await h.settle();
    expect(await nodeOf(h.cs, 'mine')).toBe('node-1');
    expect(await nodeOf(h.cs, 'theirs')).toBeUndefined();
    expect((await eventsFor(h.cs, 'mine')).find((e) => e.reason === 'Scheduled')?.source?.component).toBe('my-scheduler');
    expect(await eventsFor(h.cs, 'theirs')).toEqual([]);
  });
});
