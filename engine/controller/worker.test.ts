import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../util/clock.js';
import { advanceUntil } from '../client/testing/advance.js';
import { newRateLimitingQueue } from '../client/util/workqueue/rate-limiting-queue.js';
import { processNextWorkItem, runWhenSynced } from './worker.js';

describe('runWhenSynced', () => {
  it('starts onSynced and n workers only once the caches sync, then drains until abort', async () => {
    const clock = new VirtualClock();
    const queue = newRateLimitingQueue<string>(clock);
    const ctl = new AbortController();
    let synced = false;
    const log: string[] = [];
    const worker = async () => {
      log.push('worker');
      while (await processNextWorkItem(queue, async (key) => void log.push(key)));
    };
    const run = runWhenSynced(2, queue, clock, ctl.signal, [() => synced], worker, { onSynced: () => void log.push('synced') });
    queue.add('a');
    await clock.advance(1000);
    expect(log).toEqual([]);
    synced = true;
    await clock.advance(100);
    expect(log).toEqual(['synced', 'worker', 'worker', 'a']);
    ctl.abort();
    await advanceUntil(clock, run);
    expect(queue.shuttingDown()).toBe(true);
  });

  it('shuts every queue down when aborted while the caches are still syncing', async () => {
    const clock = new VirtualClock();
    const queue = newRateLimitingQueue<string>(clock);
    const claims = newRateLimitingQueue<string>(clock);
    const ctl = new AbortController();
    let started = false;
    const run = runWhenSynced(1, queue, clock, ctl.signal, [() => false], async () => void (started = true), { alsoShutDown: [claims], onSynced: () => void (started = true) });
    await clock.advance(500);
    ctl.abort();
    await advanceUntil(clock, run);
    expect([queue.shuttingDown(), claims.shuttingDown(), started]).toEqual([true, true, false]);
  });
});
