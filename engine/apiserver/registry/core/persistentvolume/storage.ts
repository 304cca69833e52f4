// Mirrors pkg/registry/core/persistentvolume/storage/storage.go.
import { persistentVolumeTable } from '../../../../printers/internalversion/storage.js';
import { defineResource } from '../common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const persistentVolumes = defineResource({
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  listKind: 'PersistentVolumeList',
  resource: 'persistentvolumes',
  singular: 'persistentvolume',
  shortNames: ['pv'],
  namespaced: false,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: persistentVolumeTable,
  etcdPrefix: '/registry/persistentvolumes',
  returnDeletedObject: true,
});
