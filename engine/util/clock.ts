// Mirrors k8s.io/utils/clock: a Clock interface with a real and a virtual (fake) implementation.
// Engine code reads time and schedules timers only through a Clock, so tests can run minutes of
// cluster time in milliseconds.

export interface Timer {
  stop(): void;
}

export interface Clock {
  /** now returns the current time in milliseconds since the epoch. */
  now(): number;
  /** setTimer runs fn once after ms milliseconds of this clock's time. */
  setTimer(ms: number, fn: () => void): Timer;
  /** sleep resolves after ms milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** RealClock reads the wall clock and uses the host's timers. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
  setTimer(ms: number, fn: () => void): Timer {
    const handle = setTimeout(fn, Math.max(0, ms));
    // Timers must not keep a Node process alive on their own (the server holds it open).
    (handle as { unref?: () => void }).unref?.();
    return { stop: () => clearTimeout(handle) };
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }
}

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  stopped: boolean;
}

/**
 * VirtualClock only moves when a test calls `step` or `advance`; timers due in the stepped window
 * fire in time order. `advance` also yields to pending promise jobs between timers so async code
 * woken by one timer can schedule the next.
 */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const timer: PendingTimer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, stopped: false };
    this.timers.push(timer);
    return { stop: () => void (timer.stopped = true) };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(ms, resolve));
  }

  /** pendingTimers counts timers that have not fired or been stopped. */
  pendingTimers(): number {
    return this.timers.filter((t) => !t.stopped).length;
  }

  /** step moves time forward by ms synchronously, firing due timers in order. */
  step(ms: number): void {
    const target = this.current + ms;
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = target;
  }

  /** advance moves time forward by ms, letting promise jobs run after each timer fires. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await flushMicrotasks();
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      this.current = Math.max(this.current, next.at);
      next.fn();
      await flushMicrotasks();
    }
    this.current = target;
    await flushMicrotasks();
  }

  private nextDue(target: number): PendingTimer | undefined {
    this.timers = this.timers.filter((t) => !t.stopped);
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (t.at > target) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    if (best) best.stopped = true;
    return best;
  }
}

/** flushMicrotasks lets queued promise jobs run (several rounds, for chains of awaits). */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/**
 * yieldToHost lets the host run one round of its own tasks (I/O callbacks, Web Crypto results)
 * that no amount of virtual time or promise flushing would deliver. For tests and drivers only.
 */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
