// Mirrors pkg/registry/core/service/storage/storage.go: services live under /registry/services/specs.
import { serviceTable } from '../../../../printers/internalversion/service.js';
import { defineResource } from '../common/definition.js';
import { asService } from './alloc.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const services = defineResource({
  group: '',
  version: 'v1',
  kind: 'Service',
  listKind: 'ServiceList',
  resource: 'services',
  singular: 'service',
  shortNames: ['svc'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: serviceTable,
  etcdPrefix: '/registry/services/specs',
  returnDeletedObject: true,
  fields: (obj) => ({
    'spec.clusterIP': asService(obj).spec?.clusterIP ?? '',
    'spec.type': asService(obj).spec?.type ?? '',
  }),
});
