// Mirrors k8s.io/client-go/util/workqueue/delaying_queue.go: a queue whose addAfter() adds an item
// once a delay has passed on the injected clock. Upstream keeps a heap and one goroutine; here each
// waiting item holds a clock timer. Adding an item that is already waiting keeps the earlier time.
import type { Clock, Timer } from '../../../util/clock.js';
import { Type, type Interface } from './queue.js';

export interface DelayingInterface<T> extends Interface<T> {
  addAfter(item: T, ms: number): void;
}

export class DelayingType<T> extends Type<T> implements DelayingInterface<T> {
  private readonly waiting = new Map<T, { readyAt: number; timer: Timer }>();

  constructor(protected readonly clock: Clock) {
    super();
  }

  addAfter(item: T, ms: number): void {
    if (this.shuttingDown()) return;
    if (ms <= 0) {
      this.add(item);
      return;
    }
    const readyAt = this.clock.now() + ms;
    const existing = this.waiting.get(item);
    if (existing) {
      if (existing.readyAt <= readyAt) return;
      existing.timer.stop();
    }
    const timer = this.clock.setTimer(ms, () => {
      this.waiting.delete(item);
      this.add(item);
    });
    this.waiting.set(item, { readyAt, timer });
  }

  /** waitingCount is how many items wait for their delay (for tests and debugging). */
  waitingCount(): number {
    return this.waiting.size;
  }

  override shutDown(): void {
    for (const { timer } of this.waiting.values()) timer.stop();
    this.waiting.clear();
    super.shutDown();
  }
}

export function newDelayingQueue<T>(clock: Clock): DelayingType<T> {
  return new DelayingType<T>(clock);
}
