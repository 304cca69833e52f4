// Mirrors k8s.io/apiserver/pkg/storage/cacher/cacher.go: one watch on the store feeds an in-memory
// watch cache per resource, so lists and watches are served from memory. Simplified: a single
// store-wide watch instead of one per resource (every batch then carries the store revision, which
// is what consistent reads wait for), and no per-watcher buffers.
import type { KV, Watcher } from '../../../etcd/types.js';
import { decode } from '../etcd3/store.js';
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { WatchCache, type IndexedTrigger } from './watch-cache.js';

/**
 * indexedTriggers are the resources' trigger fields, as pkg/registry/core/pod/storage declares
 * TriggerFunc {"spec.nodeName": NodeNameTriggerFunc}: every kubelet watches its own pods, so a pod
 * event is handed to one node's watchers instead of being tested against all of them.
 */
export const indexedTriggers: Readonly<Record<string, IndexedTrigger>> = {
  '/registry/pods': { indexName: 'spec.nodeName', indexerFunc: (obj: KubeObject) => (obj as { spec?: { nodeName?: string } }).spec?.nodeName ?? '' },
};

export class Cacher {
  /** rv is the highest store revision this cache has fully observed. */
  rv = 0;
  private readonly caches = new Map<string, WatchCache>();
  private waiters: { rv: number; resolve: () => void }[] = [];
  private watcher?: Watcher;
  private closed = false;

  /** prefixes are the resources' etcd prefixes ("/registry/pods"). */
  constructor(private readonly kv: KV, prefixes: string[], private readonly eventCapacity?: number) {
    for (const p of prefixes) this.caches.set(p + '/', new WatchCache(p + '/', 0, eventCapacity, indexedTriggers[p]));
  }

  /** start loads the current state and follows every change after it. */
  start(): void {
    const res = this.kv.range('/registry/', { prefix: true });
    for (const c of this.caches.values()) c.oldestRV = res.revision;
    for (const kv of res.kvs) this.cacheForKey(kv.key)?.add(kv.key, decode(kv), kv.modRevision);
    this.rv = res.revision;
    this.follow(res.revision + 1);
  }

  private follow(from: number): void {
    // The whole key space, so that rv keeps up with writes to any key.
    this.watcher = this.kv.watch(
      '\u0000',
      { end: '\uffff', startRevision: from, prevKv: false, progressNotify: true },
      (batch) => {
        for (const ev of batch.events) {
          const cache = this.cacheForKey(ev.kv.key);
          if (!cache) continue;
          cache.apply(ev.kv.key, ev.type === 'PUT' ? decode(ev.kv) : undefined, ev.kv.modRevision);
        }
        const last = batch.events.length ? batch.events[batch.events.length - 1]!.kv.modRevision : 0;
        this.advance(Math.max(batch.revision, last));
      },
      () => {
        // The store dropped us (compaction races); start again from a fresh list.
        if (this.closed) return;
        this.restart();
      },
    );
  }

  private restart(): void {
    this.watcher?.cancel();
    const res = this.kv.range('/registry/', { prefix: true });
    const seen = new Set<string>();
    for (const kv of res.kvs) {
      seen.add(kv.key);
      const cache = this.cacheForKey(kv.key);
      if (cache && cache.entries.get(kv.key)?.rv !== kv.modRevision) cache.apply(kv.key, decode(kv), kv.modRevision);
    }
    for (const cache of this.caches.values())
      for (const key of [...cache.entries.keys()]) if (!seen.has(key)) cache.apply(key, undefined, res.revision);
    this.advance(res.revision);
    this.follow(res.revision + 1);
  }

  private advance(rv: number): void {
    if (rv <= this.rv) return;
    this.rv = rv;
    if (!this.waiters.length) return;
    const ready = this.waiters.filter((w) => w.rv <= rv);
    this.waiters = this.waiters.filter((w) => w.rv > rv);
    for (const w of ready) w.resolve();
  }

  /** cache returns the watch cache of a resource prefix ("/registry/pods"). */
  cache(prefix: string): WatchCache {
    const c = this.caches.get(prefix + '/');
    if (!c) throw new Error(`no watch cache for ${prefix}`);
    return c;
  }

  private cacheForKey(key: string): WatchCache | undefined {
    // Keys are <prefix>/<name> or <prefix>/<namespace>/<name>; try the two candidate prefixes.
    const last = key.lastIndexOf('/');
    const c1 = this.caches.get(key.slice(0, last + 1));
    if (c1) return c1;
    const prev = key.lastIndexOf('/', last - 1);
    return prev > 0 ? this.caches.get(key.slice(0, prev + 1)) : undefined;
  }

  /** waitUntilFresh resolves once the cache has seen revision rv (consistent reads from cache). */
  waitUntilFresh(rv = this.kv.currentRevision()): Promise<void> {
    if (this.rv >= rv || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ rv, resolve }));
  }

  stop(): void {
    this.closed = true;
    this.watcher?.cancel();
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }
}
