// Mirrors k8s.io/client-go/util/workqueue/rate_limiting_queue.go: a delaying queue that asks a
// RateLimiter how long an item should wait before each retry.
import type { Clock } from '../../../util/clock.js';
import { DelayingType, type DelayingInterface } from './delaying-queue.js';
import { defaultControllerRateLimiter, type RateLimiter } from './default-rate-limiters.js';

export interface RateLimitingInterface<T> extends DelayingInterface<T> {
  /** addRateLimited adds the item after the rate limiter says it is ok. */
  addRateLimited(item: T): void;
  /** forget tells the rate limiter the item succeeded, resetting its backoff. */
  forget(item: T): void;
  numRequeues(item: T): number;
}

export class RateLimitingType<T> extends DelayingType<T> implements RateLimitingInterface<T> {
  constructor(
    clock: Clock,
    readonly rateLimiter: RateLimiter<T>,
  ) {
    super(clock);
  }

  addRateLimited(item: T): void {
    this.addAfter(item, this.rateLimiter.when(item));
  }
  forget(item: T): void {
    this.rateLimiter.forget(item);
  }
  numRequeues(item: T): number {
    return this.rateLimiter.numRequeues(item);
  }
}

/** newRateLimitingQueue builds the queue controllers use (workqueue.NewRateLimitingQueue). */
export function newRateLimitingQueue<T>(clock: Clock, rateLimiter: RateLimiter<T> = defaultControllerRateLimiter<T>(clock)): RateLimitingType<T> {
  return new RateLimitingType<T>(clock, rateLimiter);
}
