// Mirrors k8s.io/api/coordination/v1/generated.proto at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, KEEP, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const coordination = 'k8s.io.api.coordination.v1.';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';

export const coordinationV1: MessageTable = {
  [coordination + 'Lease']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'spec', coordination + 'LeaseSpec']],
  [coordination + 'LeaseList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', coordination + 'Lease', REP]],
  [coordination + 'LeaseSpec']: [[1, 'holderIdentity', 's', KEEP], [2, 'leaseDurationSeconds', 'i32', KEEP], [3, 'acquireTime', meta + 'MicroTime'], [4, 'renewTime', meta + 'MicroTime'], [5, 'leaseTransitions', 'i32', KEEP], [6, 'strategy', 's', KEEP], [7, 'preferredHolder', 's', KEEP]],
};
