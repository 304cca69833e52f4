// The learner's files kept in IndexedDB beside the cluster's log, so edited manifests, files made
// in the terminal and manifests applied from the page survive a page reload. One database per lab
// holds one record: the home folder as a map from path to text, written whole in one transaction,
// so a reload sees either the last saved folder or the one before, never half of each.

/** HomeFiles are the files of the learner's home folder, keyed by their path relative to it. */
export type HomeFiles = Record<string, string>;

/** LabFileStore keeps a lab's home folder between visits. */
export interface LabFileStore {
  /** load answers the saved folder, or undefined when nothing was saved (a new lab). */
  load(): Promise<HomeFiles | undefined>;
  save(files: HomeFiles): Promise<void>;
  close(): Promise<void>;
}

const STORE = 'files';
const HOME_KEY = 'home';

/** filesDatabaseName is the IndexedDB database that holds one lab's files. */
export function filesDatabaseName(labId: string): string {
  return `kubelab-files-${labId}`;
}

export class IndexedDBFileStore implements LabFileStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(name: string, factory: IDBFactory = indexedDB): Promise<IndexedDBFileStore> {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    const db = await done(request);
    // Reset lab deletes the database, maybe from another page: never hold the deletion up.
    db.onversionchange = () => db.close();
    return new IndexedDBFileStore(db);
  }

  /** destroy deletes a lab's saved files (Reset lab). */
  static async destroy(name: string, factory: IDBFactory = indexedDB): Promise<void> {
    await done(factory.deleteDatabase(name));
  }

  async load(): Promise<HomeFiles | undefined> {
    const tx = this.db.transaction(STORE, 'readonly');
    const [record] = await Promise.all([done<{ files: HomeFiles } | undefined>(tx.objectStore(STORE).get(HOME_KEY)), complete(tx)]);
    return record ? { ...record.files } : undefined;
  }

  async save(files: HomeFiles): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put({ files }, HOME_KEY);
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
