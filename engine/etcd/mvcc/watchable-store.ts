// Mirrors etcd server/storage/mvcc/watchable_store.go and watcher_group.go: watchers over a key or
// range, caught up from history and then fed live events. With the history in memory a new watcher
// is synced in the same turn it is created, so there is no unsynced group to walk; events are
// queued per watcher and delivered in one batch per turn.
import type { Clock, Timer } from '../../util/clock.js';
import { CompactedError } from '../types.js';
import type { WatchBatch, WatchEvent, WatchOptions, Watcher } from '../types.js';
import type { MvccStore } from './kvstore.js';
import { inRange, resolveEnd } from './key-range.js';

interface WatcherState {
  key: string;
  end: string | undefined;
  /** minRev is the lowest revision still to deliver (events below it were sent or not asked for). */
  minRev: number;
  prevKv: boolean;
  progressNotify: boolean;
  queue: WatchEvent[];
  canceled: boolean;
  onBatch: (batch: WatchBatch) => void;
  onError?: (err: Error) => void;
}

/** defaultProgressInterval matches etcd's --experimental-watch-progress-notify-interval. */
export const defaultProgressInterval = 10 * 60 * 1000;

export class WatchableStore {
  /** keyWatchers index single-key watchers by key; rangeWatchers are checked one by one. */
  private keyWatchers = new Map<string, Set<WatcherState>>();
  private rangeWatchers = new Set<WatcherState>();
  private dirty = new Set<WatcherState>();
  private flushScheduled = false;
  private progressTimer: Timer | undefined;

  constructor(
    private readonly kv: MvccStore,
    private readonly clock: Clock,
    private readonly progressInterval = defaultProgressInterval,
  ) {}

  get watcherCount(): number {
    let n = this.rangeWatchers.size;
    for (const set of this.keyWatchers.values()) n += set.size;
    return n;
  }

  watch(key: string, options: WatchOptions, onBatch: (b: WatchBatch) => void, onError?: (e: Error) => void): Watcher {
    const start = options.startRevision && options.startRevision > 0 ? options.startRevision : this.kv.revision + 1;
    const w: WatcherState = {
      key,
      end: resolveEnd(key, options),
      minRev: start,
      prevKv: !!options.prevKv,
      progressNotify: !!options.progressNotify,
      queue: [],
      canceled: false,
      onBatch,
      onError,
    };
    if (start < this.kv.compactRevision) {
      // Like etcd, a watch below the compacted revision ends at once with ErrCompacted.
      const err = new CompactedError(start, this.kv.compactRevision);
      queueMicrotask(() => !w.canceled && onError?.(err));
      return { cancel: () => void (w.canceled = true) };
    }
    if (start <= this.kv.revision) {
      for (const ev of this.kv.changesSince(start)) {
        if (inRange(ev.kv.key, w.key, w.end)) w.queue.push(w.prevKv ? ev : bare(ev));
      }
      w.minRev = this.kv.revision + 1;
      if (w.queue.length > 0) this.markDirty(w);
    }
    this.add(w);
    if (w.progressNotify) this.ensureProgressTimer();
    return { cancel: () => this.remove(w) };
  }

  /** notify queues committed (durable) events for every watcher whose range covers them. */
  notify(events: WatchEvent[]): void {
    if (events.length === 0) return;
    const hasRange = this.rangeWatchers.size > 0;
    for (const ev of events) {
      const k = ev.kv.key;
      const set = this.keyWatchers.get(k);
      if (set) for (const w of set) this.enqueue(w, ev);
      if (!hasRange) continue;
      for (const w of this.rangeWatchers) if (inRange(k, w.key, w.end)) this.enqueue(w, ev);
    }
  }

  /** cancelAll ends every watcher (store closing). */
  cancelAll(): void {
    for (const w of [...this.rangeWatchers]) this.remove(w);
    for (const set of [...this.keyWatchers.values()]) for (const w of [...set]) this.remove(w);
    this.progressTimer?.stop();
  }

  private enqueue(w: WatcherState, ev: WatchEvent): void {
    if (ev.kv.modRevision < w.minRev) return;
    w.queue.push(w.prevKv ? ev : bare(ev));
    this.markDirty(w);
  }

  private markDirty(w: WatcherState): void {
    this.dirty.add(w);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** flush sends each dirty watcher its queued events as one batch. */
  private flush(): void {
    this.flushScheduled = false;
    const dirty = [...this.dirty];
    this.dirty.clear();
    const revision = this.kv.revision;
    for (const w of dirty) {
      if (w.canceled || w.queue.length === 0) continue;
      const events = w.queue;
      w.queue = [];
      deliver(w, { events, revision });
    }
  }

  private ensureProgressTimer(): void {
    if (this.progressTimer) return;
    const tick = () => {
      this.progressTimer = undefined;
      let any = false;
      for (const w of this.all()) {
        if (!w.progressNotify) continue;
        any = true;
        if (w.queue.length === 0) deliver(w, { events: [], revision: this.kv.revision });
      }
      if (any) this.progressTimer = this.clock.setTimer(this.progressInterval, tick);
    };
    this.progressTimer = this.clock.setTimer(this.progressInterval, tick);
  }

  private *all(): Iterable<WatcherState> {
    yield* this.rangeWatchers;
    for (const set of this.keyWatchers.values()) yield* set;
  }

  private add(w: WatcherState): void {
    if (w.end !== undefined) {
      this.rangeWatchers.add(w);
      return;
    }
    let set = this.keyWatchers.get(w.key);
    if (!set) this.keyWatchers.set(w.key, (set = new Set()));
    set.add(w);
  }

  private remove(w: WatcherState): void {
    w.canceled = true;
    this.dirty.delete(w);
    if (w.end !== undefined) {
      this.rangeWatchers.delete(w);
      return;
    }
    const set = this.keyWatchers.get(w.key);
    set?.delete(w);
    if (set && set.size === 0) this.keyWatchers.delete(w.key);
  }
}

function bare(ev: WatchEvent): WatchEvent {
  return ev.prevKv ? { type: ev.type, kv: ev.kv } : ev;
}

function deliver(w: WatcherState, batch: WatchBatch): void {
  try {
    w.onBatch(batch);
  } catch {
    // A failing consumer must not stop delivery to the other watchers.
  }
}
