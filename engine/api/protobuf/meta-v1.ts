// Mirrors k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto (with runtime and runtime/schema) at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, MAP, KEEP, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';
const runtime = 'k8s.io.apimachinery.pkg.runtime.';

export const metaV1: MessageTable = {
  [meta + 'Condition']: [[1, 'type', 's', KEEP], [2, 'status', 's', KEEP], [3, 'observedGeneration', 'i64'], [4, 'lastTransitionTime', meta + 'Time'], [5, 'reason', 's', KEEP], [6, 'message', 's', KEEP]],
  [meta + 'DeleteOptions']: [[1, 'gracePeriodSeconds', 'i64', KEEP], [2, 'preconditions', meta + 'Preconditions'], [3, 'orphanDependents', 'b', KEEP], [4, 'propagationPolicy', 's', KEEP], [5, 'dryRun', 's', REP], [6, 'ignoreStoreReadErrorWithClusterBreakingPotential', 'b', KEEP]],
  [meta + 'LabelSelector']: [[1, 'matchLabels', 's', MAP], [2, 'matchExpressions', meta + 'LabelSelectorRequirement', REP]],
  [meta + 'LabelSelectorRequirement']: [[1, 'key', 's', KEEP], [2, 'operator', 's', KEEP], [3, 'values', 's', REP]],
  [meta + 'List']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', runtime + 'RawExtension', REP]],
  [meta + 'ListMeta']: [[1, 'selfLink', 's'], [2, 'resourceVersion', 's'], [3, 'continue', 's'], [4, 'remainingItemCount', 'i64', KEEP]],
  [meta + 'ManagedFieldsEntry']: [[1, 'manager', 's'], [2, 'operation', 's'], [3, 'apiVersion', 's'], [4, 'time', meta + 'Time'], [6, 'fieldsType', 's'], [7, 'fieldsV1', meta + 'FieldsV1'], [8, 'subresource', 's']],
  [meta + 'ObjectMeta']: [[1, 'name', 's'], [2, 'generateName', 's'], [3, 'namespace', 's'], [4, 'selfLink', 's'], [5, 'uid', 's'], [6, 'resourceVersion', 's'], [7, 'generation', 'i64'], [8, 'creationTimestamp', meta + 'Time'], [9, 'deletionTimestamp', meta + 'Time'], [10, 'deletionGracePeriodSeconds', 'i64', KEEP], [11, 'labels', 's', MAP], [12, 'annotations', 's', MAP], [13, 'ownerReferences', meta + 'OwnerReference', REP], [14, 'finalizers', 's', REP], [17, 'managedFields', meta + 'ManagedFieldsEntry', REP]],
  [meta + 'OwnerReference']: [[1, 'kind', 's', KEEP], [3, 'name', 's', KEEP], [4, 'uid', 's', KEEP], [5, 'apiVersion', 's', KEEP], [6, 'controller', 'b', KEEP], [7, 'blockOwnerDeletion', 'b', KEEP]],
  [meta + 'Preconditions']: [[1, 'uid', 's', KEEP], [2, 'resourceVersion', 's', KEEP]],
  [meta + 'Status']: [[1, 'metadata', meta + 'ListMeta'], [2, 'status', 's'], [3, 'message', 's'], [4, 'reason', 's'], [5, 'details', meta + 'StatusDetails'], [6, 'code', 'i32']],
  [meta + 'StatusCause']: [[1, 'reason', 's'], [2, 'message', 's'], [3, 'field', 's']],
  [meta + 'StatusDetails']: [[1, 'name', 's'], [2, 'group', 's'], [3, 'kind', 's'], [4, 'causes', meta + 'StatusCause', REP], [5, 'retryAfterSeconds', 'i32'], [6, 'uid', 's']],
};
