// Mirrors pkg/registry/core/replicationcontroller/storage/storage.go (key prefix /registry/controllers,
// the scale subresource) and ControllerToSelectableFields.
import { setString } from '../../../../apimachinery/labels/labels.js';
import { replicationControllerTable } from '../../../../printers/internalversion/workload.js';
import type { ReplicationController } from '../../../../api/core/v1/types.js';
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { defineResource } from '../common/definition.js';
import { StatusStrategy, Strategy } from './strategy.js';

const asRC = (obj: KubeObject) => obj as unknown as ReplicationController;

export const replicationControllers = defineResource({
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  listKind: 'ReplicationControllerList',
  resource: 'replicationcontrollers',
  singular: 'replicationcontroller',
  shortNames: ['rc'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  scale: {
    specReplicas: (obj) => asRC(obj).spec?.replicas ?? 0,
    setSpecReplicas: (obj, replicas) => void ((asRC(obj).spec ??= {}).replicas = replicas),
    statusReplicas: (obj) => asRC(obj).status?.replicas ?? 0,
    selector: (obj) => setString(asRC(obj).spec?.selector),
  },
  table: replicationControllerTable,
  etcdPrefix: '/registry/controllers',
  fields: (obj) => ({ 'status.replicas': String(asRC(obj).status?.replicas ?? 0) }),
});
