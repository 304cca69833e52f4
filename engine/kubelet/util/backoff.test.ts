import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Backoff, formatDuration } from './backoff.js';

describe('Backoff', () => {
  it('doubles from initial to max and resets after 2×max without events', () => {
    const clock = new VirtualClock();
    const b = new Backoff(clock, 10_000, 300_000);
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next('c', clock.now());
      seen.push(b.get('c'));
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    const t = clock.now();
    clock.step(100_000);
    expect(b.isInBackOffSince('c', t)).toBe(true);
    clock.step(200_000);
    expect(b.isInBackOffSince('c', t)).toBe(false);
    clock.step(601_000);
    b.next('c', clock.now());
    expect(b.get('c')).toBe(10_000);
  });

  it.each([
    [0, '0s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [300_000, '5m0s'],
    [1500, '1.5s'],
  ])('formatDuration(%d) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
