// Mirrors pkg/registry/core/secret/storage/storage.go and SelectableFields (type).
import { secretTable } from '../../../../printers/internalversion/core.js';
import type { Secret } from '../../../../api/core/v1/types.js';
import { defineResource } from '../common/definition.js';
import { Strategy } from './strategy.js';

export const secrets = defineResource({
  group: '',
  version: 'v1',
  kind: 'Secret',
  listKind: 'SecretList',
  resource: 'secrets',
  singular: 'secret',
  namespaced: true,
  strategy: Strategy,
  table: secretTable,
  etcdPrefix: '/registry/secrets',
  fields: (obj) => ({ type: (obj as unknown as Secret).type ?? '' }),
});
