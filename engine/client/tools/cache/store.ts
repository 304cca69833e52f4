// Mirrors k8s.io/client-go/tools/cache/store.go: the Store interface, object keys
// ("<namespace>/<name>" or "<name>"), and cache — a Store/Indexer over a ThreadSafeStore.
import type { ObjectMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import { NamespaceIndex, metaNamespaceIndexFunc, type Indexer, type Indexers } from './index.js';
import { ThreadSafeStore } from './thread-safe-store.js';

export interface Store<T> {
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
  list(): T[];
  listKeys(): string[];
  get(obj: T): T | undefined;
  getByKey(key: string): T | undefined;
  /** replace swaps the whole content for a fresh list (the reflector's relist). */
  replace(items: T[], resourceVersion: string): void;
  /** resync is meaningful only for queues; a plain cache does nothing. */
  resync(): void;
}

export type KeyFunc<T> = (obj: T) => string;

/** ExplicitKey is a key given directly instead of an object. */
export type ExplicitKey = string;

/** metaNamespaceKeyFunc is the default key: "<namespace>/<name>", or "<name>" without a namespace. */
export function metaNamespaceKeyFunc(obj: { metadata: ObjectMeta } | ExplicitKey): string {
  if (typeof obj === 'string') return obj;
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}

/** splitMetaNamespaceKey undoes metaNamespaceKeyFunc. */
export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const parts = key.split('/');
  if (parts.length === 1) return { namespace: '', name: parts[0]! };
  if (parts.length === 2) return { namespace: parts[0]!, name: parts[1]! };
  throw new Error(`unexpected key format: "${key}"`);
}

/** cache is the Indexer implementation: keys from keyFunc, storage in a ThreadSafeStore. */
export class Cache<T> implements Indexer<T> {
  private readonly store: ThreadSafeStore<T>;

  constructor(
    private readonly keyFunc: KeyFunc<T>,
    indexers: Indexers<T> = {},
  ) {
    this.store = new ThreadSafeStore<T>(indexers);
  }

  add(obj: T): void {
    this.store.add(this.keyFunc(obj), obj);
  }
  update(obj: T): void {
    this.store.update(this.keyFunc(obj), obj);
  }
  delete(obj: T): void {
    this.store.delete(this.keyFunc(obj));
  }
  list(): T[] {
    return this.store.list();
  }
  listKeys(): string[] {
    return this.store.listKeys();
  }
  get(obj: T): T | undefined {
    return this.store.get(this.keyFunc(obj));
  }
  getByKey(key: string): T | undefined {
    return this.store.get(key);
  }
  replace(items: T[]): void {
    this.store.replace(new Map(items.map((o) => [this.keyFunc(o), o])));
  }
  resync(): void {}

  index(indexName: string, obj: T): T[] {
    return this.store.index(indexName, obj);
  }
  indexKeys(indexName: string, indexedValue: string): string[] {
    return this.store.indexKeys(indexName, indexedValue);
  }
  listIndexFuncValues(indexName: string): string[] {
    return this.store.listIndexFuncValues(indexName);
  }
  byIndex(indexName: string, indexedValue: string): T[] {
    return this.store.byIndex(indexName, indexedValue);
  }
  getIndexers(): Indexers<T> {
    return this.store.getIndexers();
  }
  addIndexers(newIndexers: Indexers<T>): void {
    this.store.addIndexers(newIndexers);
  }
}

/** newStore returns a Store keyed by keyFunc (cache.NewStore). */
export function newStore<T>(keyFunc: KeyFunc<T>): Store<T> {
  return new Cache<T>(keyFunc);
}

/** newIndexer returns an Indexer (cache.NewIndexer). */
export function newIndexer<T>(keyFunc: KeyFunc<T>, indexers: Indexers<T>): Indexer<T> {
  return new Cache<T>(keyFunc, indexers);
}

/** namespaceIndexers is the usual informer index set: by namespace. */
export function namespaceIndexers<T extends { metadata: ObjectMeta }>(): Indexers<T> {
  return { [NamespaceIndex]: metaNamespaceIndexFunc };
}
