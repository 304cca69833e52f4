// Mirrors pkg/registry/apps/statefulset/storage/storage.go (status and scale subresources).
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { StatefulSet } from '../../../../api/apps/v1/types.js';
import { statefulSetTable } from '../../../../printers/internalversion/workload.js';
import { defineResource } from '../../core/common/definition.js';
import { selectorString } from '../scale-selector.js';
import { StatusStrategy, Strategy } from './strategy.js';

const asSTS = (obj: KubeObject) => obj as unknown as StatefulSet;

export const statefulSets = defineResource({
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  listKind: 'StatefulSetList',
  resource: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  scale: {
    specReplicas: (obj) => asSTS(obj).spec?.replicas ?? 0,
    setSpecReplicas: (obj, replicas) => void (asSTS(obj).spec!.replicas = replicas),
    statusReplicas: (obj) => asSTS(obj).status?.replicas ?? 0,
    selector: (obj) => selectorString(asSTS(obj).spec?.selector),
  },
  table: statefulSetTable,
  etcdPrefix: '/registry/statefulsets',
});
