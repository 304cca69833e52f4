// Mirrors k8s.io/api/scheduling/v1/generated.proto at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, KEEP, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';
const scheduling = 'k8s.io.api.scheduling.v1.';

export const schedulingV1: MessageTable = {
  [scheduling + 'PriorityClass']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'value', 'i32', KEEP], [3, 'globalDefault', 'b'], [4, 'description', 's'], [5, 'preemptionPolicy', 's', KEEP]],
  [scheduling + 'PriorityClassList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', scheduling + 'PriorityClass', REP]],
};
