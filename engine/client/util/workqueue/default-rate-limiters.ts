// Mirrors k8s.io/client-go/util/workqueue/default_rate_limiters.go: how long an item waits before
// it is retried. Durations are milliseconds.
import type { Clock } from '../../../util/clock.js';

export interface RateLimiter<T> {
  /** when returns how long to wait before the item may be processed again. */
  when(item: T): number;
  /** forget stops tracking the item (it succeeded). */
  forget(item: T): void;
  numRequeues(item: T): number;
}

/** ItemExponentialFailureRateLimiter waits baseDelay * 2^failures, capped at maxDelay, per item. */
export class ItemExponentialFailureRateLimiter<T> implements RateLimiter<T> {
  private readonly failures = new Map<T, number>();

  constructor(
    readonly baseDelay: number,
    readonly maxDelay: number,
  ) {}

  when(item: T): number {
    const exp = this.failures.get(item) ?? 0;
    this.failures.set(item, exp + 1);
    const backoff = this.baseDelay * 2 ** exp;
    return backoff > this.maxDelay ? this.maxDelay : backoff;
  }
  forget(item: T): void {
    this.failures.delete(item);
  }
  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }
}

/** ItemFastSlowRateLimiter retries quickly maxFastAttempts times, then slowly. */
export class ItemFastSlowRateLimiter<T> implements RateLimiter<T> {
  private readonly failures = new Map<T, number>();

  constructor(
    readonly fastDelay: number,
    readonly slowDelay: number,
    readonly maxFastAttempts: number,
  ) {}

  when(item: T): number {
    const n = (this.failures.get(item) ?? 0) + 1;
    this.failures.set(item, n);
    return n <= this.maxFastAttempts ? this.fastDelay : this.slowDelay;
  }
  forget(item: T): void {
    this.failures.delete(item);
  }
  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }
}

/**
 * BucketRateLimiter is an overall token bucket (golang.org/x/time/rate's Limiter): qps tokens a
 * second, up to burst saved. Each when() reserves a token; with none left it returns the wait until
 * its token arrives. It does not track items.
 */
export class BucketRateLimiter<T> implements RateLimiter<T> {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    readonly qps: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  when(_item: T): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }
  forget(_item: T): void {}
  numRequeues(_item: T): number {
    return 0;
  }
}

/** MaxOfRateLimiter waits as long as the slowest of its limiters. */
export class MaxOfRateLimiter<T> implements RateLimiter<T> {
  readonly limiters: RateLimiter<T>[];

  constructor(...limiters: RateLimiter<T>[]) {
    this.limiters = limiters;
  }

  when(item: T): number {
    // Every limiter must see the failure, so evaluate all before taking the max.
    return Math.max(0, ...this.limiters.map((l) => l.when(item)));
  }
  forget(item: T): void {
    for (const l of this.limiters) l.forget(item);
  }
  numRequeues(item: T): number {
    return Math.max(0, ...this.limiters.map((l) => l.numRequeues(item)));
  }
}

/**
 * defaultControllerRateLimiter is what controllers use: per-item exponential backoff from 5ms to
 * 1000s, and an overall 10 qps with a burst of 100.
 */
export function defaultControllerRateLimiter<T>(clock: Clock): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(new ItemExponentialFailureRateLimiter<T>(5, 1000 * 1000), new BucketRateLimiter<T>(clock, 10, 100));
}
