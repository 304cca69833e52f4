// Mirrors k8s.io/client-go/tools/cache/thread_safe_store.go: the item map and its indices. JavaScript
// runs one task at a time, so the lock disappears, but the contract stays: callers must not mutate
// the objects they get back — they are the cache's own copies.
import type { Index, Indexers, Indices } from './index.js';

export class ThreadSafeStore<T> {
  private items = new Map<string, T>();
  private readonly indices: Indices<T> = new Map();

  constructor(private readonly indexers: Indexers<T> = {}) {}

  add(key: string, obj: T): void {
    this.update(key, obj);
  }

  update(key: string, obj: T): void {
    const old = this.items.get(key);
    this.items.set(key, obj);
    this.updateIndices(old, obj, key);
  }

  delete(key: string): void {
    const old = this.items.get(key);
    if (old === undefined) return;
    this.updateIndices(old, undefined, key);
    this.items.delete(key);
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  /** replace swaps in a new item set and rebuilds every index. */
  replace(items: Map<string, T>): void {
    this.items = new Map(items);
    this.indices.clear();
    for (const [key, obj] of this.items) this.updateIndices(undefined, obj, key);
  }

  index(indexName: string, obj: T): T[] {
    const fn = this.indexerOf(indexName);
    const keys = new Set<string>();
    const index = this.indices.get(indexName);
    for (const value of fn(obj)) for (const k of index?.get(value)?.keys() ?? []) keys.add(k);
    return [...keys].map((k) => this.items.get(k)!);
  }

  byIndex(indexName: string, indexedValue: string): T[] {
    this.indexerOf(indexName);
    const objs = this.indices.get(indexName)?.get(indexedValue);
    return objs ? [...objs.values()] : [];
  }

  indexKeys(indexName: string, indexedValue: string): string[] {
    this.indexerOf(indexName);
    return [...(this.indices.get(indexName)?.get(indexedValue)?.keys() ?? [])];
  }

  listIndexFuncValues(indexName: string): string[] {
    return [...(this.indices.get(indexName)?.keys() ?? [])];
  }

  getIndexers(): Indexers<T> {
    return this.indexers;
  }

  addIndexers(newIndexers: Indexers<T>): void {
    for (const name of Object.keys(newIndexers)) {
      if (name in this.indexers) throw new Error(`indexer conflict: ${name}`);
    }
    Object.assign(this.indexers, newIndexers);
    for (const [key, obj] of this.items) {
      for (const name of Object.keys(newIndexers)) this.indexOne(name, undefined, obj, key);
    }
  }

  private indexerOf(indexName: string) {
    const fn = this.indexers[indexName];
    if (!fn) throw new Error(`Index with name ${indexName} does not exist`);
    return fn;
  }

  /** updateIndices moves key from old's index values to new's (either may be undefined). */
  private updateIndices(oldObj: T | undefined, newObj: T | undefined, key: string): void {
    for (const name of Object.keys(this.indexers)) this.indexOne(name, oldObj, newObj, key);
  }

  private indexOne(name: string, oldObj: T | undefined, newObj: T | undefined, key: string): void {
    const fn = this.indexers[name]!;
    let index: Index<T> | undefined = this.indices.get(name);
    if (!index) this.indices.set(name, (index = new Map()));
    for (const value of oldObj !== undefined ? fn(oldObj) : []) {
      const objs = index.get(value);
      objs?.delete(key);
      // Drop empty entries so listIndexFuncValues does not report stale values.
      if (objs && objs.size === 0) index.delete(value);
    }
    if (newObj === undefined) return;
    for (const value of fn(newObj)) {
      let objs = index.get(value);
      if (!objs) index.set(value, (objs = new Map()));
      objs.set(key, newObj);
    }
  }
}
