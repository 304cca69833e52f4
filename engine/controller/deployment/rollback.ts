// Mirrors pkg/controller/deployment/rollback.go: the pre-apps/v1 rollback request (the
// deprecated.deployment.rollback.to annotation) copies an old replica set's template back into
// the deployment. `kubectl rollout undo` patches the template itself; this path serves the old API.
import type { Deployment, ReplicaSet } from '../../api/apps/v1/types.js';
import { deepCopy } from '../../apimachinery/api/equality/semantic.js';
import type { DeploymentController } from './deployment-controller.js';
import { getAllReplicaSetsAndSyncRevision } from './sync.js';
import * as du from './util/deployment-util.js';

export const RollbackRevisionNotFound = 'DeploymentRollbackRevisionNotFound';
export const RollbackTemplateUnchanged = 'DeploymentRollbackTemplateUnchanged';
export const RollbackDone = 'DeploymentRollback';

/** getRollbackTo reads the requested revision (0 = the previous one), if a rollback is pending. */
export function getRollbackTo(d: Deployment): number | undefined {
  const v = d.metadata.annotations?.[du.DeprecatedRollbackTo];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

export async function rollback(dc: DeploymentController, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, ...(newRS ? [newRS] : [])];
  let to = getRollbackTo(d) ?? 0;
  if (to === 0) {
    to = du.lastRevision(allRSs);
    if (to === 0) {
      dc.recorder.eventf(d, 'Warning', RollbackRevisionNotFound, 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(dc, d);
    }
  }
  for (const rs of allRSs) {
    if (du.revision(rs) !== to) continue;
    if (!du.equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
      // The template without its hash label becomes the deployment's again.
      const template = deepCopy(rs.spec!.template!);
      delete template.metadata?.labels?.[du.DefaultDeploymentUniqueLabelKey];
      d.spec = { ...d.spec!, template };
      du.setDeploymentAnnotationsTo(d, rs);
      await updateDeploymentAndClearRollbackTo(dc, d);
      dc.recorder.eventf(d, 'Normal', RollbackDone, `Rolled back deployment "${d.metadata.name}" to revision ${to}`);
      return;
    }
    dc.recorder.eventf(d, 'Warning', RollbackTemplateUnchanged, `The rollback revision contains the same template as current deployment "${d.metadata.name}"`);
    return updateDeploymentAndClearRollbackTo(dc, d);
  }
  dc.recorder.eventf(d, 'Warning', RollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
  return updateDeploymentAndClearRollbackTo(dc, d);
}

async function updateDeploymentAndClearRollbackTo(dc: DeploymentController, d: Deployment): Promise<void> {
  const annotations = { ...(d.metadata.annotations ?? {}) };
  delete annotations[du.DeprecatedRollbackTo];
  d.metadata.annotations = annotations;
  await dc.client.appsV1().deployments(d.metadata.namespace ?? '').update(d);
}
