// Mirrors pkg/kubelet/pod_workers.go: one serialized worker per pod UID. UpdatePod coalesces
// updates (only the latest pending one runs next) and moves a pod through syncPod → (terminal or
// kill requested) syncTerminatingPod → syncTerminatedPod, never backwards. After a sync the pod is
// requeued: after the error back-off on failure, when a back-off expires, else after the resync
// interval. Simplified: no jitter, so timings in tests are exact.
import type { Pod } from '../api/core/v1/types.js';
import type { Clock, Timer } from '../util/clock.js';

export type UpdateType = 'create' | 'update' | 'sync' | 'kill';

export interface SyncPodResult {
  isTerminal: boolean;
  error?: string;
  nextSyncAt?: number;
}

export interface PodSyncer {
  syncPod(updateType: UpdateType, pod: Pod): Promise<SyncPodResult>;
  syncTerminatingPod(pod: Pod, gracePeriod: number): Promise<void>;
  syncTerminatedPod(pod: Pod): Promise<void>;
}

interface PodSyncStatus {
  pod: Pod;
  pending?: { updateType: UpdateType; pod: Pod };
  working: boolean;
  terminatingAt?: number;
  terminatedAt?: number;
  finished: boolean;
  gracePeriod: number;
  timer?: Timer;
  done: Promise<void>;
}

/** backOffPeriod is the requeue delay after a failed sync (upstream jitters it by up to 50%). */
export const backOffPeriod = 10_000;

export class PodWorkers {
  private readonly states = new Map<string, PodSyncStatus>();

  constructor(
    private readonly syncer: PodSyncer,
    private readonly clock: Clock,
    private readonly resyncInterval = 60_000,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  /** updatePod queues work for the pod; kill (or a deletionTimestamp) starts its termination. */
  updatePod(updateType: UpdateType, pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    let s = this.states.get(uid);
    if (!s) {
      s = { pod, working: false, finished: false, gracePeriod: 0, done: Promise.resolve() };
      this.states.set(uid, s);
    }
    if (s.finished) return;
    s.pod = pod;
    if ((updateType === 'kill' || pod.metadata.deletionTimestamp) && s.terminatingAt === undefined) {
      s.terminatingAt = this.clock.now();
      s.gracePeriod = gracePeriodFor(pod);
    } else if (s.terminatingAt !== undefined && pod.metadata.deletionGracePeriodSeconds !== undefined) {
      // A second delete may only shorten the grace period.
      s.gracePeriod = Math.min(s.gracePeriod, pod.metadata.deletionGracePeriodSeconds);
    }
    s.pending = { updateType, pod };
    if (!s.working) s.done = this.managePodLoop(uid, s);
  }

  private async managePodLoop(uid: string, s: PodSyncStatus): Promise<void> {
    s.working = true;
    s.timer?.stop();
    try {
      while (s.pending && !s.finished) {
        const { updateType, pod } = s.pending;
        s.pending = undefined;
        try {
          if (s.terminatedAt !== undefined) {
            await this.syncer.syncTerminatedPod(pod);
            s.finished = true;
          } else if (s.terminatingAt !== undefined) {
            await this.syncer.syncTerminatingPod(pod, s.gracePeriod);
            s.terminatedAt = this.clock.now();
            s.pending ??= { updateType: 'sync', pod: s.pod };
          } else {
            const r = await this.syncer.syncPod(updateType, pod);
            if (r.isTerminal) {
              s.terminatingAt = this.clock.now();
              s.gracePeriod = 0;
              s.pending ??= { updateType: 'sync', pod: s.pod };
            } else if (!s.pending) {
              const at = r.error ? this.clock.now() + backOffPeriod : r.nextSyncAt ?? this.clock.now() + this.resyncInterval;
              this.requeueAt(uid, s, r.nextSyncAt !== undefined ? Math.min(at, r.nextSyncAt) : at);
            }
          }
        } catch (err) {
          this.log(`error syncing pod ${pod.metadata.namespace}/${pod.metadata.name}: ${err instanceof Error ? err.message : String(err)}`);
          if (!s.pending) this.requeueAt(uid, s, this.clock.now() + backOffPeriod);
        }
      }
    } finally {
      s.working = false;
    }
  }

  private requeueAt(uid: string, s: PodSyncStatus, at: number): void {
    s.timer?.stop();
    s.timer = this.clock.setTimer(Math.max(0, at - this.clock.now()), () => {
      if (this.states.get(uid) === s && !s.finished) this.updatePod('sync', s.pod);
    });
  }

  isPodTerminationRequested(uid: string): boolean {
    return this.states.get(uid)?.terminatingAt !== undefined;
  }

  isPodTerminated(uid: string): boolean {
    return this.states.get(uid)?.terminatedAt !== undefined;
  }

  isPodFinished(uid: string): boolean {
    return this.states.get(uid)?.finished ?? false;
  }

  /** forgetWorker drops a finished pod's record once its object is gone. */
  forgetWorker(uid: string): void {
    const s = this.states.get(uid);
    if (s?.finished) {
      s.timer?.stop();
      this.states.delete(uid);
    }
  }

  knownPods(): Pod[] {
    return [...this.states.values()].map((s) => s.pod);
  }

  /** idle resolves when no worker has work in flight (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.done));
  }

  stop(): void {
    for (const s of this.states.values()) s.timer?.stop();
  }
}

/** gracePeriodFor is the pod's deletion grace period, else its terminationGracePeriodSeconds. */
export function gracePeriodFor(pod: Pod): number {
  return pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
}
