// Mirrors Store.Watch / Cacher.Watch (k8s.io/apiserver/pkg/storage/cacher/cacher.go): resourceVersion
// unset or "0" starts with synthetic ADDED events for the current state; a specific version replays
// buffered events after it; one older than the buffer is served by a store watch; below the
// compacted revision the watch ends at once with an ERROR event (410 Expired).
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { newResourceExpired, statusOf } from '../../../../apimachinery/api/errors/errors.js';
import { CompactedError } from '../../../../etcd/types.js';
import type { SelectionPredicate } from '../../../storage/selection-predicate.js';
import { CacheWatcher, type WatchSink } from '../../../storage/cacher/cache-watcher.js';
import { decode, prefixEnd } from '../../../storage/etcd3/store.js';
import { parseResourceVersion } from './list.js';
import type { Store } from './store.js';

export interface WatchOptions {
  predicate: SelectionPredicate;
  resourceVersion: string;
}

/** ErrorSink receives the Status that ends a watch. */
export type ErrorSink = (status: ReturnType<typeof statusOf>) => void;

export interface WatchHandle {
  stop(): void;
}

export async function watchObjects(store: Store, namespace: string, o: WatchOptions, sink: WatchSink, onError: ErrorSink): Promise<WatchHandle> {
  const prefix = store.listPrefix(namespace);
  const cache = store.cacher.cache(store.def.etcdPrefix);
  const filter = (obj: KubeObject) => o.predicate.matches(obj);
  const rvText = o.resourceVersion;

  if (rvText === '' || rvText === '0') {
    if (rvText === '') await store.cacher.waitUntilFresh();
    // Snapshot and registration happen in one synchronous step: no event can fall between them.
    for (const e of cache.list(prefix)) if (filter(e.object)) sink('ADDED', e.object);
    const w = new CacheWatcher(prefix, filter, sink, o.predicate.field);
    cache.listeners.add(w);
    return { stop: () => cache.listeners.delete(w) };
  }

  const rv = parseResourceVersion(rvText);
  const compacted = store.storage.kv.compactRevision();
  if (rv < compacted) {
    onError(statusOf(newResourceExpired(`too old resource version: ${rv} (${compacted})`)));
    return { stop() {} };
  }
  if (rv >= cache.oldestRV) {
    const w = new CacheWatcher(prefix, filter, (type, obj) => {
      if (Number(obj.metadata.resourceVersion) > rv) sink(type, obj);
    }, o.predicate.field);
    for (const ev of cache.eventsSince(rv, prefix) ?? []) w.onEvent(ev);
    cache.listeners.add(w);
    return { stop: () => cache.listeners.delete(w) };
  }
  return watchFromStorage(store, prefix, rv, filter, sink, onError);
}

/** watchFromStorage follows the store itself from rv+1 (prevKv gives selector transitions). */
function watchFromStorage(
  store: Store,
  prefix: string,
  rv: number,
  filter: (o: KubeObject) => boolean,
  sink: WatchSink,
  onError: ErrorSink,
): WatchHandle {
  const w = new CacheWatcher(prefix, filter, sink);
  const watcher = store.storage.kv.watch(
    prefix,
    { end: prefixEnd(prefix), startRevision: rv + 1, prevKv: true },
    (batch) => {
      for (const ev of batch.events) {
        const prevObject = ev.prevKv ? decode(ev.prevKv) : undefined;
        const rev = ev.kv.modRevision;
        if (ev.type === 'PUT') w.onEvent({ type: prevObject ? 'MODIFIED' : 'ADDED', key: ev.kv.key, object: decode(ev.kv), prevObject, rv: rev });
        else if (prevObject) {
          const gone = { ...prevObject, metadata: { ...prevObject.metadata, resourceVersion: String(rev) } };
          w.onEvent({ type: 'DELETED', key: ev.kv.key, object: gone, prevObject, rv: rev });
        }
      }
    },
    (err) => {
      const status =
        err instanceof CompactedError
          ? statusOf(newResourceExpired(`too old resource version: ${rv} (${err.compactRevision})`))
          : statusOf(err);
      onError(status);
    },
  );
  return { stop: () => watcher.cancel() };
}
