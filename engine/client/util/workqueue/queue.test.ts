import { describe, it, expect } from 'vitest';
import { flushMicrotasks, VirtualClock } from '../../../util/clock.js';
import { newQueue } from './queue.js';
import { newDelayingQueue } from './delaying-queue.js';
import { newRateLimitingQueue } from './rate-limiting-queue.js';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter, ItemFastSlowRateLimiter, MaxOfRateLimiter } from './default-rate-limiters.js';

describe('workqueue.Type', () => {
  it('hands items out in FIFO order and deduplicates queued items', async () => {
    const q = newQueue<string>();
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    expect(q.len()).toBe(3);
    const got: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [item] = await q.get();
      got.push(item!);
      q.done(item!);
    }
    expect(got).toEqual(['a', 'b', 'c']);
  });

  it('requeues an item re-added while processing only after done', async () => {
    const q = newQueue<string>();
    q.add('a');
    const [item] = await q.get();
    q.add('a');
    expect(q.len()).toBe(0); // not handed to a second worker while the first holds it
    q.done(item!);
    expect(q.len()).toBe(1);
    const [again] = await q.get();
    expect(again).toBe('a');
  });

  it('wakes a waiting get when an item arrives', async () => {
    const q = newQueue<string>();
    let got: string | undefined;
    const p = q.get().then(([i]) => (got = i));
    await flushMicrotasks();
    expect(got).toBeUndefined();
    q.add('x');
    await p;
    expect(got).toBe('x');
  });

  it('shutDown drains, then reports shutdown and ignores adds', async () => {
    const q = newQueue<string>();
    q.add('a');
    q.shutDown();
    q.add('b');
    expect(await q.get()).toEqual(['a', false]);
    expect(await q.get()).toEqual([undefined, true]);
  });

  it('shutDown wakes blocked getters', async () => {
    const q = newQueue<string>();
    const p = q.get();
    q.shutDown();
    expect(await p).toEqual([undefined, true]);
  });
});

describe('DelayingType', () => {
  it('adds items when their delay passes on the clock, earliest wins', async () => {
    const clock = new VirtualClock();
    const q = newDelayingQueue<string>(clock);
    q.addAfter('a', 100);
    q.addAfter('b', 50);
    q.addAfter('a', 30); // earlier: replaces the 100ms wait
    q.addAfter('b', 500); // later: ignored
    q.addAfter('now', 0);
    expect(q.len()).toBe(1);
    clock.step(30);
    expect(q.len()).toBe(2);
    clock.step(20);
    expect(q.len()).toBe(3);
    expect(q.waitingCount()).toBe(0);
    clock.step(1000);
    expect(q.len()).toBe(3);
  });

  it('shutDown cancels waiting items', () => {
    const clock = new VirtualClock();
    const q = newDelayingQueue<string>(clock);
    q.addAfter('a', 10);
    q.shutDown();
    clock.step(100);
    expect(q.len()).toBe(0);
  });
});

describe('rate limiters', () => {
  it('ItemExponentialFailureRateLimiter doubles from base to max per item', () => {
    const r = new ItemExponentialFailureRateLimiter<string>(5, 1000 * 1000);
    const delays = Array.from({ length: 5 }, () => r.when('a'));
    expect(delays).toEqual([5, 10, 20, 40, 80]);
    expect(r.when('b')).toBe(5);
    expect(r.numRequeues('a')).toBe(5);
    for (let i = 0; i < 30; i++) r.when('a');
    expect(r.when('a')).toBe(1000 * 1000);
    r.forget('a');
    expect(r.numRequeues('a')).toBe(0);
    expect(r.when('a')).toBe(5);
  });

  it('ItemFastSlowRateLimiter switches to the slow delay', () => {
    const r = new ItemFastSlowRateLimiter<string>(5, 10_000, 3);
    expect([r.when('a'), r.when('a'), r.when('a'), r.when('a')]).toEqual([5, 5, 5, 10_000]);
  });

  it('BucketRateLimiter allows a burst, then spaces at qps, refilling with time', () => {
    const clock = new VirtualClock();
    const r = new BucketRateLimiter<string>(clock, 10, 2);
    expect([r.when('a'), r.when('b'), r.when('c'), r.when('d')]).toEqual([0, 0, 100, 200]);
    clock.step(1000);
    expect(r.when('e')).toBe(0);
  });

  it('MaxOfRateLimiter takes the longest wait', () => {
    const clock = new VirtualClock();
    const r = new MaxOfRateLimiter<string>(new ItemExponentialFailureRateLimiter(5, 1000), new BucketRateLimiter(clock, 1, 1));
    expect(r.when('a')).toBe(5);
    expect(r.when('a')).toBe(1000);
    expect(r.numRequeues('a')).toBe(2);
  });
});

describe('RateLimitingType', () => {
  it('addRateLimited backs off exponentially until forget', async () => {
    const clock = new VirtualClock();
    const q = newRateLimitingQueue<string>(clock, new ItemExponentialFailureRateLimiter(5, 1000));
    q.addRateLimited('a');
    expect(q.len()).toBe(0);
    clock.step(5);
    expect(q.len()).toBe(1);
    const [item] = await q.get();
    q.done(item!);
    q.addRateLimited('a');
    clock.step(9);
    expect(q.len()).toBe(0);
    clock.step(1);
    expect(q.len()).toBe(1);
    expect(q.numRequeues('a')).toBe(2);
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
  });
});
