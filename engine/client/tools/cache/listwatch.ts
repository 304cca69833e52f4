// Mirrors k8s.io/client-go/tools/cache/listwatch.go: ListerWatcher, the two calls a reflector needs,
// and newListWatchFromClient, which builds them from a typed client plus a field selector.
import type { KubeList } from '../../../apimachinery/apis/meta/v1/types.js';
import type { Client, ObjectWithMeta } from '../../gentype/type.js';
import type { ListOptions } from '../../gentype/options.js';
import type { Interface as WatchInterface } from '../../rest/watch/stream-watcher.js';

export interface ListerWatcher<T> {
  list(opts: ListOptions): Promise<KubeList<T>>;
  watch(opts: ListOptions, signal?: AbortSignal): Promise<WatchInterface<T>>;
}

/** tweakListOptions lets a caller narrow what an informer sees (label or field selectors). */
export type TweakListOptionsFunc = (opts: ListOptions) => void;

/** newFilteredListWatchFromClient lists and watches through client, after tweak edits the options. */
export function newFilteredListWatchFromClient<T extends ObjectWithMeta>(client: Client<T>, tweak?: TweakListOptionsFunc): ListerWatcher<T> {
  const options = (opts: ListOptions) => {
    const copy = { ...opts };
    tweak?.(copy);
    return copy;
  };
  return {
    list: (opts) => client.list(options(opts)),
    watch: (opts, signal) => client.watch(options(opts), signal),
  };
}

/** newListWatchFromClient lists and watches through client, restricted by a field selector. */
export function newListWatchFromClient<T extends ObjectWithMeta>(client: Client<T>, fieldSelector = ''): ListerWatcher<T> {
  return newFilteredListWatchFromClient(client, (opts) => {
    if (fieldSelector) opts.fieldSelector = fieldSelector;
  });
}
