import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../util/clock.js';
import { ExpectationsTimeout, slowStartBatch, UIDTrackingControllerExpectations } from './controller-utils.js';

describe('ControllerExpectations', () => {
  it('is satisfied once every expected create and delete is observed, or after the timeout', () => {
    const clock = new VirtualClock();
    const e = new UIDTrackingControllerExpectations(clock);
    expect(e.satisfiedExpectations('ns/rs')).toBe(true); // nothing recorded
    e.expectCreations('ns/rs', 2);
    e.creationObserved('ns/rs');
    expect(e.satisfiedExpectations('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
    e.expectPodDeletions('ns/rs', ['ns/a', 'ns/b']);
    e.podDeletionObserved('ns/rs', 'ns/a');
    e.podDeletionObserved('ns/rs', 'ns/a'); // a second sighting of the same pod does not count
    expect(e.satisfiedExpectations('ns/rs')).toBe(false);
    clock.step(ExpectationsTimeout + 1);
    expect(e.satisfiedExpectations('ns/rs')).toBe(true);
  });
});

describe('slowStartBatch', () => {
  const cases = [
    { name: 'all succeed in batches 1,2,4,3', count: 10, failAt: -1, wantCalls: 10, wantSuccesses: 10 },
    { name: 'stops after the batch with the first failure', count: 10, failAt: 2, wantCalls: 3, wantSuccesses: 2 },
    { name: 'first call fails', count: 10, failAt: 0, wantCalls: 1, wantSuccesses: 0 },
  ];
  it.each(cases)('$name', async ({ count, failAt, wantCalls, wantSuccesses }) => {
    let calls = 0;
    const { successes, error } = await slowStartBatch(count, 1, async () => {
      if (calls++ === failAt) throw new Error('quota exceeded');
    });
    expect(calls).toBe(wantCalls);
    expect(successes).toBe(wantSuccesses);
    expect(error === undefined).toBe(failAt < 0);
  });
});
