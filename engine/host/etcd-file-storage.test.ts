import { describe, it, expect } from 'vitest';
import { mkdtemp, readdir, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../util/clock.js';
import { openStore } from '../etcd/embed.js';
import { FileLogStorage } from './etcd-file-storage.js';

describe('FileLogStorage', () => {
  it('persists writes, snapshots, and survives a torn tail', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'etcd-file-'));
    try {
      const clock = new VirtualClock();
      const first = await openStore({ clock, persistence: new FileLogStorage(dir), snapshotCount: 8 });
      for (let i = 0; i < 20; i++) await first.store.put(`/f/${i}`, `v${i}`);
      await first.store.close();
      expect((await readdir(join(dir, 'member', 'snap'))).length).toBe(1);
      expect((await readdir(join(dir, 'member', 'wal'))).length).toBe(1);
      const wal = (await readdir(join(dir, 'member', 'wal')))[0]!;
      await appendFile(join(dir, 'member', 'wal', wal), new Uint8Array([50, 0, 0, 0, 1]));
      const second = await openStore({ clock, persistence: new FileLogStorage(dir), snapshotCount: 8 });
      expect(second.recovery.snapshotIndex).toBe(16);
      expect(second.recovery.recordsReplayed).toBe(4);
      expect(second.recovery.truncatedBytes).toBe(5);
      expect(second.store.range('/f/', { prefix: true }).count).toBe(20);
      await second.store.put('/f/after', 'x');
      await second.store.close();
      const third = await openStore({ clock, persistence: new FileLogStorage(dir) });
      expect(third.recovery.problems).toEqual([]);
      expect(third.store.range('/f/after').kvs[0]!.value).toBe('x');
      await third.store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
