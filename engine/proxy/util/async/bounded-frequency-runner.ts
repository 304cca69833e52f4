// Mirrors pkg/util/async/bounded_frequency_runner.go: runs fn when asked, but never more often than
// minInterval and at least every maxInterval. The burst token bucket is reduced to "one run per
// minInterval"; timers come from the injected clock so tests step through it.
import type { Clock, Timer } from '../../../util/clock.js';

export class BoundedFrequencyRunner {
  private lastRun = Number.NEGATIVE_INFINITY;
  private pendingTimer: Timer | undefined;
  private periodicTimer: Timer | undefined;
  private running = false;
  private stopped = false;
  private rerun = false;
  private queued = false;

  constructor(
    readonly name: string,
    private readonly fn: () => void | Promise<void>,
    private readonly clock: Clock,
    private readonly minInterval: number,
    private readonly maxInterval: number,
  ) {}

  /** run asks for fn to run as soon as minInterval allows; requests in between coalesce. */
  run(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    if (this.pendingTimer || this.queued) return;
    const wait = this.lastRun + this.minInterval - this.clock.now();
    if (wait <= 0) {
      this.queued = true;
      queueMicrotask(() => void this.tryRun());
    } else this.pendingTimer = this.clock.setTimer(wait, () => void this.tryRun());
  }

  /** loop starts the periodic (maxInterval) runs until signal aborts. */
  loop(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const stop = () => {
        this.stopped = true;
        this.pendingTimer?.stop();
        this.periodicTimer?.stop();
        resolve();
      };
      if (signal.aborted) return stop();
      signal.addEventListener('abort', stop, { once: true });
      this.schedulePeriodic();
    });
  }

  private schedulePeriodic(): void {
    if (this.stopped || this.maxInterval <= 0) return;
    this.periodicTimer?.stop();
    this.periodicTimer = this.clock.setTimer(this.maxInterval, () => this.run());
  }

  private async tryRun(): Promise<void> {
    this.pendingTimer = undefined;
    this.queued = false;
    if (this.stopped || this.running) return;
    this.running = true;
    this.lastRun = this.clock.now();
    try {
      await this.fn();
    } finally {
      this.running = false;
      this.schedulePeriodic();
      if (this.rerun) {
        this.rerun = false;
        this.run();
      }
    }
  }
}
