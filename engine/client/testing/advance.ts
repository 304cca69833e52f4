// Test helper (no upstream twin): drives a VirtualClock until a promise settles, for code that polls
// on the clock (waitForCacheSync, leader election) and would otherwise wait forever in a test.
import { flushMicrotasks, yieldToHost, type VirtualClock } from '../../util/clock.js';

/** advanceUntil moves the clock stepMs at a time until p settles; it fails after maxSteps. */
export async function advanceUntil<T>(clock: VirtualClock, p: Promise<T>, stepMs = 100, maxSteps = 10_000): Promise<T> {
  let settled = false;
  const tracked = p.finally(() => void (settled = true));
  tracked.catch(() => undefined);
  await flushMicrotasks(200);
  for (let i = 0; !settled; i++) {
    if (i >= maxSteps) throw new Error(`advanceUntil: promise still pending after ${(maxSteps * stepMs) / 1000}s of clock time`);
    await clock.advance(stepMs);
    await flushMicrotasks(200);
    // Work outside the virtual clock (Web Crypto, real I/O) needs a host turn now and then.
    if (i % 10 === 9) await yieldToHost();
  }
  return tracked;
}
