// Mirrors etcd server/storage/mvcc/index.go (treeIndex): an ordered index from key to KeyIndex.
// A two-level B+-tree replaces the B-tree: sorted leaves of at most leafMax keys, found by binary
// search over each leaf's first key, so an insert moves at most one leaf's keys, not all of them.
import { KeyIndex } from './key-index.js';
import { ALL_KEYS } from './key-range.js';

/** leafMax bounds a leaf; a full leaf splits in two halves. */
const leafMax = 512;

export class TreeIndex {
  /** leaves hold the keys in order; every leaf is non-empty. */
  private leaves: string[][] = [];
  /** firsts[i] is leaves[i][0], the separator searched first. */
  private firsts: string[] = [];
  private byKey = new Map<string, KeyIndex>();

  get size(): number {
    return this.byKey.size;
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
    this.insert(key);
    return ki;
  }

  /** visit calls fn for each KeyIndex in [key, end) in key order; fn returns false to stop. */
  visit(key: string, end: string | undefined, fn: (ki: KeyIndex) => boolean | void): void {
    if (end === undefined) {
      const ki = this.byKey.get(key);
      if (ki) fn(ki);
      return;
    }
    const all = end === ALL_KEYS;
    const leaves = this.leaves;
    let li = this.leafFor(key);
    if (li < 0) li = 0;
    for (let j = li < leaves.length ? lowerBound(leaves[li]!, key) : 0; li < leaves.length; li++, j = 0) {
      const leaf = leaves[li]!;
      for (; j < leaf.length; j++) {
        const k = leaf[j]!;
        if (!all && k >= end) return;
        if (fn(this.byKey.get(k)!) === false) return;
      }
    }
  }

  /** compact compacts every key at atRev and drops keys left empty, rebuilding the leaves once. */
  compact(atRev: number): void {
    const kept: string[] = [];
    for (const leaf of this.leaves) {
      for (const k of leaf) {
        if (this.byKey.get(k)!.compact(atRev)) this.byKey.delete(k);
        else kept.push(k);
      }
    }
    this.leaves = [];
    this.firsts = [];
    for (let i = 0; i < kept.length; i += leafMax / 2) {
      const leaf = kept.slice(i, i + leafMax / 2);
      this.leaves.push(leaf);
      this.firsts.push(leaf[0]!);
    }
  }

  /** insert puts a new key into its leaf, splitting the leaf when it overflows. */
  private insert(key: string): void {
    const leaves = this.leaves;
    if (leaves.length === 0) {
      leaves.push([key]);
      this.firsts.push(key);
      return;
    }
    // A key below every key goes to the front of the first leaf.
    const li = Math.max(0, this.leafFor(key));
    const leaf = leaves[li]!;
    const n = leaf.length;
    // Appending in ascending order is the common case (generated names, sequential tests).
    if (leaf[n - 1]! < key) leaf.push(key);
    else leaf.splice(lowerBound(leaf, key), 0, key);
    this.firsts[li] = leaf[0]!;
    if (leaf.length > leafMax) {
      const right = leaf.splice(leafMax / 2);
      leaves.splice(li + 1, 0, right);
      this.firsts.splice(li + 1, 0, right[0]!);
    }
  }

  /** leafFor returns the last leaf whose first key is <= key, or -1 when key precedes them all. */
  private leafFor(key: string): number {
    const firsts = this.firsts;
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (firsts[mid]! <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

/** lowerBound returns the position of the first key >= key in a sorted array. */
function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
