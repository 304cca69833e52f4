// Mirrors pkg/registry/core/namespace/storage/storage.go (REST, StatusREST, FinalizeREST) and
// NamespaceToSelectableFields.
import { namespaceTable } from '../../../../printers/internalversion/core.js';
import type { Namespace } from '../../../../api/core/v1/types.js';
import { defineResource } from '../common/definition.js';
import { FinalizeStrategy, StatusStrategy, Strategy } from './strategy.js';

export const namespaces = defineResource({
  group: '',
  version: 'v1',
  kind: 'Namespace',
  listKind: 'NamespaceList',
  resource: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  finalizeStrategy: FinalizeStrategy,
  table: namespaceTable,
  etcdPrefix: '/registry/namespaces',
  returnDeletedObject: true,
  fields: (obj) => ({
    'status.phase': (obj as unknown as Namespace).status?.phase ?? '',
    // "name" is a historical alias upstream keeps for compatibility.
    name: obj.metadata.name ?? '',
  }),
});
