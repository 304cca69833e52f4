// Mirrors the part of a RESTMapper (k8s.io/apimachinery/pkg/api/meta) the garbage collector needs:
// from an owner's apiVersion and kind to its resource and scope. Static for the built-in kinds.
import type { GroupVersionResource } from '../../apimachinery/runtime/schema/group-version.js';

export interface RESTMapping {
  resource: GroupVersionResource;
  namespaced: boolean;
}

const table: [apiVersion: string, kind: string, resource: string, namespaced: boolean][] = [
  ['v1', 'Pod', 'pods', true],
  ['v1', 'ReplicationController', 'replicationcontrollers', true],
  ['v1', 'Service', 'services', true],
  ['v1', 'Endpoints', 'endpoints', true],
  ['v1', 'ConfigMap', 'configmaps', true],
  ['v1', 'Secret', 'secrets', true],
  ['v1', 'ServiceAccount', 'serviceaccounts', true],
  ['v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true],
  ['v1', 'Node', 'nodes', false],
  ['v1', 'Namespace', 'namespaces', false],
  ['v1', 'PersistentVolume', 'persistentvolumes', false],
  ['apps/v1', 'Deployment', 'deployments', true],
  ['apps/v1', 'ReplicaSet', 'replicasets', true],
  ['apps/v1', 'DaemonSet', 'daemonsets', true],
  ['apps/v1', 'StatefulSet', 'statefulsets', true],
  ['batch/v1', 'Job', 'jobs', true],
  ['batch/v1', 'CronJob', 'cronjobs', true],
  ['discovery.k8s.io/v1', 'EndpointSlice', 'endpointslices', true],
];

const byKind = new Map(
  table.map(([apiVersion, kind, resource, namespaced]) => {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return [`${apiVersion}/${kind}`, { resource: { group: group!, version: version!, resource }, namespaced }];
  }),
);

/** restMapping finds a kind's resource; undefined for kinds this cluster does not serve. */
export function restMapping(apiVersion: string, kind: string): RESTMapping | undefined {
  return byKind.get(`${apiVersion}/${kind}`);
}

/** monitoredResources are the resources the graph builder watches (all that can have owners). */
export function monitoredResources(): { apiVersion: string; kind: string; mapping: RESTMapping }[] {
  return table.filter(([, kind]) => kind !== 'Namespace').map(([apiVersion, kind]) => ({ apiVersion, kind, mapping: restMapping(apiVersion, kind)! }));
}
