// Mirrors pkg/registry/core/endpoint/storage/storage.go: endpoints live under /registry/services/endpoints.
import { endpointsTable } from '../../../../printers/internalversion/core.js';
import { defineResource } from '../common/definition.js';
import { Strategy } from './strategy.js';

export const endpoints = defineResource({
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  listKind: 'EndpointsList',
  resource: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  strategy: Strategy,
  table: endpointsTable,
  etcdPrefix: '/registry/services/endpoints',
});
