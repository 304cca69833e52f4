import { describe, it, expect } from 'vitest';
import { selectorFromSet } from '../../../apimachinery/labels/selector.js';
import { isNotFound } from '../../../apimachinery/api/errors/errors.js';
import { NamespaceIndex } from './index.js';
import { Lister } from './listers.js';
import { metaNamespaceKeyFunc, namespaceIndexers, newIndexer, splitMetaNamespaceKey } from './store.js';

type Obj = { metadata: { name: string; namespace?: string; labels?: Record<string, string> }; nodeName?: string };
const pod = (namespace: string, name: string, labels: Record<string, string> = {}, nodeName = ''): Obj => ({ metadata: { name, namespace, labels }, nodeName });

describe('keys', () => {
  const cases = [
    { name: 'namespaced', obj: pod('ns', 'a'), key: 'ns/a' },
    { name: 'cluster scoped', obj: { metadata: { name: 'node1' } }, key: 'node1' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(metaNamespaceKeyFunc(c.obj)).toBe(c.key);
      expect(splitMetaNamespaceKey(c.key)).toEqual({ namespace: c.obj.metadata.namespace ?? '', name: c.obj.metadata.name });
    });
  }
  it('rejects keys with two slashes', () => {
    expect(() => splitMetaNamespaceKey('a/b/c')).toThrow('unexpected key format: "a/b/c"');
  });
});

describe('Indexer', () => {
  const byNode = (o: Obj) => (o.nodeName ? [o.nodeName] : []);
  const make = () => {
    const idx = newIndexer<Obj>(metaNamespaceKeyFunc, { ...namespaceIndexers<Obj>(), byNode });
    idx.add(pod('a', 'p1', { app: 'web' }, 'n1'));
    idx.add(pod('a', 'p2', { app: 'db' }, 'n2'));
    idx.add(pod('b', 'p1', { app: 'web' }, 'n1'));
    return idx;
  };

  it('indexes by namespace and by a custom function', () => {
    const idx = make();
    expect(idx.indexKeys(NamespaceIndex, 'a').sort()).toEqual(['a/p1', 'a/p2']);
    expect(idx.byIndex('byNode', 'n1').map(metaNamespaceKeyFunc).sort()).toEqual(['a/p1', 'b/p1']);
    expect(idx.index('byNode', pod('x', 'y', {}, 'n2')).map(metaNamespaceKeyFunc)).toEqual(['a/p2']);
  });

  it('moves an updated object between index values and drops empty values', () => {
    const idx = make();
    idx.update(pod('a', 'p2', { app: 'db' }, 'n1'));
    expect(idx.indexKeys('byNode', 'n1').sort()).toEqual(['a/p1', 'a/p2', 'b/p1']);
    expect(idx.listIndexFuncValues('byNode')).toEqual(['n1']);
    idx.delete(pod('b', 'p1'));
    expect(idx.indexKeys(NamespaceIndex, 'b')).toEqual([]);
  });

  it('replace rebuilds the indices', () => {
    const idx = make();
    idx.replace([pod('c', 'only', {}, 'n9')], '10');
    expect(idx.listKeys()).toEqual(['c/only']);
    expect(idx.listIndexFuncValues(NamespaceIndex)).toEqual(['c']);
    expect(idx.byIndex('byNode', 'n1')).toEqual([]);
  });

  it('addIndexers indexes existing items and refuses duplicates', () => {
    const idx = make();
    idx.addIndexers({ byApp: (o) => [o.metadata.labels?.app ?? ''] });
    expect(idx.indexKeys('byApp', 'web').sort()).toEqual(['a/p1', 'b/p1']);
    expect(() => idx.addIndexers({ byNode })).toThrow('indexer conflict: byNode');
    expect(() => idx.byIndex('nope', 'x')).toThrow('Index with name nope does not exist');
  });

  it('Lister lists by selector and namespace and gets with NotFound', () => {
    const lister = new Lister(make(), { group: '', resource: 'pods' });
    expect(lister.list(selectorFromSet({ app: 'web' })).map(metaNamespaceKeyFunc).sort()).toEqual(['a/p1', 'b/p1']);
    expect(lister.byNamespace('a').list(selectorFromSet({ app: 'web' })).map(metaNamespaceKeyFunc)).toEqual(['a/p1']);
    expect(lister.get('a', 'p2').metadata.labels).toEqual({ app: 'db' });
    let err: unknown;
    try {
      lister.get('b', 'p2');
    } catch (e) {
      err = e;
    }
    expect(isNotFound(err)).toBe(true);
    expect((err as Error).message).toBe('pods "p2" not found');
  });
});
