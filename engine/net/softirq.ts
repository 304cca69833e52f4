// Mirrors net/core/dev.c's NET_RX softirq (net_rx_action): received frames are queued and
// processed later, in order, outside the sender's call stack. Here "later" is one microtask that
// drains the queue, so a whole TCP exchange runs without any clock time passing.
import { reportListenerError } from './util/emitter.js';

export class SoftIRQ {
  private queue: Array<() => void> = [];
  private scheduled = false;
  /** budget bounds one drain so a packet storm (a routing loop without TTL) cannot hang the host. */
  constructor(private readonly budget = 1_000_000) {}

  /** raise queues work to run in the next drain. */
  raise(fn: () => void): void {
    this.queue.push(fn);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.run());
    }
  }

  /** pending counts queued work. */
  pending(): number {
    return this.queue.length;
  }

  private run(): void {
    let done = 0;
    while (this.queue.length > 0 && done < this.budget) {
      const fn = this.queue.shift()!;
      done++;
      try {
        fn();
      } catch (err) {
        reportListenerError(err);
      }
    }
    this.scheduled = false;
    if (this.queue.length > 0) {
      this.scheduled = true;
      queueMicrotask(() => this.run());
    }
  }
}
