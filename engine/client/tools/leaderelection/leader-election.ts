// Mirrors k8s.io/client-go/tools/leaderelection/leaderelection.go: candidates race to write their
// identity into a lock record; the holder renews it every retryPeriod and steps down when it cannot
// renew within renewDeadline; others take over once the record is leaseDuration old by their own
// clock (observedTime, so clocks need not agree). Jitter and the health-check adaptor are left out.
import { isNotFound } from '../../../apimachinery/api/errors/errors.js';
import type { Clock } from '../../../util/clock.js';
import { sleep } from '../cache/reflector.js';
import type { Interface as ResourceLock, LeaderElectionRecord } from './resourcelock/interface.js';

export interface LeaderCallbacks {
  /** onStartedLeading runs when we become leader; signal aborts when we stop leading. */
  onStartedLeading(signal: AbortSignal): void;
  /** onStoppedLeading runs when we lose the lease or stop. */
  onStoppedLeading(): void;
  /** onNewLeader reports every leader change we observe, including ourselves. */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  lock: ResourceLock;
  clock: Clock;
  /** leaseDuration is how long non-leaders wait after an observed renewal before taking over (ms). */
  leaseDuration: number;
  /** renewDeadline is how long the leader keeps retrying a renewal before giving up (ms). */
  renewDeadline: number;
  /** retryPeriod is the wait between attempts to acquire or renew (ms). */
  retryPeriod: number;
  callbacks: LeaderCallbacks;
  /** releaseOnCancel clears the record when the run is stopped, so others need not wait. */
  releaseOnCancel?: boolean;
  name?: string;
  onError?: (err: unknown) => void;
}

/** JitterFactor is the slack upstream adds to retryPeriod; renewDeadline must exceed it. */
export const JitterFactor = 1.2;

/** newLeaderElector validates the timings as upstream does. */
export function newLeaderElector(config: LeaderElectionConfig): LeaderElector {
  if (config.leaseDuration <= config.renewDeadline) throw new Error('leaseDuration must be greater than renewDeadline');
  if (config.renewDeadline <= JitterFactor * config.retryPeriod) throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
  if (config.leaseDuration < 1000) throw new Error('leaseDuration must be at least one second');
  return new LeaderElector(config);
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

export class LeaderElector {
  private observedRecord: LeaderElectionRecord | undefined;
  private observedRawRecord = '';
  /** observedTime is when we last saw the record change, on our own clock. */
  private observedTime = 0;
  private reportedLeader = '';

  constructor(readonly config: LeaderElectionConfig) {}

  /** getLeader returns the identity of the last observed leader. */
  getLeader(): string {
    return this.observedRecord?.holderIdentity ?? '';
  }

  isLeader(): boolean {
    return this.getLeader() === this.config.lock.identity();
  }

  /** run campaigns until leading, leads until the lease is lost or signal aborts, then returns. */
  async run(signal: AbortSignal): Promise<void> {
    if (!(await this.acquire(signal))) return;
    const leading = new AbortController();
    const stop = () => leading.abort();
    signal.addEventListener('abort', stop, { once: true });
    this.config.callbacks.onStartedLeading(leading.signal);
    try {
      await this.renew(signal);
    } finally {
      signal.removeEventListener('abort', stop);
      leading.abort();
      this.config.callbacks.onStoppedLeading();
    }
  }

  /** acquire retries every retryPeriod until it holds the lock; false if stopped first. */
  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const ok = await this.tryAcquireOrRenew();
      this.maybeReportTransition();
      if (ok) {
        this.config.lock.recordEvent('became leader');
        return true;
      }
      await sleep(this.config.clock, this.config.retryPeriod, signal);
    }
    return false;
  }

  /** renew keeps the lease while each round succeeds within renewDeadline. */
  private async renew(signal: AbortSignal): Promise<void> {
    const { clock, retryPeriod, renewDeadline } = this.config;
    while (!signal.aborted) {
      const deadline = clock.now() + renewDeadline;
      let renewed = false;
      for (;;) {
        renewed = await this.tryAcquireOrRenew();
        if (renewed || signal.aborted || clock.now() + retryPeriod > deadline) break;
        await sleep(clock, retryPeriod, signal);
      }
      this.maybeReportTransition();
      if (signal.aborted) break;
      if (!renewed) {
        this.config.lock.recordEvent('stopped leading');
        return;
      }
      await sleep(clock, retryPeriod, signal);
    }
    if (this.config.releaseOnCancel) await this.release();
  }

  /** release gives the lease up by writing an empty holder with a one-second lease. */
  private async release(): Promise<boolean> {
    if (!this.isLeader() || !this.observedRecord) return true;
    const now = rfc3339(this.config.clock.now());
    const record: LeaderElectionRecord = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaderTransitions: this.observedRecord.leaderTransitions };
    try {
      await this.config.lock.update(record);
    } catch (err) {
      this.config.onError?.(err);
      return false;
    }
    this.setObserved(record, JSON.stringify(record));
    return true;
  }

  /**
   * tryAcquireOrRenew writes our identity into the record if the lock is free, expired, or ours.
   * It returns true when we hold the lock afterwards.
   */
  async tryAcquireOrRenew(): Promise<boolean> {
    const { lock, clock, leaseDuration } = this.config;
    const now = clock.now();
    const record: LeaderElectionRecord = {
      holderIdentity: lock.identity(),
      leaseDurationSeconds: Math.round(leaseDuration / 1000),
      acquireTime: rfc3339(now),
      renewTime: rfc3339(now),
      leaderTransitions: 0,
    };

    let old: { record: LeaderElectionRecord; raw: string };
    try {
      old = await lock.get();
    } catch (err) {
      if (!isNotFound(err)) {
        this.config.onError?.(err);
        return false;
      }
      try {
        await lock.create(record);
      } catch (createErr) {
        this.config.onError?.(createErr);
        return false;
      }
      this.setObserved(record, JSON.stringify(record));
      return true;
    }

    // Measure the lease from when *we* saw the record change, not from its timestamps.
    if (old.raw !== this.observedRawRecord) this.setObserved(old.record, old.raw);
    const held = old.record.holderIdentity !== '';
    const expired = this.observedTime + old.record.leaseDurationSeconds * 1000 <= now;
    if (held && !expired && !this.isLeader()) return false;

    if (this.isLeader()) {
      record.acquireTime = old.record.acquireTime;
      record.leaderTransitions = old.record.leaderTransitions;
    } else {
      record.leaderTransitions = old.record.leaderTransitions + 1;
    }
    try {
      await lock.update(record);
    } catch (err) {
      this.config.onError?.(err);
      return false;
    }
    this.setObserved(record, JSON.stringify(record));
    return true;
  }

  private setObserved(record: LeaderElectionRecord, raw: string): void {
    this.observedRecord = record;
    this.observedRawRecord = raw;
    this.observedTime = this.config.clock.now();
  }

  private maybeReportTransition(): void {
    const leader = this.getLeader();
    if (leader === this.reportedLeader) return;
    this.reportedLeader = leader;
    if (leader) this.config.callbacks.onNewLeader?.(leader);
  }
}

/** runOrDie builds an elector and runs it (leaderelection.RunOrDie). */
export async function runOrDie(signal: AbortSignal, config: LeaderElectionConfig): Promise<void> {
  await newLeaderElector(config).run(signal);
}
