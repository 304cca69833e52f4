import { describe, it, expect } from 'vitest';
import { VirtualClock, flushMicrotasks } from '../../engine/util/clock.js';
import { openStore } from '../../engine/etcd/embed.js';
import type { WatchEvent } from '../../engine/etcd/types.js';
import { MemoryLogStorage } from '../../engine/etcd/wal/memory-storage.js';

/** lcg is a tiny seeded random generator so the interleaving is the same on every run. */
function lcg(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('watch ordering under concurrent writers', () => {
  it('delivers every event once, in revision order, to watchers started at any point', async () => {
    const { store } = await openStore({ clock: new VirtualClock(), persistence: new MemoryLogStorage() });
    const rand = lcg(42);
    const watchers: { start: number; events: WatchEvent[]; prefix: string }[] = [];
    const addWatcher = (prefix: string, start: number) => {
      const w = { start, events: [] as WatchEvent[], prefix };
      store.watch(prefix, { prefix: true, startRevision: start, prevKv: true }, (b) => {
        for (const e of b.events) expect(e.kv.modRevision).toBeLessThanOrEqual(b.revision);
        w.events.push(...b.events);
      });
      watchers.push(w);
    };
    addWatcher('/registry/', 0);
    addWatcher('/registry/pods/', 0);

    const writer = async (id: number) => {
      for (let i = 0; i < 60; i++) {
        const key = `/registry/${rand() < 0.5 ? 'pods' : 'services'}/ns/o-${Math.floor(rand() * 40)}`;
        const r = rand();
        if (r < 0.6) await store.put(key, `w${id}-${i}`);
        else if (r < 0.8) await store.delete(key);
        else {
          const cur = store.range(key).kvs[0];
          await store.txn({ compare: [{ key, target: 'mod', result: '=', value: cur?.modRevision ?? 0 }], success: [{ type: 'put', key, value: `txn${id}-${i}` }], failure: [] });
        }
        if (i % 20 === 10 && id % 5 === 0) {
          // New watchers join mid-stream, some from the past and some from "now".
          addWatcher('/registry/', Math.max(2, store.currentRevision() - 25));
          addWatcher('/registry/services/', 0);
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, id) => writer(id)));
    await store.sync();
    await flushMicrotasks();

    const history = store.kv.changes;
    expect(history.length).toBeGreaterThan(500);
    for (const w of watchers) {
      const revs = w.events.map((e) => e.kv.modRevision);
      for (let i = 1; i < revs.length; i++) expect(revs[i]!).toBeGreaterThan(revs[i - 1]!);
      // What the watcher saw is exactly the store's history for its prefix from its first revision.
      const from = w.start > 0 ? w.start : (revs[0] ?? Infinity);
      const expected = history.filter((e) => e.kv.key.startsWith(w.prefix) && e.kv.modRevision >= from);
      expect(w.events.map((e) => [e.type, e.kv.key, e.kv.modRevision, e.prevKv?.modRevision])).toEqual(
        expected.map((e) => [e.type, e.kv.key, e.kv.modRevision, e.prevKv?.modRevision]),
      );
    }
    // The watchers from the start saw the whole history of their prefix.
    expect(watchers[0]!.events.length).toBe(history.length);
  });
});
