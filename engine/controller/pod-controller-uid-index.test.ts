import { describe, it, expect } from 'vitest';
import type { Pod } from '../api/core/v1/types.js';
import { metaNamespaceKeyFunc, newIndexer } from '../client/tools/cache/store.js';
import type { Indexer, Indexers } from '../client/tools/cache/index.js';
import { addPodControllerUIDIndexer, filterPodsByOwner, orphanPodIndexKeyForNamespace, PodControllerUIDIndex } from './controller-utils.js';

const pod = (ns: string, name: string, owner?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: ns, name, uid: `uid-${name}`, ...(owner ? { ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: owner, uid: owner, controller: true }] } : {}) },
});

function informerOf(indexer: Indexer<Pod>) {
  return { getIndexer: () => indexer, addIndexers: (i: Indexers<Pod>) => indexer.addIndexers(i) };
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata.name).sort();

describe('the pod index by controller UID', () => {
  it("lists an owner's pods and its namespace's orphans, never other owners' pods or other namespaces' orphans", () => {
    const indexer = newIndexer<Pod>(metaNamespaceKeyFunc, {});
    const informer = informerOf(indexer);
    addPodControllerUIDIndexer(informer);
    addPodControllerUIDIndexer(informer); // a second controller on the same informer
    for (const p of [pod('a', 'mine-1', 'rc-1'), pod('a', 'mine-2', 'rc-1'), pod('a', 'theirs', 'rc-2'), pod('a', 'orphan'), pod('b', 'orphan-b')]) indexer.add(p);
    const owner = { namespace: 'a', name: 'web', uid: 'rc-1' };
    expect(names(filterPodsByOwner(indexer, owner, 'ReplicationController', true))).toEqual(['mine-1', 'mine-2', 'orphan']);
    expect(names(filterPodsByOwner(indexer, owner, 'ReplicationController', false))).toEqual(['mine-1', 'mine-2']);
    expect(indexer.indexKeys(PodControllerUIDIndex, orphanPodIndexKeyForNamespace('b'))).toEqual(['b/orphan-b']);
  });

  it('follows adoption, release and deletion', () => {
    const indexer = newIndexer<Pod>(metaNamespaceKeyFunc, {});
    addPodControllerUIDIndexer(informerOf(indexer));
    indexer.add(pod('a', 'p'));
    const owner = { namespace: 'a', name: 'web', uid: 'rc-1' };
    expect(names(filterPodsByOwner(indexer, owner, 'ReplicationController', false))).toEqual([]);
    indexer.update(pod('a', 'p', 'rc-1'));
    expect(names(filterPodsByOwner(indexer, owner, 'ReplicationController', false))).toEqual(['p']);
    expect(indexer.byIndex(PodControllerUIDIndex, orphanPodIndexKeyForNamespace('a'))).toEqual([]);
    indexer.update(pod('a', 'p'));
    expect(names(filterPodsByOwner(indexer, owner, 'ReplicationController', true))).toEqual(['p']);
    indexer.delete(pod('a', 'p'));
    expect(filterPodsByOwner(indexer, owner, 'ReplicationController', true)).toEqual([]);
  });

  it('refuses an owner without namespace, uid or kind', () => {
    const indexer = newIndexer<Pod>(metaNamespaceKeyFunc, {});
    addPodControllerUIDIndexer(informerOf(indexer));
    expect(() => filterPodsByOwner(indexer, { name: 'x', uid: 'u' }, 'ReplicaSet', true)).toThrow('no owner namespace provided');
    expect(() => filterPodsByOwner(indexer, { namespace: 'a', name: 'x' }, 'ReplicaSet', true)).toThrow('no owner uid provided');
    expect(() => filterPodsByOwner(indexer, { namespace: 'a', name: 'x', uid: 'u' }, '', true)).toThrow('no owner kind provided');
  });
});
