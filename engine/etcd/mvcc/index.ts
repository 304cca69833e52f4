// Mirrors etcd server/storage/mvcc/index.go (treeIndex): an ordered index from key to KeyIndex.
// A sorted array with binary search replaces the B-tree; inserting a new key costs one memmove.
import { KeyIndex } from './key-index.js';
import { ALL_KEYS } from './key-range.js';

export class TreeIndex {
  private keys: string[] = [];
  private byKey = new Map<string, KeyIndex>();

  get size(): number {
    return this.keys.length;
  }

  get(key: string): KeyIndex | undefined {
    return this.byKey.get(key);
  }

  /** ensure returns the KeyIndex for key, inserting an empty one in order when missing. */
  ensure(key: string): KeyIndex {
    let ki = this.byKey.get(key);
    if (ki) return ki;
    ki = new KeyIndex(key);
    this.byKey.set(key, ki);
    const keys = this.keys;
    const n = keys.length;
    // Appending in ascending order is the common case (generated names, sequential tests).
    if (n === 0 || keys[n - 1]! < key) keys.push(key);
    else keys.splice(this.lowerBound(key), 0, key);
    return ki;
  }

  /** visit calls fn for each KeyIndex in [key, end) in key order; fn returns false to stop. */
  visit(key: string, end: string | undefined, fn: (ki: KeyIndex) => boolean | void): void {
    if (end === undefined) {
      const ki = this.byKey.get(key);
      if (ki) fn(ki);
      return;
    }
    const keys = this.keys;
    const all = end === ALL_KEYS;
    for (let i = this.lowerBound(key); i < keys.length; i++) {
      const k = keys[i]!;
      if (!all && k >= end) break;
      if (fn(this.byKey.get(k)!) === false) break;
    }
  }

  /** compact compacts every key at atRev and drops keys left empty, rebuilding the order once. */
  compact(atRev: number): void {
    const kept: string[] = [];
    for (const k of this.keys) {
      if (this.byKey.get(k)!.compact(atRev)) this.byKey.delete(k);
      else kept.push(k);
    }
    this.keys = kept;
  }

  /** lowerBound returns the position of the first key >= key. */
  private lowerBound(key: string): number {
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
