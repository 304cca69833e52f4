// Mirrors pkg/registry/apps/deployment/storage/storage.go (status and scale subresources; the
// v1beta1 rollback subresource is left out).
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { Deployment } from '../../../../api/apps/v1/types.js';
import { deploymentTable } from '../../../../printers/internalversion/workload.js';
import { defineResource } from '../../core/common/definition.js';
import { selectorString } from '../scale-selector.js';
import { StatusStrategy, Strategy } from './strategy.js';

const asDeployment = (obj: KubeObject) => obj as unknown as Deployment;

export const deployments = defineResource({
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  listKind: 'DeploymentList',
  resource: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  categories: ['all'],
  namespaced: true,
  strategy: Strategy,
  statusStrategy: StatusStrategy,
  scale: {
    specReplicas: (obj) => asDeployment(obj).spec?.replicas ?? 0,
    setSpecReplicas: (obj, replicas) => void (asDeployment(obj).spec!.replicas = replicas),
    statusReplicas: (obj) => asDeployment(obj).status?.replicas ?? 0,
    selector: (obj) => selectorString(asDeployment(obj).spec?.selector),
  },
  table: deploymentTable,
  etcdPrefix: '/registry/deployments',
});
