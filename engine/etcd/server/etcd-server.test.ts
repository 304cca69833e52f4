import { describe, it, expect } from 'vitest';
import { VirtualClock, flushMicrotasks } from '../../util/clock.js';
import { CompactedError } from '../types.js';
import type { WatchEvent } from '../types.js';
import { MemoryLogStorage } from '../wal/memory-storage.js';
import { EtcdServer } from './etcd-server.js';

async function open(storage = new MemoryLogStorage(), clock = new VirtualClock(), snapshotCount = 10_000) {
  const { server, recovery } = await EtcdServer.open({ clock, storage, snapshotCount });
  return { server, recovery, storage, clock };
}

describe('EtcdServer', () => {
  it('group-commits writes issued in one turn into one append', async () => {
    const { server, storage } = await open();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => server.put(`/k/${i}`, 'v')));
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(storage.appends).toBe(1);
    await server.put('/one', 'more');
    expect(storage.appends).toBe(2);
  });

  it('makes writes visible only after the log append resolves', async () => {
    const storage = new MemoryLogStorage();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const append = storage.append.bind(storage);
    const { server } = await open(storage);
    storage.append = async (b) => {
      await gate;
      return append(b);
    };
    const seen: WatchEvent[] = [];
    server.watch('k', {}, (b) => seen.push(...b.events));
    const p = server.put('k', 'v');
    await flushMicrotasks();
    expect(server.range('k').count).toBe(0);
    expect(seen).toEqual([]);
    release();
    await p;
    await flushMicrotasks();
    expect(server.range('k').count).toBe(1);
    expect(seen.length).toBe(1);
  });

  it('supports optimistic concurrency with txn compares', async () => {
    const { server } = await open();
    const create = (value: string) =>
      server.txn({ compare: [{ key: '/registry/pods/default/a', target: 'create', result: '=', value: 0 }], success: [{ type: 'put', key: '/registry/pods/default/a', value }], failure: [{ type: 'range', key: '/registry/pods/default/a' }] });
    const first = await create('{"v":1}');
    expect(first.succeeded).toBe(true);
    const second = await create('{"v":2}');
    expect(second.succeeded).toBe(false);
    const existing = second.responses[0]!;
    expect(existing.type === 'range' && existing.result.kvs[0]!.value).toBe('{"v":1}');
    const update = (mod: number) =>
      server.txn({ compare: [{ key: '/registry/pods/default/a', target: 'mod', result: '=', value: mod }], success: [{ type: 'put', key: '/registry/pods/default/a', value: `{"mod":${mod}}` }], failure: [] });
    expect((await update(first.revision)).succeeded).toBe(true);
    expect((await update(first.revision)).succeeded).toBe(false);
    expect(server.currentRevision()).toBe(3);
  });

  it('compares values and versions, and rejects duplicate keys', async () => {
    const { server } = await open();
    await server.put('a', 'x');
    const r = await server.txn({ compare: [{ key: 'a', target: 'value', result: '=', value: 'x' }, { key: 'a', target: 'version', result: '>', value: 0 }], success: [{ type: 'delete', key: 'a', options: { prevKv: true } }], failure: [] });
    expect(r.succeeded).toBe(true);
    const del = r.responses[0]!;
    expect(del.type === 'delete' && del.result.prevKvs.map((kv) => kv.value)).toEqual(['x']);
    await expect(server.txn({ compare: [], success: [{ type: 'put', key: 'b', value: '1' }, { type: 'put', key: 'b', value: '2' }], failure: [] })).rejects.toThrow('duplicate key');
  });

  it('expires leases on the clock and deletes attached keys in one revision', async () => {
    const { server, clock } = await open();
    const lease = await server.leaseGrant(10);
    await server.put('/l/a', '1', { lease: lease.id });
    await server.put('/l/b', '1', { lease: lease.id });
    await server.put('/l/c', 'kept');
    const events: WatchEvent[] = [];
    server.watch('/l/', { prefix: true }, (b) => events.push(...b.events));
    await clock.advance(5000);
    await server.leaseKeepAlive(lease.id);
    await clock.advance(9000);
    expect(server.range('/l/', { prefix: true }).count).toBe(3);
    await clock.advance(1000);
    await server.sync();
    await flushMicrotasks();
    expect(server.range('/l/', { prefix: true }).kvs.map((kv) => kv.key)).toEqual(['/l/c']);
    expect(events.map((e) => [e.type, e.kv.key, e.kv.modRevision])).toEqual([
      ['DELETE', '/l/a', 5],
      ['DELETE', '/l/b', 5],
    ]);
    await expect(server.put('x', 'y', { lease: lease.id })).rejects.toThrow('requested lease not found');
  });

  it('recovers every acknowledged write, and truncates a torn tail', async () => {
    const { server, storage } = await open();
    await Promise.all(Array.from({ length: 20 }, (_, i) => server.put(`/k/${i}`, `${i}`)));
    await server.delete('/k/3');
    await server.compact(5);
    const log = storage.log;
    storage.setLog(new Uint8Array([...log, 9, 0, 0, 0, 1, 2]));
    const again = await open(storage);
    expect(again.recovery.truncatedBytes).toBe(6);
    expect(again.recovery.problems[0]).toMatch(/torn/);
    expect(again.server.range('/k/', { prefix: true }).count).toBe(19);
    expect(again.server.currentRevision()).toBe(server.currentRevision());
    expect(again.server.compactRevision()).toBe(5);
    expect(storage.log.length).toBe(log.length);
    await again.server.put('/k/new', 'x');
    const third = await open(storage);
    expect(third.recovery.problems).toEqual([]);
    expect(third.server.range('/k/new').count).toBe(1);
  });

  it('snapshots every N records and recovers from snapshot plus log', async () => {
    const { server, storage } = await open(undefined, undefined, 10);
    for (let i = 0; i < 25; i++) await server.put(`/s/${i % 7}`, `${i}`);
    expect(storage.snapshots).toBe(2);
    const again = await open(storage, undefined, 10);
    expect(again.recovery.snapshotIndex).toBe(20);
    expect(again.recovery.recordsReplayed).toBe(5);
    expect(again.server.range('/s/', { prefix: true })).toEqual(server.range('/s/', { prefix: true }));
    // History survives: a watch from revision 2 replays all 25 puts.
    const revs: number[] = [];
    again.server.watch('/s/', { prefix: true, startRevision: 2 }, (b) => revs.push(...b.events.map((e) => e.kv.modRevision)));
    await flushMicrotasks();
    expect(revs).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
  });

  it('rejects compaction at or below the compacted revision', async () => {
    const { server } = await open();
    await server.put('a', '1');
    await server.put('a', '2');
    await server.compact(3);
    await expect(server.compact(2)).rejects.toBeInstanceOf(CompactedError);
    expect(() => server.range('a', { revision: 2 })).toThrow(CompactedError);
  });

  it('reports an unreadable snapshot instead of crashing', async () => {
    const { server, storage } = await open(undefined, undefined, 3);
    for (let i = 0; i < 4; i++) await server.put(`/k/${i}`, 'v');
    storage.snapshot![20] ^= 0xff;
    const again = await open(storage, undefined, 3);
    expect(again.recovery.problems[0]).toMatch(/snapshot skipped: snapshot corrupt: crc mismatch/);
    expect(again.server.range('/k/3').count).toBe(1);
  });
});
