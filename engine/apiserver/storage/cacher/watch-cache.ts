// Mirrors k8s.io/apiserver/pkg/storage/cacher/watch_cache.go: the current objects of one resource,
// kept sorted by key for paged lists, plus a bounded buffer of recent events for watches that start
// at a resourceVersion. Simplified: one buffer size, no dynamic resizing, no indexers.
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** CacheEntry is one live object; json is its encoded form, computed once and reused by lists. */
export interface CacheEntry {
  key: string;
  object: KubeObject;
  rv: number;
  json?: string;
}

/** CacheEvent is one change; prevObject is what the key held before (for selector transitions). */
export interface CacheEvent {
  type: CacheEventType;
  key: string;
  object: KubeObject;
  prevObject?: KubeObject;
  rv: number;
}

/** CacheListener receives events of one watch cache (see cache-watcher.ts). */
export interface CacheListener {
  keyPrefix: string;
  onEvent(ev: CacheEvent): void;
}

export const defaultEventCapacity = 10_000;

export class WatchCache {
  readonly entries = new Map<string, CacheEntry>();
  private sorted: string[] = [];
  private events: CacheEvent[] = [];
  private head = 0;
  /** oldestRV: every event with rv > oldestRV is still in the buffer. */
  oldestRV: number;
  readonly listeners = new Set<CacheListener>();

  constructor(readonly prefix: string, startRV: number, private readonly capacity = defaultEventCapacity) {
    this.oldestRV = startRV;
  }

  /** add loads an object at startup, without an event. */
  add(key: string, object: KubeObject, rv: number): void {
    if (!this.entries.has(key)) this.insertKey(key);
    this.entries.set(key, { key, object, rv });
  }

  /** apply records a change, updates the live set and tells the listeners. */
  apply(key: string, object: KubeObject | undefined, rv: number): void {
    const prev = this.entries.get(key);
    let ev: CacheEvent;
    if (object) {
      if (!prev) this.insertKey(key);
      this.entries.set(key, { key, object, rv });
      ev = { type: prev ? 'MODIFIED' : 'ADDED', key, object, prevObject: prev?.object, rv };
    } else {
      if (!prev) return;
      this.entries.delete(key);
      this.removeKey(key);
      // A DELETED event carries the last state stamped with the deletion's revision.
      const gone = { ...prev.object, metadata: { ...prev.object.metadata, resourceVersion: String(rv) } };
      ev = { type: 'DELETED', key, object: gone, prevObject: prev.object, rv };
    }
    this.record(ev);
    for (const l of this.listeners) if (key.startsWith(l.keyPrefix)) l.onEvent(ev);
  }

  /** list returns the live entries under keyPrefix, in key order, starting at or after `from`. */
  list(keyPrefix: string, from = keyPrefix): CacheEntry[] {
    const out: CacheEntry[] = [];
    for (let i = lowerBound(this.sorted, from < keyPrefix ? keyPrefix : from); i < this.sorted.length; i++) {
      const k = this.sorted[i]!;
      if (!k.startsWith(keyPrefix)) break;
      out.push(this.entries.get(k)!);
    }
    return out;
  }

  /** eventsSince returns buffered events after rv, or undefined when some were already dropped. */
  eventsSince(rv: number, keyPrefix: string): CacheEvent[] | undefined {
    if (rv < this.oldestRV) return undefined;
    const out: CacheEvent[] = [];
    for (let i = this.head; i < this.events.length; i++) {
      const ev = this.events[i]!;
      if (ev.rv > rv && ev.key.startsWith(keyPrefix)) out.push(ev);
    }
    return out;
  }

  private record(ev: CacheEvent): void {
    this.events.push(ev);
    if (this.events.length - this.head > this.capacity) {
      this.oldestRV = this.events[this.head]!.rv;
      this.head++;
      // Compact the array now and then instead of shifting on every event.
      if (this.head > this.capacity) {
        this.events = this.events.slice(this.head);
        this.head = 0;
      }
    }
  }

  private insertKey(key: string): void {
    const n = this.sorted.length;
    if (n === 0 || this.sorted[n - 1]! < key) this.sorted.push(key);
    else this.sorted.splice(lowerBound(this.sorted, key), 0, key);
  }

  private removeKey(key: string): void {
    const i = lowerBound(this.sorted, key);
    if (this.sorted[i] === key) this.sorted.splice(i, 1);
  }
}

function lowerBound(arr: string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
