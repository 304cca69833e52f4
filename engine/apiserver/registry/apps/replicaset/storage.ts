// Mirrors pkg/registry/apps/replicaset/storage/storage.go and ReplicaSetToSelectableFields.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { ReplicaSet } from '../../../../api/apps/v1/types.js';
import { replicaSetTable } from '../../../../printers/internalversion/workload.js';
import { defineResource } from '../../core/common/definition.js';
import { selectorString } from '../scale-selector.js';
import { StatusStrategy, Strategy } from './strategy.js';

const asRS = (obj: KubeObject) => obj as unknown as ReplicaSet;

export const replicaSets = defineResource({
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  listKind: 'ReplicaSetList',
  resource: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  scale: {
    specReplicas: (obj) => asRS(obj).spec?.replicas ?? 0,
    setSpecReplicas: (obj, replicas) => void (asRS(obj).spec!.replicas = replicas),
    statusReplicas: (obj) => asRS(obj).status?.replicas ?? 0,
    selector: (obj) => selectorString(asRS(obj).spec?.selector),
  },
  table: replicaSetTable,
  etcdPrefix: '/registry/replicasets',
  fields: (obj) => ({ 'status.replicas': String(asRS(obj).status?.replicas ?? 0) }),
});
