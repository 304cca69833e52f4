// The learner's files in the WebContainer runtime. The container's working folder is the home
// folder, shared with the engine bundle (bin/), the cluster's data (.kubelab/) and what tools keep
// in hidden folders; the rest is the learner's. ContainerHome keeps that rest in IndexedDB (the
// database the Worker runtime uses too): read back on boot instead of the starter files, saved after
// each write from the page and every few seconds for what the terminal wrote. Hidden files stay
// out both ways: a kubeconfig saved by the Worker runtime names a server only it has.
import type { Clock } from '../../../engine/util/clock.js';
import { HomeSaver } from './home-saver.js';
import type { HomeFiles, LabFileStore } from './indexeddb-file-storage.js';

/** ContainerFs is the part of a WebContainer's fs the home folder is read with. */
export interface ContainerFs {
  readdir(path: string): Promise<string[]>;
  readFile(path: string, encoding: 'utf-8'): Promise<string>;
}

/** NOT_HOME are the working folder's entries that are not the learner's, besides hidden ones. */
export const NOT_HOME: ReadonlySet<string> = new Set(['bin', 'node_modules']);

const hidden = (path: string) => path.split('/').some((part) => part.startsWith('.'));
/** MAX_DEPTH bounds the walk: a lab's folders are shallow, a link loop is not. */
const MAX_DEPTH = 8;

/**
 * readHome reads the learner's files, keyed by their path in the working folder. A folder is
 * whatever readdir lists (it rejects a file, as Node's does).
 */
export async function readHome(fs: ContainerFs, dir = '', depth = 0): Promise<HomeFiles> {
  const out: HomeFiles = {};
  for (const name of (await fs.readdir(dir || '.')).sort()) {
    if ((depth === 0 && NOT_HOME.has(name)) || hidden(name)) continue;
    const path = dir ? `${dir}/${name}` : name;
    const children = depth < MAX_DEPTH ? await fs.readdir(path).then(() => true, () => false) : false;
    if (children) Object.assign(out, await readHome(fs, path, depth + 1));
    else {
      const text = await fs.readFile(path, 'utf-8').catch(() => undefined);
      if (text !== undefined) out[path] = text;
    }
  }
  return out;
}

/** SavedHome opens and deletes where a lab's files are kept (IndexedDB on the page). */
export interface SavedHome {
  open(): Promise<LabFileStore>;
  destroy(): Promise<void>;
}

export class ContainerHome {
  private store?: LabFileStore;
  private saver?: HomeSaver;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly saved: SavedHome | undefined,
    private readonly clock: Clock,
  ) {}

  /** load answers the files to mount: the saved ones, or the starter files when none were saved. */
  async load(starter: HomeFiles): Promise<HomeFiles> {
    this.store = await this.saved?.open().catch(() => undefined);
    const saved = await this.store?.load().catch(() => undefined);
    return saved ? Object.fromEntries(Object.entries(saved).filter(([path]) => !hidden(path))) : starter;
  }

  /** start keeps the mounted folder saved from now on. */
  async start(fs: ContainerFs): Promise<void> {
    if (!this.store) return;
    this.saver = new HomeSaver({
      store: this.store,
      clock: this.clock,
      read: () => readHome(fs),
      onChange: () => this.listeners.forEach((l) => l()),
      onError: (err) => console.warn('saving files:', err),
    });
    await this.saver.start();
  }

  /** flush saves what changed (after a write from the page). */
  async flush(): Promise<void> {
    await this.saver?.flush();
  }

  /** watch hears when the folder changed; returns the unsubscribe. */
  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** stop ends the saves; the saved files stay for the next visit. */
  async stop(): Promise<void> {
    const saver = this.saver;
    this.saver = undefined;
    this.listeners.clear();
    if (saver) await saver.stop();
    else await this.store?.close();
    this.store = undefined;
  }

  /** clear stops and deletes the saved files (Reset lab). */
  async clear(): Promise<void> {
    await this.stop();
    await this.saved?.destroy();
  }
}
