// Mirrors k8s.io/client-go/tools/cache/index.go: index functions, the standard namespace index, and
// the Indexer interface (a Store that can also answer "which objects have index value v").
import type { ObjectMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import type { Store } from './store.js';

/** IndexFunc computes the index values of an object (one object may have several). */
export type IndexFunc<T> = (obj: T) => string[];

/** Indexers maps an index name to its IndexFunc. */
export type Indexers<T> = Record<string, IndexFunc<T>>;

/**
 * Index maps an index value to the objects that have it, by key (upstream keeps the keys only; the
 * objects beside them make byIndex a copy of values instead of a lookup per key).
 */
export type Index<T> = Map<string, Map<string, T>>;

/** Indices maps an index name to its Index. */
export type Indices<T> = Map<string, Index<T>>;

/** NamespaceIndex is the name of the index by metadata.namespace. */
export const NamespaceIndex = 'namespace';

/** metaNamespaceIndexFunc indexes objects by their namespace. */
export function metaNamespaceIndexFunc(obj: { metadata: ObjectMeta }): string[] {
  return [obj.metadata.namespace ?? ''];
}

export interface Indexer<T> extends Store<T> {
  /** index returns the stored objects that share an index value with obj. */
  index(indexName: string, obj: T): T[];
  /** indexKeys returns the keys of the objects with the given index value. */
  indexKeys(indexName: string, indexedValue: string): string[];
  /** listIndexFuncValues returns every value of the named index. */
  listIndexFuncValues(indexName: string): string[];
  /** byIndex returns the objects with the given index value. */
  byIndex(indexName: string, indexedValue: string): T[];
  getIndexers(): Indexers<T>;
  /** addIndexers adds indexers; upstream allows this only before the informer starts, here any time. */
  addIndexers(newIndexers: Indexers<T>): void;
}
