// Mirrors pkg/controller/replicaset/replica_set_utils.go: calculateStatus and updateReplicaSetStatus
// (with one retry after a fresh GET), and the ReplicaFailure condition helpers.
import type { AppsCondition, ReplicaSet, ReplicaSetStatus } from '../../api/apps/v1/types.js';
import type { Pod } from '../../api/core/v1/types.js';
import { deepEqual } from '../../apimachinery/api/equality/semantic.js';
import { selectorFromSet } from '../../apimachinery/labels/selector.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';
import { isPodAvailable, isPodReady } from '../pod-util.js';
import { errMessage } from '../controller-utils.js';

/** statusUpdateRetries: one retry after re-reading the object. */
const statusUpdateRetries = 1;
export const ReplicaSetReplicaFailure = 'ReplicaFailure';

/** calculateStatus counts the active pods a replica set owns and records create/delete failures. */
export function calculateStatus(rs: ReplicaSet, filteredPods: Pod[], manageReplicasErr: unknown, now: number): ReplicaSetStatus {
  const newStatus: ReplicaSetStatus = { ...(rs.status ?? { replicas: 0 }) };
  if (rs.status?.conditions) newStatus.conditions = rs.status.conditions.map((c) => ({ ...c }));
  const templateLabel = selectorFromSet(rs.spec?.template?.metadata?.labels);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  for (const pod of filteredPods) {
    if (templateLabel.matches(pod.metadata.labels ?? {})) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      // A ready pod is available at once without minReadySeconds.
      if (minReadySeconds <= 0 || isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  const failureCond = newStatus.conditions?.find((c) => c.type === ReplicaSetReplicaFailure);
  if (manageReplicasErr !== undefined && !failureCond) {
    const diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const cond: AppsCondition = { type: ReplicaSetReplicaFailure, status: 'True', lastTransitionTime: rfc3339(now), reason, message: errMessage(manageReplicasErr) };
    newStatus.conditions = [...(newStatus.conditions ?? []), cond];
  } else if (manageReplicasErr === undefined && failureCond) {
    newStatus.conditions = newStatus.conditions!.filter((c) => c.type !== ReplicaSetReplicaFailure);
    if (!newStatus.conditions.length) delete newStatus.conditions;
  }
  newStatus.replicas = filteredPods.length;
  // The zero counts are omitted on the wire (omitempty upstream).
  setOrDelete(newStatus, 'fullyLabeledReplicas', fullyLabeled);
  setOrDelete(newStatus, 'readyReplicas', ready);
  setOrDelete(newStatus, 'availableReplicas', available);
  return newStatus;
}

function setOrDelete(s: ReplicaSetStatus, key: 'fullyLabeledReplicas' | 'readyReplicas' | 'availableReplicas', v: number): void {
  if (v) s[key] = v;
  else delete s[key];
}

export interface StatusClient {
  get(namespace: string, name: string): Promise<ReplicaSet>;
  updateStatus(rs: ReplicaSet): Promise<ReplicaSet>;
}

/** updateReplicaSetStatus writes newStatus unless nothing changed; it retries once on failure. */
export async function updateReplicaSetStatus(c: StatusClient, rs: ReplicaSet, newStatus: ReplicaSetStatus): Promise<ReplicaSet> {
  const cur = rs.status ?? { replicas: 0 };
  const gen = rs.metadata.generation ?? 0;
  if (
    cur.replicas === newStatus.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (newStatus.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (newStatus.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (newStatus.availableReplicas ?? 0) &&
    gen === (cur.observedGeneration ?? 0) &&
    deepEqual(cur.conditions ?? [], newStatus.conditions ?? [])
  ) {
    return rs;
  }
  let target = rs;
  let lastErr: unknown;
  for (let i = 0; ; i++) {
    const status: ReplicaSetStatus = { ...newStatus };
    if (target.metadata.generation) status.observedGeneration = target.metadata.generation;
    try {
      return await c.updateStatus({ ...target, status });
    } catch (err) {
      lastErr = err;
    }
    if (i >= statusUpdateRetries) break;
    target = await c.get(rs.metadata.namespace ?? '', rs.metadata.name ?? '');
  }
  throw lastErr;
}
