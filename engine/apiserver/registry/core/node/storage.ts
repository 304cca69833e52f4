// Mirrors pkg/registry/core/node/storage/storage.go (key prefix /registry/minions, the old name of
// nodes) and NodeToSelectableFields.
import { nodeTable } from '../../../../printers/internalversion/node.js';
import type { Node } from '../../../../api/core/v1/types.js';
import { defineResource } from '../common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const nodes = defineResource({
  group: '',
  version: 'v1',
  kind: 'Node',
  listKind: 'NodeList',
  resource: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: nodeTable,
  etcdPrefix: '/registry/minions',
  fields: (obj) => ({ 'spec.unschedulable': String((obj as unknown as Node).spec?.unschedulable ?? false) }),
});
