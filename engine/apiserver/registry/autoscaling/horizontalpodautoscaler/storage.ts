// Mirrors pkg/registry/autoscaling/horizontalpodautoscaler/storage/storage.go (served as autoscaling/v1).
import { horizontalPodAutoscalerTable } from '../../../../printers/internalversion/coordination-autoscaling.js';
import { defineResource } from '../../core/common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

export const horizontalPodAutoscalers = defineResource({
  group: 'autoscaling',
  version: 'v1',
  kind: 'HorizontalPodAutoscaler',
  listKind: 'HorizontalPodAutoscalerList',
  resource: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  table: horizontalPodAutoscalerTable,
  etcdPrefix: '/registry/horizontalpodautoscalers',
});
