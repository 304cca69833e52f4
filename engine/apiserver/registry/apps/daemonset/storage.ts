// Mirrors pkg/registry/apps/daemonset/storage/storage.go.
import { daemonSetTable } from '../../../../printers/internalversion/workload.js';
import { defineResource } from '../../core/common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const daemonSets = defineResource({
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  listKind: 'DaemonSetList',
  resource: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: daemonSetTable,
  etcdPrefix: '/registry/daemonsets',
});
