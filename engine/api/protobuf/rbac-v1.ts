// Mirrors k8s.io/api/rbac/v1/generated.proto at v1.32, joined with the Go structs' json tags: field number → JSON name, type, flags.
// Derived mechanically from those two sources: follow upstream rather than editing by hand.
import { REP, KEEP, type MessageTable } from '../../apimachinery/runtime/serializer/protobuf/schema.js';
const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1.';
const rbac = 'k8s.io.api.rbac.v1.';

export const rbacV1: MessageTable = {
  [rbac + 'AggregationRule']: [[1, 'clusterRoleSelectors', meta + 'LabelSelector', REP]],
  [rbac + 'ClusterRole']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'rules', rbac + 'PolicyRule', REP], [3, 'aggregationRule', rbac + 'AggregationRule']],
  [rbac + 'ClusterRoleBinding']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'subjects', rbac + 'Subject', REP], [3, 'roleRef', rbac + 'RoleRef']],
  [rbac + 'ClusterRoleBindingList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', rbac + 'ClusterRoleBinding', REP]],
  [rbac + 'ClusterRoleList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', rbac + 'ClusterRole', REP]],
  [rbac + 'PolicyRule']: [[1, 'verbs', 's', REP], [2, 'apiGroups', 's', REP], [3, 'resources', 's', REP], [4, 'resourceNames', 's', REP], [5, 'nonResourceURLs', 's', REP]],
  [rbac + 'Role']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'rules', rbac + 'PolicyRule', REP]],
  [rbac + 'RoleBinding']: [[1, 'metadata', meta + 'ObjectMeta'], [2, 'subjects', rbac + 'Subject', REP], [3, 'roleRef', rbac + 'RoleRef']],
  [rbac + 'RoleBindingList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', rbac + 'RoleBinding', REP]],
  [rbac + 'RoleList']: [[1, 'metadata', meta + 'ListMeta'], [2, 'items', rbac + 'Role', REP]],
  [rbac + 'RoleRef']: [[1, 'apiGroup', 's', KEEP], [2, 'kind', 's', KEEP], [3, 'name', 's', KEEP]],
  [rbac + 'Subject']: [[1, 'kind', 's', KEEP], [2, 'apiGroup', 's'], [3, 'name', 's', KEEP], [4, 'namespace', 's']],
};
