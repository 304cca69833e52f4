// Mirrors k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go: turns cache events into watch events
// for one client, applying its selector the way upstream does — an object that starts matching
// arrives as ADDED, one that stops matching leaves as DELETED (its previous state, new resourceVersion).
import type { KubeObject, WatchEventType } from '../../../apimachinery/apis/meta/v1/types.js';
import type { Selector as FieldSelector } from '../../../apimachinery/fields/selector.js';
import type { CacheEvent, CacheListener } from './watch-cache.js';

export type WatchSink = (type: WatchEventType, object: KubeObject) => void;

export class CacheWatcher implements CacheListener {
  constructor(
    readonly keyPrefix: string,
    private readonly filter: (obj: KubeObject) => boolean,
    private readonly sink: WatchSink,
    /** fields is the watch's field selector: an exact spec.nodeName puts it in an indexed bucket. */
    private readonly fields?: FieldSelector,
  ) {}

  requiresExactMatch(field: string): string | undefined {
    return this.fields?.requiresExactMatch(field);
  }

  onEvent(ev: CacheEvent): void {
    const cur = ev.type !== 'DELETED' && this.filter(ev.object);
    const old = ev.prevObject !== undefined && this.filter(ev.prevObject);
    if (ev.type === 'DELETED') {
      if (old) this.sink('DELETED', ev.object);
      return;
    }
    if (cur && !old) this.sink('ADDED', ev.object);
    else if (cur && old) this.sink('MODIFIED', ev.object);
    else if (!cur && old) {
      const prev = ev.prevObject!;
      this.sink('DELETED', { ...prev, metadata: { ...prev.metadata, resourceVersion: String(ev.rv) } });
    }
  }
}
