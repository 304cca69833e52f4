// Mirrors pkg/controller/deployment/progress.go: syncRolloutStatus updates the status and the
// Progressing condition (ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded)
// and requeues a deployment to notice when its progress deadline passes.
import type { AppsCondition, Deployment, DeploymentStatus, ReplicaSet } from '../../api/apps/v1/types.js';
import { deepEqual } from '../../apimachinery/api/equality/semantic.js';
import type { DeploymentController } from './deployment-controller.js';
import { calculateStatus } from './sync.js';
import * as du from './util/deployment-util.js';

export async function syncRolloutStatus(dc: DeploymentController, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
  const newStatus = calculateStatus(dc, allRSs, newRS, d);
  const now = dc.clock.now();
  if (!du.hasProgressDeadline(d)) du.removeDeploymentCondition(newStatus, du.DeploymentProgressing);
  const currentCond = du.getDeploymentCondition(d.status, du.DeploymentProgressing);
  const isCompleteDeployment = newStatus.replicas === newStatus.updatedReplicas && currentCond?.reason === du.NewRSAvailableReason;
  // Only a deployment that is not complete yet can progress or time out.
  if (du.hasProgressDeadline(d) && !isCompleteDeployment) {
    if (du.deploymentComplete(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      du.setDeploymentCondition(newStatus, du.newDeploymentCondition(du.DeploymentProgressing, 'True', du.NewRSAvailableReason, msg, now));
    } else if (du.deploymentProgressing(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const condition = du.newDeploymentCondition(du.DeploymentProgressing, 'True', du.ReplicaSetUpdatedReason, msg, now);
      // Progress moves lastUpdateTime forward; the transition time stays while the status does.
      if (currentCond) {
        if (currentCond.status === 'True') condition.lastTransitionTime = currentCond.lastTransitionTime;
        du.removeDeploymentCondition(newStatus, du.DeploymentProgressing);
      }
      du.setDeploymentCondition(newStatus, condition);
    } else if (du.deploymentTimedOut(d, newStatus, now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      du.setDeploymentCondition(newStatus, du.newDeploymentCondition(du.DeploymentProgressing, 'False', du.TimedOutReason, msg, now));
    }
  }
  const failures = getReplicaFailures(allRSs, newRS);
  if (failures.length) du.setDeploymentCondition(newStatus, failures[0]!);
  else du.removeDeploymentCondition(newStatus, du.DeploymentReplicaFailure);

  if (deepEqual(d.status ?? {}, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  await dc.updateDeploymentStatus(d);
  requeueStuckDeployment(dc, d, newStatus);
}

/** getReplicaFailures turns a ReplicaFailure of the new (else an old) replica set into the deployment's. */
function getReplicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): AppsCondition[] {
  const toDeployment = (c: AppsCondition): AppsCondition => ({ type: du.DeploymentReplicaFailure, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message });
  const from = (rs: ReplicaSet | undefined) => (rs?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(toDeployment);
  if (newRS) {
    const own = from(newRS);
    if (own.length) return own;
  }
  return allRSs.filter((rs) => rs && rs !== newRS).flatMap(from);
}

/**
 * requeueStuckDeployment checks the deployment again when its progress deadline would pass, so a
 * stuck rollout turns ProgressDeadlineExceeded even if nothing else happens. Returns the delay.
 */
export function requeueStuckDeployment(dc: DeploymentController, d: Deployment, newStatus: DeploymentStatus): number {
  const cond = du.getDeploymentCondition(d.status, du.DeploymentProgressing);
  if (!du.hasProgressDeadline(d) || !cond) return -1;
  if (du.deploymentComplete(d, newStatus) || cond.reason === du.TimedOutReason) return -1;
  const after = Date.parse(cond.lastUpdateTime ?? '') + d.spec!.progressDeadlineSeconds! * 1000 - dc.clock.now();
  if (after < 1000) {
    dc.enqueueRateLimited(d);
    return 0;
  }
  dc.enqueueAfter(d, after + 1000);
  return after + 1000;
}
