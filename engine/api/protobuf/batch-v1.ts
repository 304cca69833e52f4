// Mirrors k8s.io/api/batch/v1/generated.proto at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, KEEP, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const batch = 'k8s.io.api.batch.v1.';
const core = 'k8s.io.api.core.v1.';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';

export const batchV1: MessageTable = {
  [batch + 'CronJob']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', batch + 'CronJobSpec'], [3, 'status', batch + 'CronJobStatus']],
  [batch + 'CronJobList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', batch + 'CronJob', REP]],
  [batch + 'CronJobSpec']: [[1, 'schedule', 's', KEEP], [2, 'startingDeadlineSeconds', 'i64', KEEP], [3, 'concurrencyPolicy', 's'], [4, 'suspend', 'b', KEEP], [5, 'jobTemplate', batch + 'JobTemplateSpec'], [6, 'successfulJobsHistoryLimit', 'i32', KEEP], [7, 'failedJobsHistoryLimit', 'i32', KEEP], [8, 'timeZone', 's', KEEP]],
  [batch + 'CronJobStatus']: [[1, 'active', core + 'ObjectReference', REP], [4, 'lastScheduleTime', meta + 'Time'], [5, 'lastSuccessfulTime', meta + 'Time']],
  [batch + 'Job']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', batch + 'JobSpec'], [3, 'status', batch + 'JobStatus']],
  [batch + 'JobCondition']: [[1, 'type', 's', KEEP], [2, 'status', 's', KEEP], [3, 'lastProbeTime', meta + 'Time'], [4, 'lastTransitionTime', meta + 'Time'], [5, 'reason', 's'], [6, 'message', 's']],
  [batch + 'JobList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', batch + 'Job', REP]],
  [batch + 'JobSpec']: [[1, 'parallelism', 'i32', KEEP], [2, 'completions', 'i32', KEEP], [3, 'activeDeadlineSeconds', 'i64', KEEP], [4, 'selector', meta + 'LabelSelector'], [5, 'manualSelector', 'b', KEEP], [6, 'template', core + 'PodTemplateSpec'], [7, 'backoffLimit', 'i32', KEEP], [8, 'ttlSecondsAfterFinished', 'i32', KEEP], [9, 'completionMode', 's', KEEP], [10, 'suspend', 'b', KEEP], [11, 'podFailurePolicy', batch + 'PodFailurePolicy'], [12, 'backoffLimitPerIndex', 'i32', KEEP], [13, 'maxFailedIndexes', 'i32', KEEP], [14, 'podReplacementPolicy', 's', KEEP], [15, 'managedBy', 's', KEEP], [16, 'successPolicy', batch + 'SuccessPolicy']],
  [batch + 'JobStatus']: [[1, 'conditions', batch + 'JobCondition', REP], [2, 'startTime', meta + 'Time'], [3, 'completionTime', meta + 'Time'], [4, 'active', 'i32'], [5, 'succeeded', 'i32'], [6, 'failed', 'i32'], [7, 'completedIndexes', 's'], [8, 'uncountedTerminatedPods', batch + 'UncountedTerminatedPods'], [9, 'ready', 'i32', KEEP], [10, 'failedIndexes', 's', KEEP], [11, 'terminating', 'i32', KEEP]],
  [batch + 'JobTemplateSpec']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', batch + 'JobSpec']],
  [batch + 'PodFailurePolicy']: [[1, 'rules', batch + 'PodFailurePolicyRule', REP]],
  [batch + 'PodFailurePolicyOnExitCodesRequirement']: [[1, 'containerName', 's', KEEP], [2, 'operator', 's', KEEP], [3, 'values', 'i32', REP]],
  [batch + 'PodFailurePolicyOnPodConditionsPattern']: [[1, 'type', 's', KEEP], [2, 'status', 's', KEEP]],
  [batch + 'PodFailurePolicyRule']: [[1, 'action', 's', KEEP], [2, 'onExitCodes', batch + 'PodFailurePolicyOnExitCodesRequirement'], [3, 'onPodConditions', batch + 'PodFailurePolicyOnPodConditionsPattern', REP]],
  [batch + 'SuccessPolicy']: [[1, 'rules', batch + 'SuccessPolicyRule', REP]],
  [batch + 'SuccessPolicyRule']: [[1, 'succeededIndexes', 's', KEEP], [2, 'succeededCount', 'i32', KEEP]],
  [batch + 'UncountedTerminatedPods']: [[1, 'succeeded', 's', REP], [2, 'failed', 's', REP]],
};
