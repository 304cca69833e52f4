// Mirrors etcd server/storage/mvcc/key_index.go: the revisions of one key. Instead of generations
// of revision pointers into bbolt, each entry holds the KeyValue itself (null marks a tombstone).
import type { KeyValue } from '../types.js';

export class KeyIndex {
  /** revs holds each entry's mod revision, ascending. */
  readonly revs: number[] = [];
  /** kvs holds the value written at revs[i], or null where the key was deleted. */
  readonly kvs: (KeyValue | null)[] = [];

  constructor(readonly key: string) {}

  /** latest returns the live value at the newest revision, or null when deleted or empty. */
  latest(): KeyValue | null {
    const n = this.kvs.length;
    return n === 0 ? null : this.kvs[n - 1]!;
  }

  /** at returns the value as of revision rev, or null when the key did not exist then. */
  at(rev: number): KeyValue | null {
    const revs = this.revs;
    // Binary search for the last entry with revision <= rev.
    let lo = 0;
    let hi = revs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (revs[mid]! <= rev) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? null : this.kvs[lo - 1]!;
  }

  push(rev: number, kv: KeyValue | null): void {
    this.revs.push(rev);
    this.kvs.push(kv);
  }

  /**
   * compact drops every entry older than atRev except the newest live one below it, which a read
   * at atRev still needs. It returns true when nothing is left and the key can leave the index.
   */
  compact(atRev: number): boolean {
    let i = 0;
    while (i < this.revs.length && this.revs[i]! < atRev) i++;
    if (i > 0) {
      const keepFrom = this.kvs[i - 1] ? i - 1 : i;
      this.revs.splice(0, keepFrom);
      this.kvs.splice(0, keepFrom);
    }
    return this.revs.length === 0;
  }
}
