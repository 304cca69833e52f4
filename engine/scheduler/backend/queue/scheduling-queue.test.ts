import { describe, it, expect } from 'vitest';
import type { Pod } from '../../../api/core/v1/types.js';
import { VirtualClock } from '../../../util/clock.js';
import { PrioritySort } from '../../framework/plugins/queuesort/priority-sort.js';
import { PriorityQueue } from './scheduling-queue.js';

const pod = (name: string, priority?: number): Pod => ({ metadata: { name, namespace: 'default', uid: name }, spec: { containers: [], ...(priority !== undefined ? { priority } : {}) } });

function setup() {
  const clock = new VirtualClock();
  const sort = new PrioritySort();
  const q = new PriorityQueue({ clock, less: (a, b) => sort.less(a, b) });
  q.run();
  return { clock, q };
}

/** failOnce pops the pod and reports it unschedulable by a plugin. */
async function failOnce(q: PriorityQueue) {
  const p = (await q.pop())!;
  p.unschedulablePlugins = new Set(['NodeResourcesFit']);
  q.addUnschedulableIfNotPresent(p, q.schedulingCycleNumber());
  return p;
}

describe('PriorityQueue', () => {
  it('pops by priority, then by arrival', async () => {
    const { clock, q } = setup();
    q.add(pod('low', 1));
    clock.step(10);
    q.add(pod('first'));
    clock.step(10);
    q.add(pod('high', 100));
    clock.step(10);
    q.add(pod('second'));
    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push((await q.pop())!.pod.metadata.name!);
    expect(order).toEqual(['high', 'low', 'first', 'second']);
  });

  it('pop waits for a pod to arrive', async () => {
    const { q } = setup();
    const popped = q.pop();
    q.add(pod('late'));
    expect((await popped)!.pod.metadata.name).toBe('late');
  });

  it.each([
    { attempts: 1, backoff: 1000 },
    { attempts: 2, backoff: 2000 },
    { attempts: 3, backoff: 4000 },
    { attempts: 4, backoff: 8000 },
    { attempts: 5, backoff: 10_000 },
    { attempts: 9, backoff: 10_000 },
  ])('backs off $backoff ms after $attempts attempts', ({ attempts, backoff }) => {
    const { q } = setup();
    expect(q.calculateBackoffDuration({ pod: pod('x'), attempts, timestamp: 0, initialAttemptTimestamp: 0, unschedulablePlugins: new Set() })).toBe(backoff);
  });

  it('parks an unschedulable pod until a cluster event, then backs off before retrying', async () => {
    const { clock, q } = setup();
    q.add(pod('web'));
    await failOnce(q);
    expect(q.pendingPods()).toEqual([{ pod: 'default/web', queue: 'unschedulablePods' }]);
    await clock.advance(60_000);
    expect(q.pendingPods()[0]!.queue).toBe('unschedulablePods');

    q.moveAllToActiveOrBackoffQueue('NodeAdd');
    // Its backoff (1 s after one attempt) ended long ago: straight to activeQ.
    expect(q.pendingPods()).toEqual([{ pod: 'default/web', queue: 'activeQ' }]);
    await failOnce(q);
    q.moveAllToActiveOrBackoffQueue('NodeUpdate');
    // Second failure: 2 s of backoff from now.
    expect(q.pendingPods()).toEqual([{ pod: 'default/web', queue: 'backoffQ' }]);
    await clock.advance(1000);
    expect(q.pendingPods()[0]!.queue).toBe('backoffQ');
    await clock.advance(1000);
    expect(q.pendingPods()[0]!.queue).toBe('activeQ');
  });

  it('sends a pod to backoffQ when the cluster changed during its cycle', async () => {
    const { q } = setup();
    q.add(pod('web'));
    const p = (await q.pop())!;
    q.moveAllToActiveOrBackoffQueue('AssignedPodDelete');
    p.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(p, q.schedulingCycleNumber());
    expect(q.pendingPods()).toEqual([{ pod: 'default/web', queue: 'backoffQ' }]);
  });

  it('flushes pods parked for more than five minutes', async () => {
    const { clock, q } = setup();
    q.add(pod('web'));
    await failOnce(q);
    await clock.advance(5 * 60_000);
    expect(q.pendingPods()[0]!.queue).toBe('unschedulablePods');
    await clock.advance(30_000);
    expect(q.pendingPods()).toEqual([{ pod: 'default/web', queue: 'activeQ' }]);
  });

  it('errors (no rejecting plugin) go to backoffQ; update of a parked pod retries it; delete removes', async () => {
    const { q } = setup();
    q.add(pod('err'));
    const p = (await q.pop())!;
    q.addUnschedulableIfNotPresent(p, q.schedulingCycleNumber());
    expect(q.pendingPods()).toEqual([{ pod: 'default/err', queue: 'backoffQ' }]);
    q.delete(pod('err'));
    expect(q.pendingPods()).toEqual([]);

    q.add(pod('web'));
    const parked = await failOnce(q);
    const changed = { ...parked.pod, spec: { ...parked.pod.spec!, nodeSelector: { disk: 'ssd' } } };
    q.update(parked.pod, changed);
    expect(q.pendingPods()[0]!.queue).toBe('backoffQ');
  });
});
