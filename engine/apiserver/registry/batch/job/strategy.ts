// Mirrors pkg/registry/batch/job/strategy.go: status cleared on create, generation 1 and bumped on
// spec changes, and — unless spec.manualSelector — a generated selector on the job's uid with the
// matching job-name / controller-uid labels on the pod template.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { Job } from '../../../../api/batch/v1/types.js';
import { newStatusStrategy, newStrategy, setField, type StrategyConfig } from '../../core/common/strategy-helpers.js';

export const legacyJobNameLabel = 'job-name';
export const jobNameLabel = 'batch.kubernetes.io/job-name';
export const legacyControllerUidLabel = 'controller-uid';
export const controllerUidLabel = 'batch.kubernetes.io/controller-uid';

/**
 * generateSelector labels the template with the job's name and uid and selects on the uid. The uid
 * is normally set by the store before prepareForCreate; when it is not, one is made here.
 */
export function generateSelector(job: Job): void {
  const uid = (job.metadata.uid ??= crypto.randomUUID());
  const spec = job.spec!;
  spec.template ??= {};
  spec.template.metadata ??= {};
  const labels = (spec.template.metadata.labels ??= {});
  // Labels the user set stay; a conflict is rejected by validation.
  for (const key of [legacyJobNameLabel, jobNameLabel]) if (!(key in labels)) labels[key] = job.metadata.name ?? '';
  for (const key of [legacyControllerUidLabel, controllerUidLabel]) if (!(key in labels)) labels[key] = uid;
  spec.selector ??= {};
  const matchLabels = (spec.selector.matchLabels ??= {});
  if (!(controllerUidLabel in matchLabels)) matchLabels[controllerUidLabel] = uid;
}

const config: StrategyConfig = {
  gvk: { group: 'batch', version: 'v1', kind: 'Job' },
  namespaced: true,
  initialStatus: () => ({}),
  tracksGeneration: true,
  prepareForCreate(obj: KubeObject) {
    const job = obj as unknown as Job;
    if (job.spec && !job.spec.manualSelector) generateSelector(job);
  },
};

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config, (obj, old) =>
  setField(obj.metadata as Record<string, unknown>, 'labels', old.metadata.labels),
);
