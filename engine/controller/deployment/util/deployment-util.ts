// Mirrors pkg/controller/deployment/util/deployment_util.go: revision and replica annotations,
// maxSurge/maxUnavailable resolution (intstr rounding as upstream), finding the new and old
// replica sets, replica counts and the Deployment conditions.
import type { AppsCondition, Deployment, DeploymentStatus, ReplicaSet } from '../../../api/apps/v1/types.js';
import type { IntOrString, PodTemplateSpec } from '../../../api/core/v1/types.js';
import { deepCopy, deepEqual } from '../../../apimachinery/api/equality/semantic.js';
import { rfc3339 } from '../../../apimachinery/apis/meta/v1/time.js';

export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const DeprecatedRollbackTo = 'deprecated.deployment.rollback.to';
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';

// Condition types and reasons, as kubectl and users see them.
export const DeploymentAvailable = 'Available';
export const DeploymentProgressing = 'Progressing';
export const DeploymentReplicaFailure = 'ReplicaFailure';
export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const NewReplicaSetReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';

/** annotationsToSkip are the deployment's own bookkeeping, never copied to replica sets. */
const annotationsToSkip = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);

const replicasOf = (x: { spec?: { replicas?: number } } | undefined) => x?.spec?.replicas ?? 1;
export const specReplicas = (rs: ReplicaSet | undefined) => (rs ? (rs.spec?.replicas ?? 1) : 0);
export const deploymentReplicas = (d: Deployment) => replicasOf(d);

/** revision reads a replica set's revision annotation (0 when absent or not a number). */
export function revision(obj: { metadata: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata.annotations?.[RevisionAnnotation];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

export function maxRevision(allRSs: ReplicaSet[]): number {
  return Math.max(0, ...allRSs.map(revision));
}

/** lastRevision is the second highest revision: the one before the current. */
export function lastRevision(allRSs: ReplicaSet[]): number {
  let max = 0;
  let second = 0;
  for (const rs of allRSs) {
    const v = revision(rs);
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) second = v;
  }
  return second;
}

/** copyDeploymentAnnotationsToReplicaSet copies the user's annotations; true when one changed. */
function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  rs.metadata.annotations ??= {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (annotationsToSkip.has(k) || rs.metadata.annotations[k] === v) continue;
    rs.metadata.annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** setDeploymentAnnotationsTo makes the deployment's user annotations those of the rolled-back-to RS. */
export function setDeploymentAnnotationsTo(d: Deployment, rollbackToRS: ReplicaSet): void {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (annotationsToSkip.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rollbackToRS.metadata.annotations ?? {})) if (!annotationsToSkip.has(k)) annotations[k] = v;
  d.metadata.annotations = annotations;
}

/**
 * setNewReplicaSetAnnotations stamps the new replica set with the deployment's annotations and
 * its revision (moving the old number into the revision history); true when anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, newRS: ReplicaSet, newRevision: string, exists: boolean, revHistoryLimitInChars = 2000): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, newRS);
  const annotations = newRS.metadata.annotations!;
  const oldRevision = annotations[RevisionAnnotation];
  const oldRevisionInt = oldRevision === undefined || oldRevision === '' ? 0 : Number(oldRevision);
  if (!Number.isInteger(oldRevisionInt)) return false;
  const newRevisionInt = Number(newRevision);
  if (!Number.isInteger(newRevisionInt)) return false;
  if (oldRevisionInt < newRevisionInt) {
    annotations[RevisionAnnotation] = newRevision;
    changed = true;
  }
  // A replica set that comes back (a rollback) remembers the revisions it had.
  if (oldRevision && oldRevisionInt < newRevisionInt) {
    const history = annotations[RevisionHistoryAnnotation];
    let next = history ? `${history},${oldRevision}` : oldRevision;
    while (next.length > revHistoryLimitInChars && next.includes(',')) next = next.slice(next.indexOf(',') + 1);
    annotations[RevisionHistoryAnnotation] = next;
  }
  if (!exists && setReplicasAnnotations(newRS, deploymentReplicas(d), deploymentReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}

/** setDeploymentRevision records the revision on the deployment; true when it changed. */
export function setDeploymentRevision(d: Deployment, rev: string): boolean {
  d.metadata.annotations ??= {};
  if (d.metadata.annotations[RevisionAnnotation] === rev) return false;
  d.metadata.annotations[RevisionAnnotation] = rev;
  return true;
}

/** setReplicasAnnotations records desired and max replicas, used for proportional scaling. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let updated = false;
  if (a[DesiredReplicasAnnotation] !== String(desired)) {
    a[DesiredReplicasAnnotation] = String(desired);
    updated = true;
  }
  if (a[MaxReplicasAnnotation] !== String(max)) {
    a[MaxReplicasAnnotation] = String(max);
    updated = true;
  }
  return updated;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return !a || a[DesiredReplicasAnnotation] !== String(desired) || a[MaxReplicasAnnotation] !== String(max);
}

export function getDesiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, DesiredReplicasAnnotation);
}

export function getMaxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, MaxReplicasAnnotation);
}

function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

/**
 * getScaledValueFromIntOrPercent resolves an int or "N%" against total; percentages round up or
 * down as asked (intstr.GetScaledValueFromIntOrPercent).
 */
export function getScaledValueFromIntOrPercent(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) {
    if (/^-?\d+$/.test(v)) throw new Error(`invalid type: string is not a percentage`);
    throw new Error(`invalid value for IntOrString: invalid value "${v}": invalid type: string is not a percentage`);
  }
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export const isRollingUpdate = (d: Deployment) => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/**
 * resolveFenceposts turns maxSurge (rounded up) and maxUnavailable (rounded down) into numbers;
 * both zero would deadlock a rollout, so maxUnavailable becomes 1.
 */
export function resolveFenceposts(surge: IntOrString | undefined, unavailable: IntOrString | undefined, desired: number): [number, number] {
  const s = getScaledValueFromIntOrPercent(surge ?? '25%', desired, true);
  let u = getScaledValueFromIntOrPercent(unavailable ?? '25%', desired, false);
  if (s === 0 && u === 0) u = 1;
  return [s, u];
}

export function maxUnavailable(d: Deployment): number {
  const desired = deploymentReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const [, u] = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desired);
  return Math.min(u, desired);
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, deploymentReplicas(d))[0];
}

/** equalIgnoreHash compares templates without the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const c = deepCopy(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels[DefaultDeploymentUniqueLabelKey];
      if (!Object.keys(c.metadata.labels).length) delete c.metadata.labels;
    }
    if (c.metadata && !Object.keys(c.metadata).length) delete c.metadata;
    return c;
  };
  return deepEqual(strip(a), strip(b));
}

const created = (rs: ReplicaSet) => Date.parse(rs.metadata.creationTimestamp ?? '') || 0;
/** byCreationTimestamp: older first, then by name (ReplicaSetsByCreationTimestamp). */
export const byCreationTimestamp = (a: ReplicaSet, b: ReplicaSet) => created(a) - created(b) || (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0);
/** bySizeOlder: larger first, then older (ReplicaSetsBySizeOlder). */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet) => specReplicas(b) - specReplicas(a) || byCreationTimestamp(a, b);
/** bySizeNewer: larger first, then newer (ReplicaSetsBySizeNewer). */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet) => specReplicas(b) - specReplicas(a) || byCreationTimestamp(b, a);
/** byRevision: lower revision first (ReplicaSetsByRevision). */
export const byRevision = (a: ReplicaSet, b: ReplicaSet) => revision(a) - revision(b) || byCreationTimestamp(a, b);

/** findNewReplicaSet returns the oldest replica set whose template equals the deployment's. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** findOldReplicaSets returns the old replica sets: those with pods, and all of them. */
export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): { requiredRSs: ReplicaSet[]; allOldRSs: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, rsList);
  const allOldRSs = rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
  return { requiredRSs: allOldRSs.filter((rs) => specReplicas(rs) !== 0), allOldRSs };
}

export const filterActiveReplicaSets = (rss: (ReplicaSet | undefined)[]) => rss.filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0);
export const getReplicaCountForReplicaSets = (rss: (ReplicaSet | undefined)[]) => rss.reduce((n, rs) => n + specReplicas(rs), 0);
export const getActualReplicaCountForReplicaSets = (rss: (ReplicaSet | undefined)[]) => rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
export const getReadyReplicaCountForReplicaSets = (rss: (ReplicaSet | undefined)[]) => rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
export const getAvailableReplicaCountForReplicaSets = (rss: (ReplicaSet | undefined)[]) => rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);

/** newRSNewReplicas is how many replicas the new replica set may have now. */
export function newRSNewReplicas(d: Deployment, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return deploymentReplicas(d);
  const desired = deploymentReplicas(d);
  const surge = getScaledValueFromIntOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', desired, true);
  const currentPodCount = getReplicaCountForReplicaSets(allRSs);
  const maxTotalPods = desired + surge;
  if (currentPodCount >= maxTotalPods) return specReplicas(newRS);
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, desired - specReplicas(newRS));
  return specReplicas(newRS) + scaleUpCount;
}

/** isSaturated: the new replica set runs all the deployment's replicas, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = getDesiredReplicasAnnotation(rs);
  const n = deploymentReplicas(d);
  return specReplicas(rs) === n && desired === n && (rs.status?.availableReplicas ?? 0) === n;
}

/** findActiveOrLatest returns the only active replica set, else the latest, else undefined. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const sortedOld = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** getProportion is how many of toAdd replicas this replica set gets when scaling proportionally. */
export function getProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (deploymentReplicas(d) === 0) return -specReplicas(rs);
  const dReplicas = deploymentReplicas(d) + maxSurge(d);
  const annotated = getMaxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  if (!annotated) return 0;
  const newSize = (specReplicas(rs) * dReplicas) / annotated;
  return roundToInt(newSize) - specReplicas(rs);
}

/** roundToInt rounds half away from zero (integer.RoundToInt32). */
const roundToInt = (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x));

// ---- conditions ----

export function newDeploymentCondition(type: string, status: AppsCondition['status'], reason: string, message: string, now: number): AppsCondition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): AppsCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** setDeploymentCondition replaces the condition of its type, keeping the transition time if the status is unchanged. */
export function setDeploymentCondition(status: DeploymentStatus, condition: AppsCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const c = { ...condition };
  if (current && current.status === c.status) c.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

/** hasProgressDeadline: set and not the "no deadline" MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== 2147483647;
}

/** deploymentComplete: every replica updated and available, and the latest generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const n = deploymentReplicas(d);
  return (s.updatedReplicas ?? 0) === n && (s.replicas ?? 0) === n && (s.availableReplicas ?? 0) === n && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** deploymentProgressing: the new status shows more updated, ready or available pods, or fewer old ones. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** deploymentTimedOut: no progress for progressDeadlineSeconds since the condition's last update. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(s, DeploymentProgressing);
  if (!cond) return false;
  if (cond.reason === NewRSAvailableReason) return false;
  if (cond.reason === TimedOutReason) return true;
  const from = Date.parse(cond.lastUpdateTime ?? '');
  return from + d.spec!.progressDeadlineSeconds! * 1000 < now;
}
