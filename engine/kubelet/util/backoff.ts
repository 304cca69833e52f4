// Mirrors k8s.io/client-go/util/flowcontrol/backoff.go: per-key exponential back-off. Next doubles a
// key's delay up to max; an entry is forgotten once the event it is asked about comes more than
// 2×max after its last update (a container that ran ten minutes restarts without delay again).
import type { Clock } from '../../util/clock.js';

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly perItem = new Map<string, Entry>();

  constructor(
    readonly clock: Clock,
    readonly initial: number,
    readonly max: number,
  ) {}

  /** get returns the key's current delay (0 when unknown). */
  get(id: string): number {
    return this.perItem.get(id)?.backoff ?? 0;
  }

  /** next moves the key's delay one step, starting over when it expired relative to eventTime. */
  next(id: string, eventTime: number): void {
    const entry = this.perItem.get(id);
    const now = this.clock.now();
    if (!entry || hasExpired(eventTime, entry.lastUpdate, this.max)) {
      this.perItem.set(id, { backoff: this.initial, lastUpdate: now });
      return;
    }
    entry.backoff = Math.min(entry.backoff * 2, this.max);
    entry.lastUpdate = now;
  }

  /** isInBackOffSince reports whether less than the key's delay has passed since eventTime. */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const entry = this.perItem.get(id);
    if (!entry || hasExpired(eventTime, entry.lastUpdate, this.max)) return false;
    return this.clock.now() - eventTime < entry.backoff;
  }

  /** isInBackOffSinceUpdate reports whether less than the key's delay has passed since its last update. */
  isInBackOffSinceUpdate(id: string, eventTime: number): boolean {
    const entry = this.perItem.get(id);
    if (!entry || hasExpired(eventTime, entry.lastUpdate, this.max)) return false;
    return eventTime - entry.lastUpdate < entry.backoff;
  }

  /** lastUpdate is when the key's delay last moved (undefined when unknown). */
  lastUpdate(id: string): number | undefined {
    return this.perItem.get(id)?.lastUpdate;
  }

  reset(id: string): void {
    this.perItem.delete(id);
  }

  /** gc drops entries untouched for 2×max (upstream runs it periodically). */
  gc(): void {
    const now = this.clock.now();
    for (const [id, e] of this.perItem) if (now - e.lastUpdate > 2 * this.max) this.perItem.delete(id);
  }
}

function hasExpired(eventTime: number, lastUpdate: number, max: number): boolean {
  return eventTime - lastUpdate > max * 2;
}

/** formatDuration prints milliseconds like Go's time.Duration.String ("10s", "1m20s", "5m0s"). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = (rest / 1000).toString();
  const out = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
  return neg ? `-${out}` : out;
}
