// Mirrors pkg/registry/coordination/lease/storage/storage.go.
import { leaseTable } from '../../../../printers/internalversion/coordination-autoscaling.js';
import { defineResource } from '../../core/common/definition.js';
import { Strategy } from './strategy.js';

export const leases = defineResource({
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  listKind: 'LeaseList',
  resource: 'leases',
  singular: 'lease',
  namespaced: true,
  strategy: Strategy,
  table: leaseTable,
  etcdPrefix: '/registry/leases',
});
