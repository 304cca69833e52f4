// Mirrors pkg/registry/core/serviceaccount/storage/storage.go (the token subresource is left out).
import { serviceAccountTable } from '../../../../printers/internalversion/core.js';
import { defineResource } from '../common/definition.js';
import { Strategy } from './strategy.js';

export const serviceAccounts = defineResource({
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  listKind: 'ServiceAccountList',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  namespaced: true,
  strategy: Strategy,
  table: serviceAccountTable,
  etcdPrefix: '/registry/serviceaccounts',
  returnDeletedObject: true,
});
