// Mirrors pkg/registry/discovery/endpointslice/storage/storage.go: slices live under /registry/endpointslices.
import { endpointSliceTable } from '../../../../printers/internalversion/discovery.js';
import { defineResource } from '../../core/common/definition.js';
import { Strategy } from './strategy.js';

export const endpointSlices = defineResource({
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  listKind: 'EndpointSliceList',
  resource: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  strategy: Strategy,
  table: endpointSliceTable,
  etcdPrefix: '/registry/endpointslices',
});
