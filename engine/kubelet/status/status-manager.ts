// Mirrors pkg/kubelet/status/status_manager.go: the kubelet's cache of pod statuses and the one
// writer of pods/status. A status is written only when it changed (ignoring probe times), writes
// for a pod are serialized, and a terminated pod that has a deletionTimestamp is deleted with
// grace 0 and a UID precondition — the last step of graceful deletion. Simplified: a GET + PUT of
// the status subresource instead of a strategic merge patch; failed writes retry on syncBatch.
import type { Pod, PodStatus } from '../../api/core/v1/types.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import { isConflict, isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { Clock, Timer } from '../../util/clock.js';

interface VersionedStatus {
  status: PodStatus;
  name: string;
  namespace: string;
  /** written is the last status the API server accepted. */
  written?: string;
  /** deletable marks a terminated pod whose object may now be removed. */
  deletable: boolean;
  deleted: boolean;
}

/** syncPeriod is how often every pod's status is reconciled with the API server. */
const syncPeriod = 10_000;

export class StatusManager {
  private readonly statuses = new Map<string, VersionedStatus>();
  private readonly inflight = new Map<string, Promise<void>>();
  private timer: Timer | undefined;

  constructor(
    private readonly client: Clientset,
    private readonly clock: Clock,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  start(): void {
    const tick = () => {
      this.timer = this.clock.setTimer(syncPeriod, tick);
      for (const uid of this.statuses.keys()) void this.syncPod(uid);
    };
    this.timer = this.clock.setTimer(syncPeriod, tick);
  }

  stop(): void {
    this.timer?.stop();
  }

  getPodStatus(uid: string): PodStatus | undefined {
    return this.statuses.get(uid)?.status;
  }

  /** setPodStatus caches the status and writes it when it differs from what was written. */
  setPodStatus(pod: Pod, status: PodStatus): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    const cur = this.statuses.get(uid);
    const entry: VersionedStatus = cur ?? { status, name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? 'default', deletable: false, deleted: false };
    entry.status = status;
    this.statuses.set(uid, entry);
    return this.syncPod(uid);
  }

  /** terminated marks the pod's containers and volumes as gone: it may be deleted now. */
  terminated(pod: Pod): Promise<void> {
    const entry = this.statuses.get(pod.metadata.uid ?? '');
    if (!entry) return Promise.resolve();
    entry.deletable = true;
    return this.syncPod(pod.metadata.uid ?? '');
  }

  /** resync writes a pod's status again even if unchanged (a recreated mirror pod starts with none). */
  resync(uid: string): Promise<void> {
    const entry = this.statuses.get(uid);
    if (!entry) return Promise.resolve();
    entry.written = undefined;
    return this.syncPod(uid);
  }

  removeOrphanedStatus(uid: string): void {
    this.statuses.delete(uid);
  }

  /** syncPod writes one pod's status; calls for the same pod run one after another. */
  syncPod(uid: string): Promise<void> {
    const prev = this.inflight.get(uid) ?? Promise.resolve();
    const next = prev.then(() => this.doSync(uid)).catch((err: unknown) => this.log(`status for pod ${uid}: ${String(err)}`));
    this.inflight.set(uid, next);
    void next.finally(() => {
      if (this.inflight.get(uid) === next) this.inflight.delete(uid);
    });
    return next;
  }

  /** flush waits for every write in flight. */
  async flush(): Promise<void> {
    await Promise.all([...this.inflight.values()]);
  }

  private async doSync(uid: string): Promise<void> {
    const entry = this.statuses.get(uid);
    if (!entry || entry.deleted) return;
    const pods = this.client.coreV1().pods(entry.namespace);
    const wanted = normalize(entry.status);
    if (entry.written !== wanted) {
      let pod: Pod;
      try {
        pod = await pods.get(entry.name);
      } catch (err) {
        if (isNotFound(err)) return void this.statuses.delete(uid);
        throw err;
      }
      // A pod recreated with the same name is another pod: leave it to its own entry. A static pod's
      // status goes to its mirror pod, which names the static pod's UID (translatePodUID upstream).
      const mirrorOf = pod.metadata.annotations?.['kubernetes.io/config.mirror'];
      if (pod.metadata.uid !== uid && mirrorOf !== uid) return void this.statuses.delete(uid);
      const merged: PodStatus = { ...entry.status };
      // Conditions the kubelet does not own (PodScheduled, readiness gates) stay as the API has them.
      const owned = new Set((entry.status.conditions ?? []).map((c) => c.type));
      merged.conditions = [...(entry.status.conditions ?? []), ...(pod.status?.conditions ?? []).filter((c) => !owned.has(c.type))];
      if (normalize(pod.status ?? {}) !== normalize(merged)) {
        try {
          await pods.updateStatus({ ...pod, status: merged });
        } catch (err) {
          if (isConflict(err) || isNotFound(err)) return;
          throw err;
        }
      }
      entry.written = wanted;
      entry.status = merged;
    }
    if (entry.deletable) {
      try {
        await pods.delete(entry.name, { gracePeriodSeconds: 0, preconditions: { uid } });
      } catch (err) {
        if (!isNotFound(err) && !isConflict(err)) throw err;
      }
      entry.deleted = true;
      this.statuses.delete(uid);
    }
  }
}

/** normalize is the comparison form: probe times do not count as a change. */
function normalize(status: PodStatus): string {
  const conditions = [...(status.conditions ?? [])].map((c) => ({ ...c, lastProbeTime: null })).sort((a, b) => (a.type < b.type ? -1 : 1));
  return JSON.stringify({ ...status, conditions });
}
