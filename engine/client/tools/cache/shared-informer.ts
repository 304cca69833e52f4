// Mirrors k8s.io/client-go/tools/cache/shared_informer.go: one reflector and one indexer shared by
// many event handlers. Each write from the reflector updates the indexer first, then notifies the
// handlers (what HandleDeltas does). Without a DeltaFIFO the reflector's writes are applied as they
// arrive, and handlers run synchronously in registration order instead of on a goroutine each —
// handlers should do little more than enqueue a key.
import type { ObjectMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import type { Clock } from '../../../util/clock.js';
import { DeletedFinalStateUnknown, type ResourceEventHandler } from './controller.js';
import type { Indexer, Indexers } from './index.js';
import type { ListerWatcher } from './listwatch.js';
import { Reflector, sleep, type ReflectorStore } from './reflector.js';
import { metaNamespaceKeyFunc, newIndexer } from './store.js';

/** minimumResyncPeriod: handlers may not ask for resyncs more often than once a second. */
const minimumResyncPeriod = 1000;

type Notification<T> =
  | { kind: 'add'; obj: T; isInInitialList: boolean }
  | { kind: 'update'; oldObj: T; newObj: T }
  | { kind: 'delete'; obj: T | DeletedFinalStateUnknown<T> };

/** ProcessorListener delivers notifications to one handler and tracks its resync schedule. */
class ProcessorListener<T> {
  nextResync = 0;

  constructor(
    readonly handler: ResourceEventHandler<T>,
    readonly resyncPeriod: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  add(n: Notification<T>): void {
    try {
      if (n.kind === 'add') this.handler.onAdd?.(n.obj, n.isInInitialList);
      else if (n.kind === 'update') this.handler.onUpdate?.(n.oldObj, n.newObj);
      else this.handler.onDelete?.(n.obj);
    } catch (err) {
      // One failing handler must not stop the others or the reflector.
      this.onError(err);
    }
  }
}

/** ResourceEventHandlerRegistration is returned by addEventHandler; pass it to removeEventHandler. */
export interface ResourceEventHandlerRegistration {
  hasSynced(): boolean;
}

export interface SharedIndexInformerOptions<T> {
  clock: Clock;
  /** defaultEventHandlerResyncPeriod applies to handlers added without their own period (ms). */
  resyncPeriod?: number;
  indexers?: Indexers<T>;
  /** name labels errors, as the object type does upstream. */
  name?: string;
}

export class SharedIndexInformer<T extends { metadata: ObjectMeta }> {
  private readonly indexer: Indexer<T>;
  private readonly listeners: ProcessorListener<T>[] = [];
  /** syncingListeners are the listeners whose resync is due (set by shouldResync). */
  private syncingListeners: ProcessorListener<T>[] = [];
  private readonly clock: Clock;
  private readonly defaultResyncPeriod: number;
  private resyncCheckPeriod: number;
  private reflector: Reflector<T> | undefined;
  private started = false;
  private synced = false;
  private watchErrorHandler: (err: unknown) => void = (err) => console.error(err);

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly options: SharedIndexInformerOptions<T>,
  ) {
    this.clock = options.clock;
    this.defaultResyncPeriod = options.resyncPeriod ?? 0;
    this.resyncCheckPeriod = this.defaultResyncPeriod;
    this.indexer = newIndexer<T>(metaNamespaceKeyFunc, { ...(options.indexers ?? {}) });
  }

  /**
   * addEventHandler registers a handler. Added after the informer started, the handler first gets
   * an add for every object already in the cache.
   */
  addEventHandler(handler: ResourceEventHandler<T>, resyncPeriod = this.defaultResyncPeriod): ResourceEventHandlerRegistration {
    let period = resyncPeriod;
    if (period > 0) {
      period = Math.max(period, minimumResyncPeriod);
      if (period < this.resyncCheckPeriod) {
        // Once running the check period is fixed, so the handler resyncs at the informer's pace.
        if (this.started) period = this.resyncCheckPeriod;
        else this.resyncCheckPeriod = period;
      } else if (this.resyncCheckPeriod === 0 && !this.started) this.resyncCheckPeriod = period;
    }
    const listener = new ProcessorListener<T>(handler, period, this.watchErrorHandler);
    listener.nextResync = this.clock.now() + period;
    this.listeners.push(listener);
    if (this.started) for (const obj of this.indexer.list()) listener.add({ kind: 'add', obj, isInInitialList: true });
    return Object.assign(listener, { hasSynced: () => this.synced });
  }

  removeEventHandler(registration: ResourceEventHandlerRegistration): void {
    const i = this.listeners.indexOf(registration as unknown as ProcessorListener<T>);
    if (i >= 0) this.listeners.splice(i, 1);
    this.syncingListeners = this.syncingListeners.filter((l) => l !== (registration as unknown));
  }

  getStore(): Indexer<T> {
    return this.indexer;
  }
  getIndexer(): Indexer<T> {
    return this.indexer;
  }
  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  /** hasSynced is true once the first list has been applied to the cache. */
  hasSynced(): boolean {
    return this.synced;
  }

  lastSyncResourceVersion(): string {
    return this.reflector?.getLastSyncResourceVersion() ?? '';
  }

  /** setWatchErrorHandler sees list and watch failures (the reflector retries them itself). */
  setWatchErrorHandler(handler: (err: unknown) => void): void {
    if (this.started) throw new Error('informer has already started');
    this.watchErrorHandler = handler;
  }

  isStarted(): boolean {
    return this.started;
  }

  /** run feeds the cache until signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.started) throw new Error('informer has already started');
    this.started = true;
    this.reflector = new Reflector<T>(this.lw, this.reflectorStore(), {
      clock: this.clock,
      name: this.options.name,
      resyncPeriod: this.resyncCheckPeriod,
      shouldResync: () => this.shouldResync(),
      onError: (err) => this.watchErrorHandler(err),
    });
    await this.reflector.run(signal);
  }

  /** shouldResync picks the listeners whose resync is due (sharedProcessor.shouldResync). */
  private shouldResync(): boolean {
    const now = this.clock.now();
    this.syncingListeners = [];
    for (const l of this.listeners) {
      if (l.resyncPeriod > 0 && now >= l.nextResync) {
        this.syncingListeners.push(l);
        l.nextResync = now + l.resyncPeriod;
      }
    }
    return this.syncingListeners.length > 0;
  }

  /** distribute sends a notification to every listener, or to the resyncing ones for a sync. */
  private distribute(n: Notification<T>, sync: boolean): void {
    for (const l of sync ? this.syncingListeners : [...this.listeners]) l.add(n);
  }

  /** reflectorStore applies the reflector's writes to the indexer and notifies (HandleDeltas). */
  private reflectorStore(): ReflectorStore<T> {
    const upsert = (obj: T, isInInitialList: boolean) => {
      const old = this.indexer.get(obj);
      if (old) {
        this.indexer.update(obj);
        // A relisted object with an unchanged resourceVersion is only a sync.
        const isSync = old.metadata.resourceVersion === obj.metadata.resourceVersion;
        this.distribute({ kind: 'update', oldObj: old, newObj: obj }, isSync);
      } else {
        this.indexer.add(obj);
        this.distribute({ kind: 'add', obj, isInInitialList }, false);
      }
    };
    return {
      add: (obj) => upsert(obj, false),
      update: (obj) => upsert(obj, false),
      delete: (obj) => {
        this.indexer.delete(obj);
        this.distribute({ kind: 'delete', obj }, false);
      },
      replace: (items) => {
        const keep = new Set(items.map((o) => metaNamespaceKeyFunc(o)));
        for (const obj of items) upsert(obj, !this.synced);
        // Objects the relist no longer has were deleted while we were not watching.
        for (const key of this.indexer.listKeys()) {
          if (keep.has(key)) continue;
          const old = this.indexer.getByKey(key)!;
          this.indexer.delete(old);
          this.distribute({ kind: 'delete', obj: new DeletedFinalStateUnknown(key, old) }, false);
        }
        this.synced = true;
      },
      resync: () => {
        for (const obj of this.indexer.list()) this.distribute({ kind: 'update', oldObj: obj, newObj: obj }, true);
      },
    };
  }
}

/** InformerSynced reports whether an informer's cache has synced (cache.InformerSynced). */
export type InformerSynced = () => boolean;

/**
 * waitForCacheSync polls (every 100 ms of clock time) until every hasSynced is true; it returns
 * false if signal aborts first.
 */
export async function waitForCacheSync(clock: Clock, signal: AbortSignal, ...cacheSyncs: InformerSynced[]): Promise<boolean> {
  for (;;) {
    if (cacheSyncs.every((synced) => synced())) return true;
    if (signal.aborted) return false;
    await sleep(clock, 100, signal);
  }
}
