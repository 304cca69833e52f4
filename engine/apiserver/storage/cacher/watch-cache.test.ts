import { describe, expect, it } from 'vitest';
import type { KubeObject, WatchEventType } from '../../../apimachinery/apis/meta/v1/types.js';
import { parseSelector } from '../../../apimachinery/fields/selector.js';
import { CacheWatcher } from './cache-watcher.js';
import { indexedTriggers } from './cacher.js';
import { WatchCache, type CacheEvent } from './watch-cache.js';

const pod = (name: string, nodeName?: string, rv = 1): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: String(rv) }, spec: { nodeName } }) as unknown as KubeObject;

const nodeNameOf = (o: KubeObject) => (o as { spec?: { nodeName?: string } }).spec?.nodeName ?? '';

/** watcher registers a CacheWatcher with a field selector and records what it is shown and sent. */
function watcher(cache: WatchCache, selector: string) {
  const fields = parseSelector(selector);
  const seen: CacheEvent[] = [];
  const sent: [WatchEventType, string][] = [];
  const w = new CacheWatcher('/registry/pods/', (o) => fields.matches({ 'spec.nodeName': nodeNameOf(o), 'metadata.name': o.metadata.name ?? '' }), (t, o) => sent.push([t, o.metadata.name ?? '']), fields);
  const onEvent = w.onEvent.bind(w);
  w.onEvent = (ev) => {
    seen.push(ev);
    onEvent(ev);
  };
  cache.listeners.add(w);
  return { w, seen, sent };
}

describe('watch cache trigger index', () => {
  it('hands a pod event only to the watchers of its node, old and new, and to unindexed watchers', () => {
    const cache = new WatchCache('/registry/pods/', 0, 100, indexedTriggers['/registry/pods']);
    const kubelets = Array.from({ length: 300 }, (_, i) => watcher(cache, `spec.nodeName=node-${i}`));
    const unassigned = watcher(cache, 'spec.nodeName=');
    const everyone = watcher(cache, '');
    expect(cache.listeners.size).toBe(302);

    cache.apply('/registry/pods/default/web-1', pod('web-1'), 2);
    cache.apply('/registry/pods/default/web-1', pod('web-1', 'node-7', 3), 3);
    cache.apply('/registry/pods/default/web-1', pod('web-1', 'node-7', 4), 4);
    cache.apply('/registry/pods/default/web-1', undefined, 5);

    expect(unassigned.sent).toEqual([['ADDED', 'web-1'], ['DELETED', 'web-1']]);
    expect(kubelets[7]!.sent).toEqual([['ADDED', 'web-1'], ['MODIFIED', 'web-1'], ['DELETED', 'web-1']]);
    expect(everyone.sent.map(([t]) => t)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
    // No other kubelet was even asked.
    expect(kubelets.filter((_, i) => i !== 7).every((k) => k.seen.length === 0)).toBe(true);
  });

  it('stops delivering to a removed indexed watcher and keeps other resources unindexed', () => {
    const cache = new WatchCache('/registry/pods/', 0, 100, indexedTriggers['/registry/pods']);
    const a = watcher(cache, 'spec.nodeName=node-1');
    const b = watcher(cache, 'spec.nodeName=node-1');
    expect(cache.listeners.delete(a.w)).toBe(true);
    expect(cache.listeners.delete(a.w)).toBe(false);
    cache.apply('/registry/pods/default/web-1', pod('web-1', 'node-1'), 2);
    expect(a.seen).toHaveLength(0);
    expect(b.sent).toEqual([['ADDED', 'web-1']]);

    // Without a trigger (services, endpoints) a selector on spec.nodeName is just a filter.
    const plain = new WatchCache('/registry/pods/', 0, 100);
    const c = watcher(plain, 'spec.nodeName=node-1');
    plain.apply('/registry/pods/default/web-2', pod('web-2', 'node-2'), 2);
    expect(c.seen).toHaveLength(1);
    expect(c.sent).toHaveLength(0);
  });
});

describe('watch cache listing', () => {
  it('lists in key order however keys arrive, leave and come back', () => {
    const cache = new WatchCache('/registry/pods/', 0, 100);
    const names = ['web-k2x', 'web-a9f', 'db-0', 'web-zz1', 'web-b00', 'db-1'];
    let rv = 1;
    for (const n of names) cache.apply(`/registry/pods/default/${n}`, pod(n, undefined, ++rv), rv);
    cache.apply('/registry/pods/kube-system/coredns-1', pod('coredns-1', undefined, ++rv), rv);
    const keys = (prefix: string, from?: string) => cache.list(prefix, from).map((e) => e.key.slice(prefix.length));
    expect(keys('/registry/pods/default/')).toEqual(['db-0', 'db-1', 'web-a9f', 'web-b00', 'web-k2x', 'web-zz1']);
    // Removed and re-added keys, and keys added after a list, keep their places.
    cache.apply('/registry/pods/default/web-b00', undefined, ++rv);
    cache.apply('/registry/pods/default/db-0', undefined, ++rv);
    cache.apply('/registry/pods/default/db-0', pod('db-0', undefined, ++rv), rv);
    cache.apply('/registry/pods/default/aaa', pod('aaa', undefined, ++rv), rv);
    expect(keys('/registry/pods/default/')).toEqual(['aaa', 'db-0', 'db-1', 'web-a9f', 'web-k2x', 'web-zz1']);
    expect(keys('/registry/pods/default/', '/registry/pods/default/db-1')).toEqual(['db-1', 'web-a9f', 'web-k2x', 'web-zz1']);
    expect(keys('/registry/pods/')).toEqual(['default/aaa', 'default/db-0', 'default/db-1', 'default/web-a9f', 'default/web-k2x', 'default/web-zz1', 'kube-system/coredns-1']);
  });
});

