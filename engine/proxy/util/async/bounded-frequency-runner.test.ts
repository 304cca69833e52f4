import { describe, it, expect } from 'vitest';
import { flushMicrotasks, VirtualClock } from '../../../util/clock.js';
import { BoundedFrequencyRunner } from './bounded-frequency-runner.js';

describe('BoundedFrequencyRunner', () => {
  it('runs at once, then no more often than minInterval, coalescing requests', async () => {
    const clock = new VirtualClock();
    const runs: number[] = [];
    const start = clock.now();
    const r = new BoundedFrequencyRunner('test', () => void runs.push(clock.now() - start), clock, 1000, 0);
    r.run();
    await flushMicrotasks();
    expect(runs).toEqual([0]);
    r.run();
    r.run();
    await clock.advance(500);
    expect(runs).toEqual([0]);
    await clock.advance(500);
    expect(runs).toEqual([0, 1000]);
    await clock.advance(5000);
    expect(runs).toEqual([0, 1000]);
  });

  it('runs periodically every maxInterval while looping', async () => {
    const clock = new VirtualClock();
    let runs = 0;
    const r = new BoundedFrequencyRunner('test', () => void runs++, clock, 1000, 30_000);
    const ctl = new AbortController();
    const done = r.loop(ctl.signal);
    await clock.advance(30_000);
    expect(runs).toBe(1);
    await clock.advance(60_000);
    expect(runs).toBe(3);
    ctl.abort();
    await done;
    await clock.advance(60_000);
    expect(runs).toBe(3);
  });
});
