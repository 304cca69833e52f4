// Mirrors k8s.io/api/policy/v1/generated.proto at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, MAP, KEEP, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const intstr = 'k8s.io.apimachinery.pkg.util.intstr.';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';
const policy = 'k8s.io.api.policy.v1.';

export const policyV1: MessageTable = {
  [policy + 'Eviction']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'deleteOptions', meta + 'DeleteOptions']],
  [policy + 'PodDisruptionBudget']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', policy + 'PodDisruptionBudgetSpec'], [3, 'status', policy + 'PodDisruptionBudgetStatus']],
  [policy + 'PodDisruptionBudgetList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', policy + 'PodDisruptionBudget', REP]],
  [policy + 'PodDisruptionBudgetSpec']: [[1, 'minAvailable', intstr + 'IntOrString'], [2, 'selector', meta + 'LabelSelector'], [3, 'maxUnavailable', intstr + 'IntOrString'], [4, 'unhealthyPodEvictionPolicy', 's', KEEP]],
  [policy + 'PodDisruptionBudgetStatus']: [[1, 'observedGeneration', 'i64'], [2, 'disruptedPods', meta + 'Time', MAP], [3, 'disruptionsAllowed', 'i32', KEEP], [4, 'currentHealthy', 'i32', KEEP], [5, 'desiredHealthy', 'i32', KEEP], [6, 'expectedPods', 'i32', KEEP], [7, 'conditions', meta + 'Condition', REP]],
};
