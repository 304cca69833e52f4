// The lab lock: one page per lab cluster; a second waits, then is told the lab runs elsewhere.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/util/clock.js';
import { acquireLabLock, LabBusyError, type LockManagerLike } from '../../src/lab/runtime/worker/lab-lock.js';

/** fakeLocks grants exclusive locks in request order and honours abort signals while waiting. */
function fakeLocks(): LockManagerLike {
  const tails = new Map<string, Promise<void>>();
  return {
    request(name, options, callback) {
      const before = tails.get(name) ?? Promise.resolve();
      let aborted = false;
      const run = before.then(async () => {
        if (aborted) throw new DOMException('aborted', 'AbortError');
        await callback({});
      });
      tails.set(name, run.catch(() => {}));
      options.signal?.addEventListener('abort', () => (aborted = true));
      return new Promise((resolve, reject) => {
        options.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        run.then(resolve, reject);
      });
    },
  };
}

describe('acquireLabLock', () => {
  it('grants a free lock and hands it on after release', async () => {
    const clock = new VirtualClock();
    const locks = fakeLocks();
    const release = await acquireLabLock(locks, 'lab-a', clock, 5_000);
    const second = acquireLabLock(locks, 'lab-a', clock, 5_000);
    release();
    await expect(second).resolves.toBeTypeOf('function');
  });

  it('gives up with LabBusyError when the holder keeps it', async () => {
    const clock = new VirtualClock();
    const locks = fakeLocks();
    await acquireLabLock(locks, 'lab-b', clock, 5_000);
    const second = acquireLabLock(locks, 'lab-b', clock, 5_000);
    const settled = expect(second).rejects.toBeInstanceOf(LabBusyError);
    await clock.advance(5_000);
    await settled;
  });

  it('does not wait on another lab', async () => {
    const clock = new VirtualClock();
    const locks = fakeLocks();
    await acquireLabLock(locks, 'lab-c', clock, 5_000);
    await expect(acquireLabLock(locks, 'lab-d', clock, 5_000)).resolves.toBeTypeOf('function');
  });

  it('works without Web Locks', async () => {
    await expect(acquireLabLock(undefined, 'lab-e', new VirtualClock(), 1)).resolves.toBeTypeOf('function');
  });
});
