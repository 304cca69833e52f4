// Mirrors pkg/registry/core/configmap/storage/storage.go.
import { configMapTable } from '../../../../printers/internalversion/core.js';
import { defineResource } from '../common/definition.js';
import { Strategy } from './strategy.js';

export const configMaps = defineResource({
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  listKind: 'ConfigMapList',
  resource: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  strategy: Strategy,
  table: configMapTable,
  etcdPrefix: '/registry/configmaps',
});
