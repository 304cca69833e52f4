// Mirrors pkg/registry/batch/job/storage/storage.go and JobToSelectableFields (status.successful).
import type { Job } from '../../../../api/batch/v1/types.js';
import { jobTable } from '../../../../printers/internalversion/batch.js';
import { defineResource } from '../../core/common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const jobs = defineResource({
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  listKind: 'JobList',
  resource: 'jobs',
  singular: 'job',
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: jobTable,
  etcdPrefix: '/registry/jobs',
  fields: (obj) => ({ 'status.successful': String((obj as unknown as Job).status?.succeeded ?? 0) }),
});
