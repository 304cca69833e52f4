import { describe, it, expect } from 'vitest';
import { VirtualClock, flushMicrotasks } from '../../util/clock.js';
import { CompactedError } from '../types.js';
import type { WatchBatch } from '../types.js';
import { MvccStore } from './kvstore.js';
import { WatchableStore } from './watchable-store.js';

function setup() {
  const kv = new MvccStore();
  const ws = new WatchableStore(kv, new VirtualClock(), 1000);
  const put = (key: string, value: string) => {
    const w = kv.write();
    w.put(key, value, 0);
    ws.notify(w.end());
  };
  const del = (key: string) => {
    const w = kv.write();
    w.deleteRange(key, undefined);
    ws.notify(w.end());
  };
  return { kv, ws, put, del };
}

describe('WatchableStore', () => {
  it('delivers history from a past revision, then live events, without gaps or duplicates', async () => {
    const { ws, put } = setup();
    put('/p/a', '1'); // 2
    put('/q/x', '1'); // 3
    put('/p/b', '1'); // 4
    const batches: WatchBatch[] = [];
    ws.watch('/p/', { prefix: true, startRevision: 2 }, (b) => batches.push(b));
    put('/p/a', '2'); // 5
    await flushMicrotasks();
    put('/p/c', '1'); // 6
    await flushMicrotasks();
    const revs = batches.flatMap((b) => b.events.map((e) => e.kv.modRevision));
    expect(revs).toEqual([2, 4, 5, 6]);
    expect(batches.length).toBe(2);
  });

  it('sends prevKv only when asked and reports deletes', async () => {
    const { ws, put, del } = setup();
    put('k', 'old');
    const withPrev: WatchBatch[] = [];
    const without: WatchBatch[] = [];
    ws.watch('k', { prevKv: true }, (b) => withPrev.push(b));
    ws.watch('k', {}, (b) => without.push(b));
    put('k', 'new');
    del('k');
    await flushMicrotasks();
    expect(withPrev[0]!.events.map((e) => [e.type, e.kv.value, e.prevKv?.value])).toEqual([
      ['PUT', 'new', 'old'],
      ['DELETE', '', 'new'],
    ]);
    expect(without[0]!.events.every((e) => e.prevKv === undefined)).toBe(true);
  });

  it('fails a watch below the compacted revision but keeps current watchers', async () => {
    const { kv, ws, put } = setup();
    put('k', '1');
    put('k', '2');
    const live: number[] = [];
    ws.watch('k', {}, (b) => live.push(...b.events.map((e) => e.kv.modRevision)));
    kv.compact(3);
    let err: Error | undefined;
    ws.watch('k', { startRevision: 2 }, () => {}, (e) => (err = e));
    put('k', '3');
    await flushMicrotasks();
    expect(err).toBeInstanceOf(CompactedError);
    expect(live).toEqual([4]);
  });

  it('stops delivering after cancel', async () => {
    const { ws, put } = setup();
    const got: WatchBatch[] = [];
    const w = ws.watch('k', {}, (b) => got.push(b));
    put('k', '1');
    w.cancel();
    await flushMicrotasks();
    expect(got).toEqual([]);
    expect(ws.watcherCount).toBe(0);
  });

  it('sends progress notifications on the clock', async () => {
    const kv = new MvccStore();
    const clock = new VirtualClock();
    const ws = new WatchableStore(kv, clock, 1000);
    const got: WatchBatch[] = [];
    ws.watch('', { prefix: true, progressNotify: true }, (b) => got.push(b));
    clock.step(999);
    expect(got).toEqual([]);
    clock.step(1);
    expect(got).toEqual([{ events: [], revision: 1 }]);
  });
});
