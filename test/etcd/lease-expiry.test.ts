import { describe, it, expect } from 'vitest';
import { VirtualClock, flushMicrotasks } from '../../engine/util/clock.js';
import { openStore } from '../../engine/etcd/embed.js';
import type { WatchEvent } from '../../engine/etcd/types.js';
import { MemoryLogStorage } from '../../engine/etcd/wal/memory-storage.js';

describe('lease expiry with a virtual clock', () => {
  it('deletes attached keys in one revision when the TTL runs out, durably', async () => {
    const clock = new VirtualClock();
    const storage = new MemoryLogStorage();
    const { store } = await openStore({ clock, persistence: storage });
    const events: WatchEvent[] = [];
    store.watch('/registry/events/', { prefix: true }, (b) => events.push(...b.events));
    const short = await store.leaseGrant(30);
    const long = await store.leaseGrant(3600);
    for (let i = 0; i < 5; i++) await store.put(`/registry/events/default/e${i}`, '{}', { lease: short.id });
    await store.put('/registry/events/default/long', '{}', { lease: long.id });
    // Re-putting a key under another lease moves it off the short lease.
    await store.put('/registry/events/default/e4', '{"moved":true}', { lease: long.id });
    const before = store.currentRevision();

    await clock.advance(29_000);
    expect(store.range('/registry/events/', { prefix: true }).count).toBe(6);
    await clock.advance(1_000);
    await store.sync();
    await flushMicrotasks();

    expect(store.range('/registry/events/', { prefix: true }).kvs.map((kv) => kv.key)).toEqual(['/registry/events/default/e4', '/registry/events/default/long']);
    const deletes = events.filter((e) => e.type === 'DELETE');
    expect(deletes.map((e) => e.kv.key)).toEqual(['/registry/events/default/e0', '/registry/events/default/e1', '/registry/events/default/e2', '/registry/events/default/e3']);
    expect(new Set(deletes.map((e) => e.kv.modRevision))).toEqual(new Set([before + 1]));
    expect(store.leaseTimeToLive(short.id).ttl).toBe(-1);

    // The revoke was logged: a restart does not bring the keys back.
    const again = await openStore({ clock, persistence: storage });
    expect(again.store.range('/registry/events/', { prefix: true }).count).toBe(2);
    expect(again.store.leaseTimeToLive(long.id).grantedTTL).toBe(3600);
  });

  it('keeps a lease alive while keepalives arrive', async () => {
    const clock = new VirtualClock();
    const { store } = await openStore({ clock });
    const lease = await store.leaseGrant(10);
    await store.put('/l', 'v', { lease: lease.id });
    for (let i = 0; i < 10; i++) {
      await clock.advance(8_000);
      await store.leaseKeepAlive(lease.id);
    }
    expect(store.range('/l').count).toBe(1);
    await clock.advance(10_000);
    await store.sync();
    expect(store.range('/l').count).toBe(0);
    await expect(store.leaseKeepAlive(lease.id)).rejects.toThrow('requested lease not found');
  });
});
