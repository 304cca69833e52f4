import { describe, it, expect } from 'vitest';
import { VirtualClock, flushMicrotasks } from '../../engine/util/clock.js';
import { openStore } from '../../engine/etcd/embed.js';
import { CompactedError } from '../../engine/etcd/types.js';
import type { WatchEvent } from '../../engine/etcd/types.js';
import { MemoryLogStorage } from '../../engine/etcd/wal/memory-storage.js';

describe('compaction', () => {
  it('fails old reads and watches, keeps current watchers, and survives a restart', async () => {
    const storage = new MemoryLogStorage();
    const clock = new VirtualClock();
    const { store } = await openStore({ clock, persistence: storage, snapshotCount: 7 });
    for (let i = 1; i <= 10; i++) await store.put('/c/k', `${i}`); // revisions 2..11
    const live: WatchEvent[] = [];
    store.watch('/c/', { prefix: true, startRevision: 4 }, (b) => live.push(...b.events));
    await store.compact(8);
    expect(store.compactRevision()).toBe(8);

    const cases: { rev: number; ok: boolean }[] = [
      { rev: 7, ok: false },
      { rev: 8, ok: true },
      { rev: 11, ok: true },
    ];
    for (const c of cases) {
      if (c.ok) expect(store.range('/c/k', { revision: c.rev }).kvs[0]!.value).toBe(`${c.rev - 1}`);
      else expect(() => store.range('/c/k', { revision: c.rev })).toThrow(CompactedError);
    }

    let watchErr: Error | undefined;
    store.watch('/c/', { prefix: true, startRevision: 5 }, () => {}, (e) => (watchErr = e));
    const atCompact: number[] = [];
    store.watch('/c/', { prefix: true, startRevision: 8 }, (b) => atCompact.push(...b.events.map((e) => e.kv.modRevision)));
    await store.put('/c/k', 'after'); // 12
    await flushMicrotasks();
    expect(watchErr).toBeInstanceOf(CompactedError);
    expect((watchErr as CompactedError).compactRevision).toBe(8);
    expect(atCompact).toEqual([8, 9, 10, 11, 12]);
    expect(live.map((e) => e.kv.modRevision)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);

    const again = await openStore({ clock, persistence: storage, snapshotCount: 7 });
    expect(again.store.compactRevision()).toBe(8);
    expect(again.store.currentRevision()).toBe(12);
    expect(() => again.store.range('/c/k', { revision: 7 })).toThrow(CompactedError);
    expect(again.store.range('/c/k', { revision: 9 }).kvs[0]!.value).toBe('8');
  });

  it('forgets deleted keys entirely once compacted past their deletion', async () => {
    const { store } = await openStore({ clock: new VirtualClock() });
    await store.put('/d/a', '1');
    await store.delete('/d/a');
    await store.put('/d/b', '1');
    await store.compact(store.currentRevision());
    expect(store.kv.index.size).toBe(1);
    expect(store.range('/d/', { prefix: true }).count).toBe(1);
  });
});
