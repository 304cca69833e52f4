// Mirrors pkg/registry/core/resourcequota/storage/storage.go.
import { resourceQuotaTable } from '../../../../printers/internalversion/core.js';
import { defineResource } from '../common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const resourceQuotas = defineResource({
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  listKind: 'ResourceQuotaList',
  resource: 'resourcequotas',
  singular: 'resourcequota',
  shortNames: ['quota'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: resourceQuotaTable,
  etcdPrefix: '/registry/resourcequotas',
});
