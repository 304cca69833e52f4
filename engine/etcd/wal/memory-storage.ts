// An in-memory LogStorage (tests and the browser until IndexedDB is wired). It keeps the same byte
// layout as the file storage, so tests can tear or corrupt the tail and reopen.
import type { LoadedLog, LogStorage } from './log-storage.js';

export class MemoryLogStorage implements LogStorage {
  private chunks: Uint8Array[] = [];
  snapshot: Uint8Array | undefined;
  snapshotIndex = 0;
  appends = 0;
  snapshots = 0;

  /** log returns the current segment as one buffer. */
  get log(): Uint8Array {
    if (this.chunks.length !== 1) this.chunks = [concat(this.chunks)];
    return this.chunks[0]!;
  }

  /** setLog replaces the current segment (tests use it to tear or corrupt the tail). */
  setLog(bytes: Uint8Array): void {
    this.chunks = [bytes.slice()];
  }

  async load(): Promise<LoadedLog> {
    return { snapshot: this.snapshot?.slice(), log: this.log.slice() };
  }

  async append(bytes: Uint8Array): Promise<void> {
    this.chunks.push(bytes.slice());
    this.appends++;
  }

  async truncate(length: number): Promise<void> {
    this.chunks = [this.log.slice(0, length)];
  }

  async writeSnapshot(bytes: Uint8Array, index: number): Promise<void> {
    this.snapshot = bytes.slice();
    this.snapshotIndex = index;
    this.snapshots++;
    this.chunks = [];
  }

  async close(): Promise<void> {}
}

function concat(chunks: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
