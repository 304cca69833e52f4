// Mirrors etcd server/storage/mvcc/kvstore.go, kvstore_txn.go and kvstore_compaction.go: the
// multi-version store. History lives in memory (per-key entries plus one change log in revision
// order for watchers) instead of bbolt; durability is the write-ahead log's job.
import { CompactedError, FutureRevisionError } from '../types.js';
import type { KeyValue, RangeOptions, RangeResult, WatchEvent } from '../types.js';
import { TreeIndex } from './index.js';
import { resolveEnd } from './key-range.js';

export class MvccStore {
  readonly index = new TreeIndex();
  /** revision is the current store revision; like etcd an empty store is at 1. */
  revision = 1;
  compactRevision = 0;
  /** changes holds every event with revision >= compactRevision, in revision order. */
  changes: WatchEvent[] = [];
  /** liveKeys counts keys whose newest entry is not a tombstone. */
  liveKeys = 0;
  /** sizeBytes approximates the bytes of retained history (keys and values). */
  sizeBytes = 0;

  /** range reads [key, end) at options.revision (0 = current), as etcd's Range does. */
  range(key: string, options: RangeOptions = {}): RangeResult {
    const rev = options.revision && options.revision > 0 ? options.revision : this.revision;
    if (rev > this.revision) throw new FutureRevisionError(rev, this.revision);
    if (rev < this.compactRevision) throw new CompactedError(rev, this.compactRevision);
    const end = resolveEnd(key, options);
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const current = rev === this.revision;
    const kvs: KeyValue[] = [];
    let count = 0;
    this.index.visit(key, end, (ki) => {
      const kv = current ? ki.latest() : ki.at(rev);
      if (!kv) return;
      count++;
      if (options.countOnly || kvs.length >= limit) return;
      kvs.push(options.keysOnly ? { ...kv, value: '' } : kv);
    });
    return { kvs, count, more: count > kvs.length && !options.countOnly, revision: this.revision };
  }

  /** write starts a write at the next revision; all its changes share that revision. */
  write(): TxnWrite {
    return new TxnWrite(this);
  }

  /** compact forgets history below rev; reads and watches below it fail with CompactedError. */
  compact(rev: number): void {
    if (rev <= this.compactRevision) throw new CompactedError(rev, this.compactRevision);
    if (rev > this.revision) throw new FutureRevisionError(rev, this.revision);
    this.compactRevision = rev;
    this.index.compact(rev);
    const first = firstChangeAtOrAfter(this.changes, rev);
    for (let i = 0; i < first; i++) {
      const ev = this.changes[i]!;
      this.sizeBytes -= ev.kv.key.length + ev.kv.value.length;
    }
    this.changes = this.changes.slice(first);
  }

  /** changesSince returns the retained events with revision >= rev (rev >= compactRevision). */
  changesSince(rev: number): WatchEvent[] {
    return this.changes.slice(firstChangeAtOrAfter(this.changes, rev));
  }
}

/** TxnWrite is one write transaction: every change it makes carries revision store.revision + 1. */
export class TxnWrite {
  readonly rev: number;
  readonly events: WatchEvent[] = [];

  constructor(private readonly store: MvccStore) {
    this.rev = store.revision + 1;
  }

  put(key: string, value: string, lease: number): KeyValue | undefined {
    const s = this.store;
    const ki = s.index.ensure(key);
    const prev = ki.latest() ?? undefined;
    const kv: KeyValue = Object.freeze({
      key,
      value,
      createRevision: prev ? prev.createRevision : this.rev,
      modRevision: this.rev,
      version: prev ? prev.version + 1 : 1,
      lease,
    });
    ki.push(this.rev, kv);
    if (!prev) s.liveKeys++;
    s.sizeBytes += key.length + value.length;
    this.events.push(prev ? { type: 'PUT', kv, prevKv: prev } : { type: 'PUT', kv });
    return prev;
  }

  /** deleteRange tombstones every live key in [key, end) and returns their last values. */
  deleteRange(key: string, end: string | undefined): KeyValue[] {
    const s = this.store;
    const prevKvs: KeyValue[] = [];
    s.index.visit(key, end, (ki) => {
      const prev = ki.latest();
      if (!prev) return;
      prevKvs.push(prev);
      ki.push(this.rev, null);
      s.liveKeys--;
      s.sizeBytes += ki.key.length;
      const kv: KeyValue = Object.freeze({ key: ki.key, value: '', createRevision: 0, modRevision: this.rev, version: 0, lease: 0 });
      this.events.push({ type: 'DELETE', kv, prevKv: prev });
    });
    return prevKvs;
  }

  /** end commits the write: the revision moves only when something changed, as in etcd. */
  end(): WatchEvent[] {
    if (this.events.length > 0) {
      this.store.revision = this.rev;
      for (const ev of this.events) this.store.changes.push(ev);
    }
    return this.events;
  }
}

function firstChangeAtOrAfter(changes: WatchEvent[], rev: number): number {
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (changes[mid]!.kv.modRevision < rev) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
