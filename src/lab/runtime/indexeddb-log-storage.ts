// The store's write-ahead log and snapshot kept in IndexedDB, so a lab's cluster survives a page
// reload. Mirrors the engine's file storage (engine/host/etcd-file-storage.ts) with one database per
// lab: the snapshot under one key, the current log segment as numbered chunks.
import type { LoadedLog, LogStorage } from '../../../engine/etcd/wal/log-storage.js';

const STORE = 'wal';
const SNAPSHOT_KEY = 'snapshot';
/** Log chunks are keyed ['chunk', n] so one key range selects them all, in order. */
const chunkKey = (n: number): IDBValidKey => ['chunk', n];
const chunks = (): IDBKeyRange => IDBKeyRange.bound(['chunk', 0], ['chunk', Number.MAX_SAFE_INTEGER]);

/** databaseName is the IndexedDB database that holds one lab's cluster. */
export function databaseName(labId: string): string {
  return `kubelab-lab-${labId}`;
}

/**
 * IndexedDBLogStorage implements LogStorage. Each call runs in one readwrite transaction and
 * resolves when the transaction completes, which is the durability IndexedDB offers.
 */
export class IndexedDBLogStorage implements LogStorage {
  private next = 0;

  private constructor(private readonly db: IDBDatabase) {}

  /** open opens (or creates) the database for a lab. */
  static async open(name: string, factory: IDBFactory = indexedDB): Promise<IndexedDBLogStorage> {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    const db = await done(request);
    // Another page deleting this lab (Reset) must not wait for us forever: let go of the database.
    db.onversionchange = () => db.close();
    return new IndexedDBLogStorage(db);
  }

  /**
   * destroy deletes a lab's database (Reset lab). Open connections are asked to close (see
   * onversionchange); the deletion completes once they have.
   */
  static async destroy(name: string, factory: IDBFactory = indexedDB): Promise<void> {
    await done(factory.deleteDatabase(name));
  }

  async load(): Promise<LoadedLog> {
    const tx = this.db.transaction(STORE, 'readonly');
    const store = tx.objectStore(STORE);
    const snapshot = done<{ bytes: Uint8Array } | undefined>(store.get(SNAPSHOT_KEY));
    const parts = done<Uint8Array[]>(store.getAll(chunks()));
    const keys = done<IDBValidKey[]>(store.getAllKeys(chunks()));
    const [snap, segments, ks] = await Promise.all([snapshot, parts, keys, complete(tx)]);
    const last = ks.at(-1) as [string, number] | undefined;
    this.next = last ? last[1] + 1 : 0;
    return { snapshot: snap ? new Uint8Array(snap.bytes) : undefined, log: concat(segments.map((p) => new Uint8Array(p))) };
  }

  async append(bytes: Uint8Array): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(bytes.slice(), chunkKey(this.next++));
    await complete(tx);
  }

  async truncate(length: number): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const segments = await done<Uint8Array[]>(store.getAll(chunks()));
    const log = concat(segments.map((p) => new Uint8Array(p))).slice(0, length);
    store.delete(chunks());
    store.put(log, chunkKey(0));
    this.next = 1;
    await complete(tx);
  }

  async writeSnapshot(bytes: Uint8Array, index: number): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    store.put({ bytes: bytes.slice(), index }, SNAPSHOT_KEY);
    store.delete(chunks());
    this.next = 0;
    await complete(tx);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function done<T>(request: IDBRequest<T> | IDBOpenDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}

function complete(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
