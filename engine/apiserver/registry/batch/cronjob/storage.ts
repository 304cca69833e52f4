// Mirrors pkg/registry/batch/cronjob/storage/storage.go.
import { cronJobTable } from '../../../../printers/internalversion/batch.js';
import { defineResource } from '../../core/common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const cronJobs = defineResource({
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  listKind: 'CronJobList',
  resource: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: cronJobTable,
  etcdPrefix: '/registry/cronjobs',
});
