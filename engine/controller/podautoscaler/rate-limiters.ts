// Mirrors pkg/controller/podautoscaler/rate_limiters.go: every autoscaler is queued again exactly
// one resync period (--horizontal-pod-autoscaler-sync-period) after it was last handed out.
import type { RateLimiter } from '../../client/util/workqueue/default-rate-limiters.js';

/** FixedItemIntervalRateLimiter answers the same interval for every item, every time. */
export class FixedItemIntervalRateLimiter<T> implements RateLimiter<T> {
  constructor(readonly interval: number) {}
  when(): number {
    return this.interval;
  }
  forget(): void {}
  numRequeues(): number {
    return 1;
  }
}

/** newDefaultHPARateLimiter limits each autoscaler to one sync per interval. */
export function newDefaultHPARateLimiter<T>(interval: number): RateLimiter<T> {
  return new FixedItemIntervalRateLimiter<T>(interval);
}
