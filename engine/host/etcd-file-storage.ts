// Mirrors etcd server/storage/wal/wal.go and api/snap/snapshotter.go on disk: <dir>/member/wal/
// holds numbered log segments, <dir>/member/snap/ the newest snapshot. Appends are fsync'd;
// a snapshot is written to a temporary file, fsync'd and renamed before a new segment starts.
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedLog, LogStorage } from '../etcd/wal/log-storage.js';

const hex16 = (n: number) => n.toString(16).padStart(16, '0');

/** FileLogStorage keeps the store's log and snapshots under a data directory (--data-dir). */
export class FileLogStorage implements LogStorage {
  private readonly walDir: string;
  private readonly snapDir: string;
  private handle: FileHandle | undefined;
  private seq = 0;
  /** size is the current segment's length, tracked to avoid a stat per append. */
  private size = 0;

  constructor(readonly dataDir: string) {
    this.walDir = join(dataDir, 'member', 'wal');
    this.snapDir = join(dataDir, 'member', 'snap');
  }

  async load(): Promise<LoadedLog> {
    await mkdir(this.walDir, { recursive: true });
    await mkdir(this.snapDir, { recursive: true });
    const snaps = (await readdir(this.snapDir)).filter((f) => f.endsWith('.snap')).sort();
    const snapshot = snaps.length > 0 ? new Uint8Array(await readFile(join(this.snapDir, snaps[snaps.length - 1]!))) : undefined;
    const wals = (await readdir(this.walDir)).filter((f) => f.endsWith('.wal')).sort();
    let log = new Uint8Array(0);
    if (wals.length === 0) {
      await this.openSegment(0, 0);
    } else {
      const last = wals[wals.length - 1]!;
      this.seq = parseInt(last.slice(0, 16), 16);
      log = new Uint8Array(await readFile(join(this.walDir, last)));
      this.size = log.length;
      this.handle = await open(join(this.walDir, last), 'r+');
    }
    return { snapshot, log };
  }

  async append(bytes: Uint8Array): Promise<void> {
    const h = this.current();
    await h.write(bytes, 0, bytes.length, this.size);
    await h.datasync();
    this.size += bytes.length;
  }

  async truncate(length: number): Promise<void> {
    const h = this.current();
    await h.truncate(length);
    await h.sync();
    this.size = length;
  }

  async writeSnapshot(bytes: Uint8Array, index: number): Promise<void> {
    const name = `${hex16(index)}.snap`;
    const tmp = join(this.snapDir, `${name}.tmp`);
    const f = await open(tmp, 'w');
    try {
      await f.write(bytes, 0, bytes.length, 0);
      await f.sync();
    } finally {
      await f.close();
    }
    await rename(tmp, join(this.snapDir, name));
    await syncDir(this.snapDir);
    // Only once the snapshot is durable does a new segment start and the old ones go.
    await this.handle?.close();
    await this.openSegment(this.seq + 1, index + 1);
    for (const f of await readdir(this.walDir)) {
      if (f.endsWith('.wal') && parseInt(f.slice(0, 16), 16) < this.seq) await rm(join(this.walDir, f));
    }
    for (const f of await readdir(this.snapDir)) if (f !== name) await rm(join(this.snapDir, f));
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  private async openSegment(seq: number, index: number): Promise<void> {
    this.seq = seq;
    this.size = 0;
    this.handle = await open(join(this.walDir, `${hex16(seq)}-${hex16(index)}.wal`), 'w+');
    await this.handle.sync();
    await syncDir(this.walDir);
  }

  private current(): FileHandle {
    if (!this.handle) throw new Error('wal: storage is not open');
    return this.handle;
  }
}

async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    await d.close();
  }
}
