import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../util/clock.js';
import { computeHash, ExpectationsTimeout, fnv32a, slowStartBatch, UIDTrackingControllerExpectations } from './controller-utils.js';
import { safeEncodeString } from '../apimachinery/util/rand/rand.js';

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

describe('fnv32a', () => {
  // Reference values of FNV-1a 32 (as Go's hash/fnv.New32a computes them).
  const cases = [
    { input: '', want: 0x811c9dc5 },
    { input: 'a', want: 0xe40c292c },
    { input: 'foobar', want: 0xbf9cf968 },
  ];
  it.each(cases)('hashes "$input"', ({ input, want }) => {
    expect(fnv32a(new TextEncoder().encode(input))).toBe(want);
  });
});

describe('safeEncodeString', () => {
  it('maps digits onto the vowel-free alphabet', () => {
    // '0' is byte 48 → 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'.
    expect(safeEncodeString('09')).toBe('4f');
  });
});

describe('computeHash', () => {
  it('hashes the canonical JSON with FNV-32a and safe-encodes the decimal value', () => {
    expect(computeHash({ b: 1, a: undefined })).toBe(safeEncodeString(String(fnv32a(new TextEncoder().encode('{"b":1}')))));
    // collisionCount 0 is hashed too (upstream hashes any non-nil count).
    expect(computeHash({ b: 1 }, 0)).not.toBe(computeHash({ b: 1 }));
  });

  const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.7.9' }] } };
  it('is stable across key order and changes with the template and collisionCount', () => {
    const h = computeHash(t);
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(computeHash({ spec: t.spec, metadata: t.metadata })).toBe(h);
    expect(computeHash({ ...t, spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1' }] } })).not.toBe(h);
    expect(computeHash(t, 1)).not.toBe(h);
  });
});
