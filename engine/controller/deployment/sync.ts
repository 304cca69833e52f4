// Mirrors pkg/controller/deployment/sync.go: the parts every strategy shares — finding or creating
// the new replica set (named "<deployment>-<pod-template-hash>", revision annotations), scaling
// (proportionally while a rollout is in flight), cleaning up old revisions, pause conditions and
// the deployment's status.
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/apps/v1/types.js';
import { isAlreadyExists } from '../../apimachinery/api/errors/errors.js';
import { deepCopy, deepEqual } from '../../apimachinery/api/equality/semantic.js';
import { computeHash, errMessage, getControllerOf, newControllerRef } from '../controller-utils.js';
import type { DeploymentController } from './deployment-controller.js';
import { controllerKind } from './deployment-controller.js';
import { getRollbackTo } from './rollback.js';
import * as du from './util/deployment-util.js';

/** sync scales and cleans up without rolling out: paused deployments and pure scaling events. */
export async function sync(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  await scale(dc, d, newRS, oldRSs);
  // A paused deployment is a safe moment to prune history (unless a rollback is pending).
  if (d.spec?.paused && getRollbackTo(d) === undefined) await cleanupDeployment(dc, oldRSs, d);
  await syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** syncStatusOnly only updates the status (a deployment being deleted). */
export async function syncStatusOnly(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  await syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** checkPausedConditions records DeploymentPaused / DeploymentResumed on the Progressing condition. */
export async function checkPausedConditions(dc: DeploymentController, d: Deployment): Promise<void> {
  if (!du.hasProgressDeadline(d)) return;
  const cond = du.getDeploymentCondition(d.status, du.DeploymentProgressing);
  if (cond?.reason === du.TimedOutReason) return; // a timed-out deployment keeps saying so
  const pausedCondExists = cond?.reason === du.PausedDeployReason;
  const status: DeploymentStatus = (d.status ??= {});
  const now = dc.clock.now();
  if (d.spec?.paused && !pausedCondExists) {
    du.setDeploymentCondition(status, du.newDeploymentCondition(du.DeploymentProgressing, 'Unknown', du.PausedDeployReason, 'Deployment is paused', now));
  } else if (!d.spec?.paused && pausedCondExists) {
    du.setDeploymentCondition(status, du.newDeploymentCondition(du.DeploymentProgressing, 'Unknown', du.ResumedDeployReason, 'Deployment is resumed', now));
  } else return;
  await dc.updateDeploymentStatus(d);
}

/** getAllReplicaSetsAndSyncRevision returns the new replica set (created if asked) and the old ones. */
export async function getAllReplicaSetsAndSyncRevision(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[], createIfNotExisted: boolean): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }> {
  const { allOldRSs } = du.findOldReplicaSets(d, rsList);
  const newRS = await getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  return { newRS, oldRSs: allOldRSs };
}

async function getNewReplicaSet(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], createIfNotExisted: boolean): Promise<ReplicaSet | undefined> {
  const existingNewRS = du.findNewReplicaSet(d, rsList);
  const newRevision = String(du.maxRevision(oldRSs) + 1);
  const now = dc.clock.now();
  const ns = d.metadata.namespace ?? '';
  if (existingNewRS) {
    let rsCopy = deepCopy(existingNewRS);
    const annotationsUpdated = du.setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReadySecondsNeedsUpdate = (rsCopy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      rsCopy.spec = { ...rsCopy.spec!, minReadySeconds: d.spec?.minReadySeconds ?? 0 };
      rsCopy = await dc.client.appsV1().replicaSets(ns).update(rsCopy);
    }
    let needsUpdate = du.setDeploymentRevision(d, rsCopy.metadata.annotations?.[du.RevisionAnnotation] ?? '');
    const status = (d.status ??= {});
    if (du.hasProgressDeadline(d) && !du.getDeploymentCondition(status, du.DeploymentProgressing)) {
      du.setDeploymentCondition(status, du.newDeploymentCondition(du.DeploymentProgressing, 'True', du.FoundNewRSReason, `Found new replica set "${rsCopy.metadata.name}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) await dc.updateDeploymentStatus(d);
    return rsCopy;
  }
  if (!createIfNotExisted) return undefined;

  const template = deepCopy(d.spec!.template);
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [du.DefaultDeploymentUniqueLabelKey]: hash } };
  const selector = deepCopy(d.spec!.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [du.DefaultDeploymentUniqueLabelKey]: hash };
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: ns, ownerReferences: [newControllerRef(d, controllerKind)], labels: { ...template.metadata.labels } },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  const newReplicasCount = du.newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = newReplicasCount;
  du.setNewReplicaSetAnnotations(d, newRS, newRevision, false);

  let createdRS: ReplicaSet;
  let alreadyExists = false;
  try {
    createdRS = await dc.client.appsV1().replicaSets(ns).create(newRS);
  } catch (err) {
    if (isAlreadyExists(err)) {
      alreadyExists = true;
      const rs = dc.rsInformer.informer().getIndexer().getByKey(`${ns}/${newRS.metadata.name}`) ?? (await dc.client.appsV1().replicaSets(ns).get(newRS.metadata.name!));
      const ref = getControllerOf(rs);
      if (ref?.uid === d.metadata.uid && du.equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
        createdRS = rs; // our own, seen late by the informer
      } else {
        // A hash collision: bump collisionCount so the next sync computes another name.
        d.status = { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        await dc.updateDeploymentStatus(d);
        throw err;
      }
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata.name}": ${errMessage(err)}`;
      if (du.hasProgressDeadline(d)) {
        du.setDeploymentCondition((d.status ??= {}), du.newDeploymentCondition(du.DeploymentProgressing, 'False', du.FailedRSCreateReason, msg, now));
        await dc.updateDeploymentStatus(d).catch(() => undefined);
      }
      dc.recorder.eventf(d, 'Warning', du.FailedRSCreateReason, msg);
      throw err;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    dc.recorder.eventf(d, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set %s to %d', createdRS.metadata.name, newReplicasCount);
  }
  let needsUpdate = du.setDeploymentRevision(d, newRevision);
  if (!alreadyExists && du.hasProgressDeadline(d)) {
    du.setDeploymentCondition((d.status ??= {}), du.newDeploymentCondition(du.DeploymentProgressing, 'True', du.NewReplicaSetReason, `Created new replica set "${createdRS.metadata.name}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) await dc.updateDeploymentStatus(d);
  return createdRS;
}

/**
 * scale brings the replica sets to the deployment's size: one active set takes it all; during a
 * rollout extra or missing replicas are spread in proportion to each set's size.
 */
export async function scale(dc: DeploymentController, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
  const replicas = du.deploymentReplicas(d);
  const activeOrLatest = du.findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (du.specReplicas(activeOrLatest) === replicas) return;
    await scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicas, d);
    return;
  }
  if (du.isSaturated(d, newRS)) {
    for (const old of du.filterActiveReplicaSets(oldRSs)) await scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }
  if (!du.isRollingUpdate(d)) return;
  const allRSs = du.filterActiveReplicaSets([...oldRSs, newRS]);
  const allRSsReplicas = du.getReplicaCountForReplicaSets(allRSs);
  const allowedSize = replicas > 0 ? replicas + du.maxSurge(d) : 0;
  const toAdd = allowedSize - allRSsReplicas;
  let scalingOperation = '';
  if (toAdd > 0) {
    allRSs.sort(du.bySizeNewer);
    scalingOperation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(du.bySizeOlder);
    scalingOperation = 'down';
  }
  const nameToSize = new Map<string, number>();
  let added = 0;
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = du.getProportion(rs, d, toAdd, added);
      nameToSize.set(rs.metadata.name!, du.specReplicas(rs) + proportion);
      added += proportion;
    } else nameToSize.set(rs.metadata.name!, du.specReplicas(rs));
  }
  // The leftover goes to the largest replica set (the newest when scaling up).
  if (toAdd !== 0 && allRSs.length) {
    const first = allRSs[0]!.metadata.name!;
    nameToSize.set(first, Math.max(0, nameToSize.get(first)! + toAdd - added));
  }
  for (const rs of allRSs) await scaleReplicaSet(dc, rs, nameToSize.get(rs.metadata.name!)!, d, scalingOperation);
}

/** scaleReplicaSetAndRecordEvent scales rs and says so in a ScalingReplicaSet event. */
export async function scaleReplicaSetAndRecordEvent(dc: DeploymentController, rs: ReplicaSet, newScale: number, d: Deployment): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  if (du.specReplicas(rs) === newScale) return { scaled: false, rs };
  const op = du.specReplicas(rs) < newScale ? 'up' : 'down';
  return scaleReplicaSet(dc, rs, newScale, d, op);
}

export async function scaleReplicaSet(dc: DeploymentController, rs: ReplicaSet, newScale: number, d: Deployment, scalingOperation: string): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  const sizeNeedsUpdate = du.specReplicas(rs) !== newScale;
  const replicas = du.deploymentReplicas(d);
  const annotationsNeedUpdate = du.replicasAnnotationsNeedUpdate(rs, replicas, replicas + du.maxSurge(d));
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return { scaled: false, rs };
  const rsCopy = deepCopy(rs);
  rsCopy.spec = { ...rsCopy.spec!, replicas: newScale };
  du.setReplicasAnnotations(rsCopy, replicas, replicas + du.maxSurge(d));
  const updated = await dc.client.appsV1().replicaSets(rs.metadata.namespace ?? '').update(rsCopy);
  if (sizeNeedsUpdate) dc.recorder.eventf(d, 'Normal', 'ScalingReplicaSet', 'Scaled %s replica set %s to %d', scalingOperation, rs.metadata.name, newScale);
  return { scaled: sizeNeedsUpdate, rs: updated };
}

/** cleanupDeployment deletes the oldest scaled-down replica sets beyond revisionHistoryLimit. */
export async function cleanupDeployment(dc: DeploymentController, oldRSs: ReplicaSet[], d: Deployment): Promise<void> {
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(du.byRevision);
  const diff = cleanable.length - limit;
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i]!;
    // Only replica sets fully scaled down (and known to be) may go.
    if ((rs.status?.replicas ?? 0) !== 0 || du.specReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    try {
      await dc.client.appsV1().replicaSets(rs.metadata.namespace ?? '').delete(rs.metadata.name!);
    } catch (err) {
      if (!(err instanceof Error && /not found/.test(err.message))) throw err;
    }
  }
}

/** syncDeploymentStatus writes calculateStatus unless it is what the deployment already says. */
export async function syncDeploymentStatus(dc: DeploymentController, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
  const newStatus = calculateStatus(dc, allRSs, newRS, d);
  if (deepEqual(d.status ?? {}, newStatus)) return;
  d.status = newStatus;
  await dc.updateDeploymentStatus(d);
}

/** calculateStatus sums the replica sets' counts and sets the Available condition. */
export function calculateStatus(dc: DeploymentController, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): DeploymentStatus {
  const availableReplicas = du.getAvailableReplicaCountForReplicaSets(allRSs);
  const totalReplicas = du.getReplicaCountForReplicaSets(allRSs);
  const unavailableReplicas = Math.max(0, totalReplicas - availableReplicas);
  const status: DeploymentStatus = {};
  const put = (k: 'observedGeneration' | 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas' | 'unavailableReplicas' | 'collisionCount', v: number | undefined) => {
    if (v) status[k] = v;
  };
  put('observedGeneration', d.metadata.generation);
  put('replicas', du.getActualReplicaCountForReplicaSets(allRSs));
  put('updatedReplicas', du.getActualReplicaCountForReplicaSets([newRS]));
  put('readyReplicas', du.getReadyReplicaCountForReplicaSets(allRSs));
  put('availableReplicas', availableReplicas);
  put('unavailableReplicas', unavailableReplicas);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  status.conditions = (d.status?.conditions ?? []).map((c) => ({ ...c }));
  const now = dc.clock.now();
  if (availableReplicas >= du.deploymentReplicas(d) - du.maxUnavailable(d)) {
    du.setDeploymentCondition(status, du.newDeploymentCondition(du.DeploymentAvailable, 'True', du.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    du.setDeploymentCondition(status, du.newDeploymentCondition(du.DeploymentAvailable, 'False', du.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** isScalingEvent: some active replica set was sized for a different spec.replicas. */
export async function isScalingEvent(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): Promise<boolean> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of du.filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = du.getDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== du.deploymentReplicas(d)) return true;
  }
  return false;
}
