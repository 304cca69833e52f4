// Mirrors k8s.io/api/apps/v1/generated.proto at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, KEEP, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const apps = 'k8s.io.api.apps.v1.';
const core = 'k8s.io.api.core.v1.';
const intstr = 'k8s.io.apimachinery.pkg.util.intstr.';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';
const runtime = 'k8s.io.apimachinery.pkg.runtime.';

export const appsV1: MessageTable = {
  [apps + 'ControllerRevision']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'data', runtime + 'RawExtension'], [3, 'revision', 'i64', KEEP]],
  [apps + 'ControllerRevisionList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', apps + 'ControllerRevision', REP]],
  [apps + 'DaemonSet']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', apps + 'DaemonSetSpec'], [3, 'status', apps + 'DaemonSetStatus']],
  [apps + 'DaemonSetCondition']: [[1, 'type', 's', KEEP], [2, 'status', 's', KEEP], [3, 'lastTransitionTime', meta + 'Time'], [4, 'reason', 's'], [5, 'message', 's']],
  [apps + 'DaemonSetList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', apps + 'DaemonSet', REP]],
  [apps + 'DaemonSetSpec']: [[1, 'selector', meta + 'LabelSelector'], [2, 'template', core + 'PodTemplateSpec'], [3, 'updateStrategy', apps + 'DaemonSetUpdateStrategy'], [4, 'minReadySeconds', 'i32'], [6, 'revisionHistoryLimit', 'i32', KEEP]],
  [apps + 'DaemonSetStatus']: [[1, 'currentNumberScheduled', 'i32', KEEP], [2, 'numberMisscheduled', 'i32', KEEP], [3, 'desiredNumberScheduled', 'i32', KEEP], [4, 'numberReady', 'i32', KEEP], [5, 'observedGeneration', 'i64'], [6, 'updatedNumberScheduled', 'i32'], [7, 'numberAvailable', 'i32'], [8, 'numberUnavailable', 'i32'], [9, 'collisionCount', 'i32', KEEP], [10, 'conditions', apps + 'DaemonSetCondition', REP]],
  [apps + 'DaemonSetUpdateStrategy']: [[1, 'type', 's'], [2, 'rollingUpdate', apps + 'RollingUpdateDaemonSet']],
  [apps + 'Deployment']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', apps + 'DeploymentSpec'], [3, 'status', apps + 'DeploymentStatus']],
  [apps + 'DeploymentCondition']: [[1, 'type', 's', KEEP], [2, 'status', 's', KEEP], [4, 'reason', 's'], [5, 'message', 's'], [6, 'lastUpdateTime', meta + 'Time'], [7, 'lastTransitionTime', meta + 'Time']],
  [apps + 'DeploymentList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', apps + 'Deployment', REP]],
  [apps + 'DeploymentSpec']: [[1, 'replicas', 'i32', KEEP], [2, 'selector', meta + 'LabelSelector'], [3, 'template', core + 'PodTemplateSpec'], [4, 'strategy', apps + 'DeploymentStrategy'], [5, 'minReadySeconds', 'i32'], [6, 'revisionHistoryLimit', 'i32', KEEP], [7, 'paused', 'b'], [9, 'progressDeadlineSeconds', 'i32', KEEP]],
  [apps + 'DeploymentStatus']: [[1, 'observedGeneration', 'i64'], [2, 'replicas', 'i32'], [3, 'updatedReplicas', 'i32'], [4, 'availableReplicas', 'i32'], [5, 'unavailableReplicas', 'i32'], [6, 'conditions', apps + 'DeploymentCondition', REP], [7, 'readyReplicas', 'i32'], [8, 'collisionCount', 'i32', KEEP]],
  [apps + 'DeploymentStrategy']: [[1, 'type', 's'], [2, 'rollingUpdate', apps + 'RollingUpdateDeployment']],
  [apps + 'ReplicaSet']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', apps + 'ReplicaSetSpec'], [3, 'status', apps + 'ReplicaSetStatus']],
  [apps + 'ReplicaSetCondition']: [[1, 'type', 's', KEEP], [2, 'status', 's', KEEP], [3, 'lastTransitionTime', meta + 'Time'], [4, 'reason', 's'], [5, 'message', 's']],
  [apps + 'ReplicaSetList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', apps + 'ReplicaSet', REP]],
  [apps + 'ReplicaSetSpec']: [[1, 'replicas', 'i32', KEEP], [2, 'selector', meta + 'LabelSelector'], [3, 'template', core + 'PodTemplateSpec'], [4, 'minReadySeconds', 'i32']],
  [apps + 'ReplicaSetStatus']: [[1, 'replicas', 'i32', KEEP], [2, 'fullyLabeledReplicas', 'i32'], [3, 'observedGeneration', 'i64'], [4, 'readyReplicas', 'i32'], [5, 'availableReplicas', 'i32'], [6, 'conditions', apps + 'ReplicaSetCondition', REP]],
  [apps + 'RollingUpdateDaemonSet']: [[1, 'maxUnavailable', intstr + 'IntOrString'], [2, 'maxSurge', intstr + 'IntOrString']],
  [apps + 'RollingUpdateDeployment']: [[1, 'maxUnavailable', intstr + 'IntOrString'], [2, 'maxSurge', intstr + 'IntOrString']],
  [apps + 'RollingUpdateStatefulSetStrategy']: [[1, 'partition', 'i32', KEEP], [2, 'maxUnavailable', intstr + 'IntOrString']],
  [apps + 'StatefulSet']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', apps + 'StatefulSetSpec'], [3, 'status', apps + 'StatefulSetStatus']],
  [apps + 'StatefulSetCondition']: [[1, 'type', 's', KEEP], [2, 'status', 's', KEEP], [3, 'lastTransitionTime', meta + 'Time'], [4, 'reason', 's'], [5, 'message', 's']],
  [apps + 'StatefulSetList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', apps + 'StatefulSet', REP]],
  [apps + 'StatefulSetOrdinals']: [[1, 'start', 'i32', KEEP]],
  [apps + 'StatefulSetPersistentVolumeClaimRetentionPolicy']: [[1, 'whenDeleted', 's'], [2, 'whenScaled', 's']],
  [apps + 'StatefulSetSpec']: [[1, 'replicas', 'i32', KEEP], [2, 'selector', meta + 'LabelSelector'], [3, 'template', core + 'PodTemplateSpec'], [4, 'volumeClaimTemplates', core + 'PersistentVolumeClaim', REP], [5, 'serviceName', 's', KEEP], [6, 'podManagementPolicy', 's'], [7, 'updateStrategy', apps + 'StatefulSetUpdateStrategy'], [8, 'revisionHistoryLimit', 'i32', KEEP], [9, 'minReadySeconds', 'i32'], [10, 'persistentVolumeClaimRetentionPolicy', apps + 'StatefulSetPersistentVolumeClaimRetentionPolicy'], [11, 'ordinals', apps + 'StatefulSetOrdinals']],
  [apps + 'StatefulSetStatus']: [[1, 'observedGeneration', 'i64'], [2, 'replicas', 'i32', KEEP], [3, 'readyReplicas', 'i32'], [4, 'currentReplicas', 'i32'], [5, 'updatedReplicas', 'i32'], [6, 'currentRevision', 's'], [7, 'updateRevision', 's'], [9, 'collisionCount', 'i32', KEEP], [10, 'conditions', apps + 'StatefulSetCondition', REP], [11, 'availableReplicas', 'i32', KEEP]],
  [apps + 'StatefulSetUpdateStrategy']: [[1, 'type', 's'], [2, 'rollingUpdate', apps + 'RollingUpdateStatefulSetStrategy']],
};
