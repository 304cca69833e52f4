// Mirrors k8s.io/client-go/util/workqueue/queue.go: a FIFO work queue with the dirty and processing
// sets. An item is queued at most once; an item re-added while a worker processes it is queued again
// only when the worker calls done(), so one item is never processed by two workers at once.
// Metrics and shutDownWithDrain are left out.

/** Interface is workqueue.Interface. */
export interface Interface<T> {
  add(item: T): void;
  len(): number;
  /** get waits for an item; shutdown is true once the queue is shut down and drained. */
  get(): Promise<[item: T | undefined, shutdown: boolean]>;
  done(item: T): void;
  shutDown(): void;
  shuttingDown(): boolean;
}

export class Type<T> implements Interface<T> {
  /** queue holds the order of work; every element is in dirty and not in processing. */
  private queue: T[] = [];
  /** dirty holds every item that needs processing. */
  private readonly dirty = new Set<T>();
  /** processing holds items a worker has taken and not yet marked done. */
  private readonly processing = new Set<T>();
  private shutdown = false;
  /** waiters are pending get() calls, woken in order (the condition variable upstream). */
  private waiters: (() => void)[] = [];

  add(item: T): void {
    if (this.shutdown || this.dirty.has(item)) return;
    this.dirty.add(item);
    // Still being processed: done() queues it again afterwards.
    if (this.processing.has(item)) return;
    this.queue.push(item);
    this.signal();
  }

  len(): number {
    return this.queue.length;
  }

  async get(): Promise<[T | undefined, boolean]> {
    while (this.queue.length === 0 && !this.shutdown) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.queue.length === 0) return [undefined, true];
    const item = this.queue.shift()!;
    this.processing.add(item);
    this.dirty.delete(item);
    return [item, false];
  }

  done(item: T): void {
    this.processing.delete(item);
    if (this.dirty.has(item)) {
      this.queue.push(item);
      this.signal();
    }
  }

  /** shutDown makes get() return shutdown=true once the queue is empty, and ignores new adds. */
  shutDown(): void {
    this.shutdown = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  shuttingDown(): boolean {
    return this.shutdown;
  }

  private signal(): void {
    this.waiters.shift()?.();
  }
}

/** newQueue returns a new work queue (workqueue.New). */
export function newQueue<T>(): Type<T> {
  return new Type<T>();
}
