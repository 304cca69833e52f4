// Mirrors pkg/registry/autoscaling/horizontalpodautoscaler/storage/storage.go and the group's
// rest/storage_autoscaling.go: one store of autoscaling/v2 objects (the storage version), served as
// autoscaling/v2 and, through conversion, as autoscaling/v1.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { HorizontalPodAutoscaler as HPAv1 } from '../../../../api/autoscaling/v1/types.js';
import type { HorizontalPodAutoscaler as HPAv2 } from '../../../../api/autoscaling/v2/types.js';
import { convertV1ToV2, convertV2ToV1 } from '../../../../api/autoscaling/v1/conversion.js';
import { horizontalPodAutoscalerTable, horizontalPodAutoscalerV1Table } from '../../../../printers/internalversion/coordination-autoscaling.js';
import { defineResource } from '../../core/common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

const common = {
  group: 'autoscaling',
  kind: 'HorizontalPodAutoscaler',
  listKind: 'HorizontalPodAutoscalerList',
  resource: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  etcdPrefix: '/registry/horizontalpodautoscalers',
};

/** horizontalPodAutoscalers serves autoscaling/v2, the version objects are stored in. */
export const horizontalPodAutoscalers = defineResource({ ...common, version: 'v2', table: horizontalPodAutoscalerTable });

/** horizontalPodAutoscalersV1 serves autoscaling/v1 by converting to and from the stored v2 objects. */
export const horizontalPodAutoscalersV1 = defineResource({
  ...common,
  version: 'v1',
  table: horizontalPodAutoscalerV1Table,
  conversion: {
    storageVersion: 'v2',
    toStorage: (obj: KubeObject, old: KubeObject | undefined) => convertV1ToV2(obj as unknown as HPAv1, old as unknown as HPAv2 | undefined) as unknown as KubeObject,
    fromStorage: (obj: KubeObject) => convertV2ToV1(obj as unknown as HPAv2) as unknown as KubeObject,
  },
});
