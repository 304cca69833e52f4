// IndexedDBLogStorage against an in-memory IndexedDB: the LogStorage contract and a store that
// reopens from it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { databaseName, IndexedDBLogStorage } from '../../src/lab/runtime/indexeddb-log-storage.js';
import { openStore } from '../../engine/etcd/embed.js';
import { VirtualClock } from '../../engine/util/clock.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
let n = 0;
const fresh = () => `test-${++n}`;

describe('IndexedDBLogStorage', () => {
  it('starts empty', async () => {
    const s = await IndexedDBLogStorage.open(fresh());
    const loaded = await s.load();
    expect(loaded.snapshot).toBeUndefined();
    expect(loaded.log.length).toBe(0);
    await s.close();
  });

  it.each([
    { name: 'appends in order', ops: [['a', 'abc'], ['a', 'def']], log: 'abcdef', snapshot: undefined },
    { name: 'truncate cuts a torn tail', ops: [['a', 'abc'], ['a', 'de'], ['t', 4], ['a', 'X']], log: 'abcdX', snapshot: undefined },
    { name: 'a snapshot starts an empty segment', ops: [['a', 'abc'], ['s', 'SNAP'], ['a', 'z']], log: 'z', snapshot: 'SNAP' },
  ] as const)('$name, and a reopen sees the same', async ({ ops, log, snapshot }) => {
    const name = fresh();
    const s = await IndexedDBLogStorage.open(name);
    await s.load();
    for (const [op, arg] of ops) {
      if (op === 'a') await s.append(bytes(arg as string));
      else if (op === 't') await s.truncate(arg as number);
      else await s.writeSnapshot(bytes(arg as string), 7);
    }
    await s.close();
    const again = await IndexedDBLogStorage.open(name);
    const loaded = await again.load();
    expect(text(loaded.log)).toBe(log);
    expect(loaded.snapshot && text(loaded.snapshot)).toBe(snapshot);
    // Appends after a reopen go after what was loaded.
    await again.append(bytes('!'));
    expect(text((await again.load()).log)).toBe(log + '!');
    await again.close();
  });

  it('destroy deletes the lab database', async () => {
    const name = databaseName('demo');
    const s = await IndexedDBLogStorage.open(name);
    await s.append(bytes('abc'));
    await s.close();
    await IndexedDBLogStorage.destroy(name);
    const again = await IndexedDBLogStorage.open(name);
    expect((await again.load()).log.length).toBe(0);
    await again.close();
  });

  it('keeps the etcd-like store across a restart', async () => {
    const name = fresh();
    const clock = new VirtualClock();
    const first = await openStore({ clock, persistence: await IndexedDBLogStorage.open(name) });
    await first.store.put('/registry/namespaces/demo', '{"kind":"Namespace"}');
    await first.store.close();
    const second = await openStore({ clock, persistence: await IndexedDBLogStorage.open(name) });
    expect(second.recovery.recordsReplayed).toBeGreaterThan(0);
    const got = second.store.range('/registry/namespaces/demo');
    expect(got.kvs.map((kv) => kv.key)).toEqual(['/registry/namespaces/demo']);
    await second.store.close();
  });
});
