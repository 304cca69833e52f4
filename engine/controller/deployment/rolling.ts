// Mirrors pkg/controller/deployment/rolling.go: a rolling update scales the new replica set up
// within maxSurge and the old ones down within maxUnavailable, first dropping old pods that are
// not available anyway, until the new replica set holds every replica.
import type { Deployment, ReplicaSet } from '../../api/apps/v1/types.js';
import type { DeploymentController } from './deployment-controller.js';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync.js';
import { syncRolloutStatus } from './progress.js';
import * as du from './util/deployment-util.js';

export async function rolloutRolling(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS!];
  // Scale up, if we can.
  if (await reconcileNewReplicaSet(dc, allRSs, newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  // Scale down, if we can.
  if (await reconcileOldReplicaSets(dc, allRSs, du.filterActiveReplicaSets(oldRSs), newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (du.deploymentComplete(d, d.status ?? {})) await cleanupDeployment(dc, oldRSs, d);
  return syncRolloutStatus(dc, allRSs, newRS, d);
}

async function reconcileNewReplicaSet(dc: DeploymentController, allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  const replicas = du.deploymentReplicas(d);
  if (du.specReplicas(newRS) === replicas) return false;
  if (du.specReplicas(newRS) > replicas) return (await scaleReplicaSetAndRecordEvent(dc, newRS, replicas, d)).scaled;
  const newReplicasCount = du.newRSNewReplicas(d, allRSs, newRS);
  return (await scaleReplicaSetAndRecordEvent(dc, newRS, newReplicasCount, d)).scaled;
}

async function reconcileOldReplicaSets(dc: DeploymentController, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  const oldPodsCount = du.getReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false; // nothing to scale down
  const allPodsCount = du.getReplicaCountForReplicaSets(allRSs);
  const minAvailable = du.deploymentReplicas(d) - du.maxUnavailable(d);
  const newRSUnavailablePodCount = du.specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  // Pods of the new replica set that are not available yet count against the budget too.
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;
  const { oldRSs: cleaned, cleanupCount } = await cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  const scaledDownCount = await scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleaned, newRS], cleaned, d);
  return cleanupCount + scaledDownCount > 0;
}

/** cleanupUnhealthyReplicas scales old replica sets down by their unavailable pods, oldest first. */
async function cleanupUnhealthyReplicas(dc: DeploymentController, oldRSs: ReplicaSet[], d: Deployment, maxCleanupCount: number): Promise<{ oldRSs: ReplicaSet[]; cleanupCount: number }> {
  const sorted = [...oldRSs].sort(du.byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanupCount) break;
    const target = sorted[i]!;
    const replicas = du.specReplicas(target);
    const available = target.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - total, replicas - available);
    const { rs } = await scaleReplicaSetAndRecordEvent(dc, target, replicas - scaledDownCount, d);
    total += scaledDownCount;
    sorted[i] = rs;
  }
  return { oldRSs: sorted, cleanupCount: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate removes available old pods while minAvailable holds. */
async function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentController, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): Promise<number> {
  const minAvailable = du.deploymentReplicas(d) - du.maxUnavailable(d);
  const availablePodCount = du.getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  let total = 0;
  for (const target of [...oldRSs].sort(du.byCreationTimestamp)) {
    if (total >= totalScaleDownCount) break;
    const replicas = du.specReplicas(target);
    if (replicas === 0) continue;
    const scaleDownCount = Math.min(replicas, totalScaleDownCount - total);
    await scaleReplicaSetAndRecordEvent(dc, target, replicas - scaleDownCount, d);
    total += scaleDownCount;
  }
  return total;
}
