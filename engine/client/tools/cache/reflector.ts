// Mirrors k8s.io/client-go/tools/cache/reflector.go: keeps a Store in step with the server. It lists,
// replaces the store's content, then watches from the list's resourceVersion; when a watch ends it
// watches again from the last resourceVersion seen; when that version has expired (410) it lists
// again. Failures back off on the injected clock. Paginated lists, watch-list streaming and
// jitter are left out.
import type { KubeObject, ObjectMeta, Status } from '../../../apimachinery/apis/meta/v1/types.js';
import { isResourceExpired, StatusError } from '../../../apimachinery/api/errors/errors.js';
import type { Clock, Timer } from '../../../util/clock.js';
import type { Interface as WatchInterface } from '../../rest/watch/stream-watcher.js';
import type { ListerWatcher } from './listwatch.js';
import type { Store } from './store.js';

/** ReflectorStore is the part of a Store a reflector writes to. */
export type ReflectorStore<T> = Pick<Store<T>, 'add' | 'update' | 'delete' | 'replace' | 'resync'>;

export interface ReflectorOptions {
  clock: Clock;
  /** name appears in errors ("reflector <name>"), like the caller's file:line upstream. */
  name?: string;
  /** resyncPeriod calls store.resync() this often (ms); 0 disables it. */
  resyncPeriod?: number;
  /** shouldResync is asked before each periodic resync (the shared informer's listener check). */
  shouldResync?: () => boolean;
  /** initialBackoff and maxBackoff bound the wait between failed list-and-watch rounds (ms). */
  initialBackoff?: number;
  maxBackoff?: number;
  /** onError sees every error the reflector recovers from (utilruntime.HandleError upstream). */
  onError?: (err: unknown) => void;
}

/** minWatchTimeout is the shortest server-side watch timeout a reflector asks for (5 minutes). */
const minWatchTimeoutSeconds = 5 * 60;
/** backoffResetDuration: a backoff this old no longer counts, the next one starts small again. */
const backoffResetDuration = 2 * 60 * 1000;

/** WatchExpiredError is how a watch ending with 410 Expired tells listAndWatch to relist. */
class WatchExpiredError extends Error {}

export class Reflector<T extends { metadata: ObjectMeta } = KubeObject> {
  private lastSyncResourceVersion = '';
  /** isLastSyncResourceVersionUnavailable forces the next list to be a consistent read (""). */
  private isLastSyncResourceVersionUnavailable = false;
  private readonly clock: Clock;
  private readonly name: string;
  private backoff: number;
  private lastBackoffAt = -Infinity;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly store: ReflectorStore<T>,
    private readonly options: ReflectorOptions,
  ) {
    this.clock = options.clock;
    this.name = options.name ?? 'reflector';
    this.backoff = options.initialBackoff ?? 800;
  }

  /** getLastSyncResourceVersion is the resourceVersion the store reflects (LastSyncResourceVersion). */
  getLastSyncResourceVersion(): string {
    return this.lastSyncResourceVersion;
  }

  /** run lists and watches until signal aborts, backing off between rounds. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.listAndWatch(signal);
      } catch (err) {
        if (signal.aborted) break;
        this.options.onError?.(err);
      }
      if (signal.aborted) break;
      await sleep(this.clock, this.nextBackoff(), signal);
    }
  }

  /** nextBackoff doubles the wait up to maxBackoff, restarting after a quiet period. */
  private nextBackoff(): number {
    const initial = this.options.initialBackoff ?? 800;
    const now = this.clock.now();
    if (now - this.lastBackoffAt > backoffResetDuration) this.backoff = initial;
    this.lastBackoffAt = now;
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoff ?? 30_000);
    return wait;
  }

  /**
   * relistResourceVersion: "0" on the first list (any cached state will do), the last version
   * after that, and "" (a consistent read from storage) after a 410.
   */
  private relistResourceVersion(): string {
    if (this.isLastSyncResourceVersionUnavailable) return '';
    return this.lastSyncResourceVersion || '0';
  }

  /** listAndWatch lists once, then watches until the watch fails or must be restarted by a list. */
  async listAndWatch(signal: AbortSignal): Promise<void> {
    await this.list();
    const resync = this.startResync();
    try {
      while (!signal.aborted) {
        let w: WatchInterface<T>;
        try {
          w = await this.lw.watch(
            {
              resourceVersion: this.lastSyncResourceVersion,
              allowWatchBookmarks: true,
              // Spread watch restarts out over time, as upstream does.
              timeoutSeconds: Math.floor(minWatchTimeoutSeconds * (1 + Math.random())),
            },
            signal,
          );
        } catch (err) {
          if (isResourceExpired(err)) {
            this.isLastSyncResourceVersionUnavailable = true;
            return;
          }
          throw err;
        }
        try {
          await this.watchHandler(w, signal);
        } catch (err) {
          if (err instanceof WatchExpiredError) {
            // The resourceVersion fell out of the server's history: relist (after a backoff).
            this.isLastSyncResourceVersionUnavailable = true;
            return;
          }
          throw err;
        }
      }
    } finally {
      resync?.stop();
    }
  }

  private async list(): Promise<void> {
    const resourceVersion = this.relistResourceVersion();
    let list;
    try {
      list = await this.lw.list({ resourceVersion });
    } catch (err) {
      // The version we asked for is gone: ask again for the latest state at once.
      if (!isResourceExpired(err) || resourceVersion === '') throw err;
      this.isLastSyncResourceVersionUnavailable = true;
      list = await this.lw.list({ resourceVersion: '' });
    }
    this.isLastSyncResourceVersionUnavailable = false;
    const rv = list.metadata.resourceVersion ?? '';
    this.store.replace(list.items, rv);
    this.lastSyncResourceVersion = rv;
  }

  private startResync(): Timer | undefined {
    const period = this.options.resyncPeriod ?? 0;
    if (period <= 0) return undefined;
    let timer: Timer;
    const tick = () => {
      if (this.options.shouldResync?.() ?? true) this.store.resync();
      timer = this.clock.setTimer(period, tick);
    };
    timer = this.clock.setTimer(period, tick);
    return { stop: () => timer.stop() };
  }

  /** watchHandler applies events to the store until the watch ends. */
  private async watchHandler(w: WatchInterface<T>, signal: AbortSignal): Promise<void> {
    const start = this.clock.now();
    let events = 0;
    try {
      for await (const event of w) {
        if (signal.aborted) return;
        if (event.type === 'ERROR') {
          const status = event.object as Status;
          if (status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone') throw new WatchExpiredError(status.message);
          throw new StatusError(status);
        }
        const obj = event.object as T;
        const rv = obj.metadata?.resourceVersion ?? '';
        switch (event.type) {
          case 'ADDED':
            this.store.add(obj);
            break;
          case 'MODIFIED':
            this.store.update(obj);
            break;
          case 'DELETED':
            this.store.delete(obj);
            break;
          case 'BOOKMARK':
            // A bookmark only moves the resourceVersion on.
            break;
        }
        this.lastSyncResourceVersion = rv;
        events++;
      }
    } finally {
      w.stop();
    }
    // A watch that ends at once with nothing in it points at a server problem; back off instead of
    // spinning (upstream: "very short watch").
    if (!signal.aborted && events === 0 && this.clock.now() - start < 1000) {
      throw new Error(`${this.name}: Unexpected watch close - watch lasted less than a second and no items received`);
    }
  }
}

/** sleep waits ms on the clock, or until signal aborts. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      timer.stop();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = clock.setTimer(ms, done);
    signal.addEventListener('abort', done, { once: true });
  });
}
