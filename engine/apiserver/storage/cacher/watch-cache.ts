// Mirrors k8s.io/apiserver/pkg/storage/cacher/watch_cache.go: the current objects of one resource,
// kept sorted by key for paged lists, plus a bounded buffer of recent events for watches that start
// at a resourceVersion. Watchers are indexed by the resource's trigger field (pods: spec.nodeName),
// so an event reaches only the watchers whose exact-match selector could want it, as the cacher's
// valueWatchers do. Simplified: one buffer size, no dynamic resizing, no list indexers.
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
  /** requiresExactMatch is the listener's field selector's demand on a field, if any. */
  requiresExactMatch?(field: string): string | undefined;
}

/**
 * IndexedTrigger is storage.IndexerFunc with its field: the value of one field of an object. A
 * watcher whose selector requires an exact value of that field only hears about objects that have
 * (or had) that value.
 */
export interface IndexedTrigger {
  indexName: string;
  indexerFunc: (obj: KubeObject) => string;
}

/**
 * CacheListeners holds a watch cache's watchers: those without a trigger value see every event
 * (allWatchers), the others sit in a bucket per value (valueWatchers). An event goes to the
 * buckets of its object's and its previous object's values, so a pod bound to a node (spec.nodeName
 * "" → "node-7") reaches node-7's kubelet and the watchers of unassigned pods, not every kubelet.
 */
export class CacheListeners {
  private readonly all = new Set<CacheListener>();
  private readonly byValue = new Map<string, Set<CacheListener>>();
  private readonly valueOf = new Map<CacheListener, string>();

  constructor(readonly trigger?: IndexedTrigger) {}

  get size(): number {
    return this.all.size + this.valueOf.size;
  }

  add(l: CacheListener): void {
    const value = this.trigger ? l.requiresExactMatch?.(this.trigger.indexName) : undefined;
    if (value === undefined) return void this.all.add(l);
    this.valueOf.set(l, value);
    let bucket = this.byValue.get(value);
    if (!bucket) this.byValue.set(value, (bucket = new Set()));
    bucket.add(l);
  }

  delete(l: CacheListener): boolean {
    if (this.all.delete(l)) return true;
    const value = this.valueOf.get(l);
    if (value === undefined) return false;
    this.valueOf.delete(l);
    const bucket = this.byValue.get(value)!;
    bucket.delete(l);
    if (bucket.size === 0) this.byValue.delete(value);
    return true;
  }

  /** dispatch delivers an event to every listener that may want it. */
  dispatch(ev: CacheEvent): void {
    for (const l of this.all) if (ev.key.startsWith(l.keyPrefix)) l.onEvent(ev);
    if (!this.trigger || this.byValue.size === 0) return;
    const value = this.trigger.indexerFunc(ev.object);
    this.deliver(value, ev);
    if (ev.prevObject) {
      const prev = this.trigger.indexerFunc(ev.prevObject);
      if (prev !== value) this.deliver(prev, ev);
    }
  }

  private deliver(value: string, ev: CacheEvent): void {
    const bucket = this.byValue.get(value);
    if (bucket) for (const l of bucket) if (ev.key.startsWith(l.keyPrefix)) l.onEvent(ev);
  }
}

export const defaultEventCapacity = 10_000;

export class WatchCache {
  readonly entries = new Map<string, CacheEntry>();
  /** sorted holds the keys in order, except those still in added (and with those in removed). */
  private sorted: string[] = [];
  private added: string[] = [];
  private removed = new Set<string>();
  private events: CacheEvent[] = [];
  private head = 0;
  /** oldestRV: every event with rv > oldestRV is still in the buffer. */
  oldestRV: number;
  readonly listeners: CacheListeners;

  constructor(readonly prefix: string, startRV: number, private readonly capacity = defaultEventCapacity, trigger?: IndexedTrigger) {
    this.oldestRV = startRV;
    this.listeners = new CacheListeners(trigger);
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
    this.listeners.dispatch(ev);
  }

  /** list returns the live entries under keyPrefix, in key order, starting at or after `from`. */
  list(keyPrefix: string, from = keyPrefix): CacheEntry[] {
    this.settleKeys();
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

  /**
   * insertKey files a new key. Keys that sort after the last one are appended; others (generated
   * names, events) wait in added until the next list sorts them in, so a write never shifts an array
   * of every key of the resource.
   */
  private insertKey(key: string): void {
    if (this.removed.delete(key)) return;
    const n = this.sorted.length;
    if (this.added.length === 0 && (n === 0 || this.sorted[n - 1]! < key)) this.sorted.push(key);
    else this.added.push(key);
  }

  private removeKey(key: string): void {
    this.removed.add(key);
  }

  /** settleKeys merges the pending additions and removals into sorted. */
  private settleKeys(): void {
    if (this.added.length === 0 && this.removed.size === 0) return;
    const live = (k: string) => this.entries.has(k);
    const added = this.added.filter(live).sort();
    const out: string[] = [];
    let j = 0;
    for (const k of this.sorted) {
      if (!live(k)) continue;
      while (j < added.length && added[j]! < k) out.push(added[j++]!);
      out.push(k);
    }
    while (j < added.length) out.push(added[j++]!);
    this.sorted = out;
    this.added = [];
    this.removed.clear();
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
