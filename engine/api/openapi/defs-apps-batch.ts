// Mirrors the generated OpenAPI definitions of k8s.io/api apps/v1, batch/v1, autoscaling/v1 (Scale)
// and policy/v1 (Eviction). Field sets match the types.ts of those groups.
import {
  APPS,
  AUTOSCALING,
  BATCH,
  CORE,
  INT_OR_STRING,
  META,
  POLICY,
  T,
  bool,
  int32,
  int64,
  listDef,
  listOf,
  metadataField,
  ref,
  refP,
  str,
  struct,
  type TypeDef,
  timeField,
  topLevel as top,
} from './builder.js';

const conditionsField = (name: string) =>
  listOf(T.ref(name), 'Latest observations of the current state.', { strategy: 'merge', mergeKey: 'type' });
const appsCondition = (kind: string) =>
  struct(APPS + kind + 'Condition', `A condition of a ${kind}.`, {
    type: str('Type of the condition.', { required: true }),
    status: str('True, False or Unknown.', { required: true }),
    ...(kind === 'Deployment' ? { lastUpdateTime: timeField('Last time the condition was updated.') } : {}),
    lastTransitionTime: timeField('Last time the status changed.'),
    reason: str('CamelCase reason of the last transition.'),
    message: str('Human-readable details.'),
  });
const selector = (d = 'Label query over pods; must match the template labels. Cannot be changed in apps/v1.') =>
  refP(META + 'LabelSelector', d, { required: true });
const template = (d: string) => ref(CORE + 'PodTemplateSpec', d, { required: true });

export const appsDefs: TypeDef[] = [
  top(APPS, 'apps', 'Deployment', 'Declarative updates for pods through replica sets.', {
    spec: ref(APPS + 'DeploymentSpec', 'Desired behaviour.'),
    status: ref(APPS + 'DeploymentStatus', 'Most recently observed status.'),
  }),
  struct(APPS + 'DeploymentSpec', 'Desired behaviour of a deployment.', {
    replicas: int32('Desired number of pods. Default 1.'),
    selector: selector(),
    template: template('Pods the deployment creates.'),
    strategy: { ...ref(APPS + 'DeploymentStrategy', 'How old pods are replaced by new ones.'), strategy: 'retainKeys' },
    minReadySeconds: int32('Seconds a new pod must be ready to count as available.'),
    revisionHistoryLimit: int32('Old replica sets kept for rollback. Default 10.'),
    paused: bool('Paused deployments are not rolled out.'),
    progressDeadlineSeconds: int32('Seconds before a stalled rollout is reported as failed. Default 600.'),
  }),
  struct(APPS + 'DeploymentStrategy', 'How pods are replaced.', {
    type: str('Recreate or RollingUpdate (default).', { enum: ['Recreate', 'RollingUpdate'] }),
    rollingUpdate: refP(APPS + 'RollingUpdateDeployment', 'Rolling update parameters.'),
  }),
  struct(APPS + 'RollingUpdateDeployment', 'Rolling update parameters.', {
    maxUnavailable: ref(INT_OR_STRING, 'Pods that may be unavailable during the update, number or percentage. Default 25%.'),
    maxSurge: ref(INT_OR_STRING, 'Pods that may be created above the desired count, number or percentage. Default 25%.'),
  }),
  struct(APPS + 'DeploymentStatus', 'Observed state of a deployment.', {
    observedGeneration: int64('Generation last observed by the controller.'),
    replicas: int32('Pods targeted by this deployment.'),
    updatedReplicas: int32('Pods with the desired template.'),
    readyReplicas: int32('Ready pods.'),
    availableReplicas: int32('Available pods.'),
    unavailableReplicas: int32('Unavailable pods.'),
    conditions: conditionsField(APPS + 'DeploymentCondition'),
    collisionCount: int32('Hash collisions seen, used to name replica sets.'),
  }),
  appsCondition('Deployment'),
  listDef(APPS, 'Deployment', 'apps', 'v1', 'deployments'),

  top(APPS, 'apps', 'ReplicaSet', 'Keeps a number of pod replicas running.', {
    spec: ref(APPS + 'ReplicaSetSpec', 'Desired behaviour.'),
    status: ref(APPS + 'ReplicaSetStatus', 'Most recently observed status.'),
  }),
  struct(APPS + 'ReplicaSetSpec', 'Desired behaviour of a replica set.', {
    replicas: int32('Desired number of pods. Default 1.'),
    minReadySeconds: int32('Seconds a new pod must be ready to count as available.'),
    selector: selector(),
    template: ref(CORE + 'PodTemplateSpec', 'Pods created when too few exist.'),
  }),
  struct(APPS + 'ReplicaSetStatus', 'Observed state of a replica set.', {
    replicas: int32('Most recently observed number of pods.', { required: true }),
    fullyLabeledReplicas: int32('Pods whose labels match the template labels.'),
    readyReplicas: int32('Ready pods.'),
    availableReplicas: int32('Available pods.'),
    observedGeneration: int64('Generation last processed.'),
    conditions: conditionsField(APPS + 'ReplicaSetCondition'),
  }),
  appsCondition('ReplicaSet'),
  listDef(APPS, 'ReplicaSet', 'apps', 'v1', 'replica sets'),

  top(APPS, 'apps', 'DaemonSet', 'Runs a copy of a pod on every (selected) node.', {
    spec: ref(APPS + 'DaemonSetSpec', 'Desired behaviour.'),
    status: ref(APPS + 'DaemonSetStatus', 'Most recently observed status.'),
  }),
  struct(APPS + 'DaemonSetSpec', 'Desired behaviour of a daemon set.', {
    selector: selector(),
    template: template('Pods to run on each node.'),
    updateStrategy: ref(APPS + 'DaemonSetUpdateStrategy', 'How pods are replaced on update.'),
    minReadySeconds: int32('Seconds a new pod must be ready to count as available.'),
    revisionHistoryLimit: int32('Old histories kept. Default 10.'),
  }),
  struct(APPS + 'DaemonSetUpdateStrategy', 'Update strategy of a daemon set.', {
    type: str('RollingUpdate (default) or OnDelete.', { enum: ['OnDelete', 'RollingUpdate'] }),
    rollingUpdate: refP(APPS + 'RollingUpdateDaemonSet', 'Rolling update parameters.'),
  }),
  struct(APPS + 'RollingUpdateDaemonSet', 'Rolling update parameters of a daemon set.', {
    maxUnavailable: ref(INT_OR_STRING, 'Nodes whose pod may be unavailable during the update. Default 1.'),
    maxSurge: ref(INT_OR_STRING, 'Nodes that may run an extra new pod during the update. Default 0.'),
  }),
  struct(APPS + 'DaemonSetStatus', 'Observed state of a daemon set.', {
    currentNumberScheduled: int32('Nodes running a daemon pod that should.', { required: true }),
    numberMisscheduled: int32('Nodes running a daemon pod that should not.', { required: true }),
    desiredNumberScheduled: int32('Nodes that should run a daemon pod.', { required: true }),
    numberReady: int32('Nodes with a ready daemon pod.', { required: true }),
    observedGeneration: int64('Generation last observed.'),
    updatedNumberScheduled: int32('Nodes running the updated pod.'),
    numberAvailable: int32('Nodes with an available daemon pod.'),
    numberUnavailable: int32('Nodes without an available daemon pod.'),
    collisionCount: int32('Hash collisions seen.'),
    conditions: conditionsField(APPS + 'DaemonSetCondition'),
  }),
  appsCondition('DaemonSet'),
  listDef(APPS, 'DaemonSet', 'apps', 'v1', 'daemon sets'),

  top(APPS, 'apps', 'StatefulSet', 'Pods with stable identities and storage, created and removed in order.', {
    spec: ref(APPS + 'StatefulSetSpec', 'Desired behaviour.'),
    status: ref(APPS + 'StatefulSetStatus', 'Most recently observed status.'),
  }),
  struct(APPS + 'StatefulSetSpec', 'Desired behaviour of a stateful set.', {
    replicas: int32('Desired number of pods. Default 1.'),
    selector: selector(),
    template: template('Pods the set creates, named <set>-<ordinal>.'),
    volumeClaimTemplates: listOf(T.ref(CORE + 'PersistentVolumeClaim'), 'Claims created for each pod.', { listType: 'atomic' }),
    serviceName: str('Headless service giving the pods their DNS names.'),
    podManagementPolicy: str('OrderedReady (default) or Parallel.', { enum: ['OrderedReady', 'Parallel'] }),
    updateStrategy: ref(APPS + 'StatefulSetUpdateStrategy', 'How pods are replaced on update.'),
    revisionHistoryLimit: int32('Old revisions kept. Default 10.'),
    minReadySeconds: int32('Seconds a new pod must be ready to count as available.'),
    persistentVolumeClaimRetentionPolicy: refP(APPS + 'StatefulSetPersistentVolumeClaimRetentionPolicy', 'What happens to claims on delete and scale down.'),
    ordinals: refP(APPS + 'StatefulSetOrdinals', 'First ordinal used.'),
  }),
  struct(APPS + 'StatefulSetUpdateStrategy', 'Update strategy of a stateful set.', {
    type: str('RollingUpdate (default) or OnDelete.', { enum: ['OnDelete', 'RollingUpdate'] }),
    rollingUpdate: refP(APPS + 'RollingUpdateStatefulSetStrategy', 'Rolling update parameters.'),
  }),
  struct(APPS + 'RollingUpdateStatefulSetStrategy', 'Rolling update parameters of a stateful set.', {
    partition: int32('Only ordinals at or above this are updated. Default 0.'),
    maxUnavailable: ref(INT_OR_STRING, 'Pods that may be unavailable during the update.'),
  }),
  struct(APPS + 'StatefulSetPersistentVolumeClaimRetentionPolicy', 'Claim retention.', {
    whenDeleted: str('Retain (default) or Delete.'),
    whenScaled: str('Retain (default) or Delete.'),
  }),
  struct(APPS + 'StatefulSetOrdinals', 'Ordinal numbering.', {
    start: int32('First ordinal. Default 0.'),
  }),
  struct(APPS + 'StatefulSetStatus', 'Observed state of a stateful set.', {
    observedGeneration: int64('Generation last observed.'),
    replicas: int32('Pods created.', { required: true }),
    readyReplicas: int32('Ready pods.'),
    currentReplicas: int32('Pods at currentRevision.'),
    updatedReplicas: int32('Pods at updateRevision.'),
    currentRevision: str('Revision of the current pods.'),
    updateRevision: str('Revision being rolled out.'),
    collisionCount: int32('Hash collisions seen.'),
    conditions: conditionsField(APPS + 'StatefulSetCondition'),
    availableReplicas: int32('Available pods.'),
  }),
  appsCondition('StatefulSet'),
  listDef(APPS, 'StatefulSet', 'apps', 'v1', 'stateful sets'),
];

export const batchDefs: TypeDef[] = [
  top(BATCH, 'batch', 'Job', 'Runs pods until a number of them complete successfully.', {
    spec: ref(BATCH + 'JobSpec', 'Desired behaviour.'),
    status: ref(BATCH + 'JobStatus', 'Most recently observed status.'),
  }),
  struct(BATCH + 'JobSpec', 'Desired behaviour of a job.', {
    parallelism: int32('Pods running at once. Default 1.'),
    completions: int32('Successful pods needed. Default 1.'),
    activeDeadlineSeconds: int64('Seconds the job may run before it is failed.'),
    backoffLimit: int32('Retries before the job is failed. Default 6.'),
    selector: refP(META + 'LabelSelector', 'Label query over pods; generated unless manualSelector.'),
    manualSelector: bool('Set the selector by hand instead of generating it.'),
    template: template('Pods the job runs; restartPolicy must be Never or OnFailure.'),
    ttlSecondsAfterFinished: int32('Seconds after finishing before the job is deleted.'),
    completionMode: str('NonIndexed (default) or Indexed.', { enum: ['Indexed', 'NonIndexed'] }),
    suspend: bool('Suspended jobs create no pods.'),
    podReplacementPolicy: str('TerminatingOrFailed (default) or Failed.'),
  }),
  struct(BATCH + 'JobStatus', 'Observed state of a job.', {
    conditions: listOf(T.ref(BATCH + 'JobCondition'), 'Complete, Failed, Suspended, …', { strategy: 'merge', mergeKey: 'type', listType: 'atomic' }),
    startTime: timeField('When the job started.'),
    completionTime: timeField('When the job completed.'),
    active: int32('Pending or running pods.'),
    succeeded: int32('Pods that succeeded.'),
    failed: int32('Pods that failed.'),
    terminating: int32('Pods being terminated.'),
    completedIndexes: str('Completed indexes, for Indexed jobs.'),
    uncountedTerminatedPods: refP(BATCH + 'UncountedTerminatedPods', 'Finished pods not yet counted.'),
    ready: int32('Ready pods.'),
  }),
  struct(BATCH + 'UncountedTerminatedPods', 'Finished pods not yet counted.', {
    succeeded: listOf(T.str, 'UIDs of succeeded pods.', { listType: 'set' }),
    failed: listOf(T.str, 'UIDs of failed pods.', { listType: 'set' }),
  }),
  struct(BATCH + 'JobCondition', 'A condition of a job.', {
    type: str('Type of the condition.', { required: true }),
    status: str('True, False or Unknown.', { required: true }),
    lastProbeTime: timeField('Last time the condition was checked.'),
    lastTransitionTime: timeField('Last time the status changed.'),
    reason: str('CamelCase reason.'),
    message: str('Human-readable details.'),
  }),
  listDef(BATCH, 'Job', 'batch', 'v1', 'jobs'),

  top(BATCH, 'batch', 'CronJob', 'Creates jobs on a schedule.', {
    spec: ref(BATCH + 'CronJobSpec', 'Desired behaviour.'),
    status: ref(BATCH + 'CronJobStatus', 'Most recently observed status.'),
  }),
  struct(BATCH + 'CronJobSpec', 'Desired behaviour of a cron job.', {
    schedule: str('Cron schedule, e.g. "*/1 * * * *".', { required: true }),
    timeZone: str('Time zone name for the schedule.'),
    startingDeadlineSeconds: int64('Seconds a missed run may still start late.'),
    concurrencyPolicy: str('Allow (default), Forbid or Replace.', { enum: ['Allow', 'Forbid', 'Replace'] }),
    suspend: bool('Suspend subsequent runs. Default false.'),
    jobTemplate: ref(BATCH + 'JobTemplateSpec', 'Job created on each run.', { required: true }),
    successfulJobsHistoryLimit: int32('Finished successful jobs kept. Default 3.'),
    failedJobsHistoryLimit: int32('Failed jobs kept. Default 1.'),
  }),
  struct(BATCH + 'JobTemplateSpec', 'Describes the jobs a cron job creates.', {
    metadata: metadataField(),
    spec: ref(BATCH + 'JobSpec', 'Desired behaviour of the job.'),
  }),
  struct(BATCH + 'CronJobStatus', 'Observed state of a cron job.', {
    active: listOf(T.ref(CORE + 'ObjectReference'), 'Jobs running now.', { listType: 'atomic' }),
    lastScheduleTime: timeField('Last time a job was scheduled.'),
    lastSuccessfulTime: timeField('Last time a job succeeded.'),
  }),
  listDef(BATCH, 'CronJob', 'batch', 'v1', 'cron jobs'),
];

export const autoscalingPolicyDefs: TypeDef[] = [
  top(AUTOSCALING, 'autoscaling', 'Scale', 'The scale subresource of a workload.', {
    spec: ref(AUTOSCALING + 'ScaleSpec', 'Desired replicas.'),
    status: ref(AUTOSCALING + 'ScaleStatus', 'Current replicas and selector.'),
  }),
  struct(AUTOSCALING + 'ScaleSpec', 'Desired scale.', { replicas: int32('Desired number of replicas.') }),
  struct(AUTOSCALING + 'ScaleStatus', 'Current scale.', {
    replicas: int32('Observed number of replicas.', { required: true }),
    selector: str('Label selector of the pods, in string form.'),
  }),
  top(POLICY, 'policy', 'Eviction', "Evicts a pod, respecting disruption budgets; posted to the pod's eviction subresource.", {
    deleteOptions: refP(META + 'DeleteOptions', 'Options for the delete.'),
  }),
];
