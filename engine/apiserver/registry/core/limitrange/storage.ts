// Mirrors pkg/registry/core/limitrange/storage/storage.go; limit ranges have no printer upstream,
// so they print the default NAME / CREATED AT table.
import { defaultTable } from '../../../../printers/internalversion/core.js';
import { defineResource } from '../common/definition.js';
import { Strategy } from './strategy.js';

export const limitRanges = defineResource({
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  listKind: 'LimitRangeList',
  resource: 'limitranges',
  singular: 'limitrange',
  shortNames: ['limits'],
  namespaced: true,
  strategy: Strategy,
  table: defaultTable,
  etcdPrefix: '/registry/limitranges',
});
