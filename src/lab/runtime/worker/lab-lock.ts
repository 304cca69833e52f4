// One page at a time may run a lab's cluster: two workers appending to the same IndexedDB log would
// interleave their records. A Web Lock named after the lab's database says who owns it.
import type { Clock } from '../../../../engine/util/clock.js';

export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}

/** LabBusyError says the lab runs in another tab or window. */
export class LabBusyError extends Error {}

/**
 * acquireLabLock waits up to waitMs for the lock (a page that just closed may still hold it) and
 * returns a release function. Without Web Locks it returns at once.
 */
export async function acquireLabLock(locks: LockManagerLike | undefined, name: string, clock: Clock, waitMs: number): Promise<() => void> {
  if (!locks) return () => {};
  const abort = new AbortController();
  const timer = clock.setTimer(waitMs, () => abort.abort());
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((resolve, reject) => {
    locks
      .request(name, { signal: abort.signal }, async () => {
        timer.stop();
        resolve();
        await held;
      })
      .catch(() => reject(new LabBusyError('this lab is already running in another tab or window; close it there, or use Reset lab there')));
  });
  return release;
}
