// Mirrors pkg/registry/core/persistentvolumeclaim/storage/storage.go.
import { persistentVolumeClaimTable } from '../../../../printers/internalversion/storage.js';
import { defineResource } from '../common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const persistentVolumeClaims = defineResource({
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  listKind: 'PersistentVolumeClaimList',
  resource: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: persistentVolumeClaimTable,
  etcdPrefix: '/registry/persistentvolumeclaims',
  returnDeletedObject: true,
});
