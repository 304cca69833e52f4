// Mirrors pkg/controlplane/instance.go + pkg/registry/*/rest/storage_*.go: the resources this API
// server serves, in discovery order.
import type { ResourceDefinition } from './rest/resource.js';
import { configMaps } from './core/configmap/storage.js';
import { endpoints } from './core/endpoint/storage.js';
import { events } from './core/event/storage.js';
import { limitRanges } from './core/limitrange/storage.js';
import { namespaces } from './core/namespace/storage.js';
import { nodes } from './core/node/storage.js';
import { persistentVolumes } from './core/persistentvolume/storage.js';
import { persistentVolumeClaims } from './core/persistentvolumeclaim/storage.js';
import { pods } from './core/pod/storage.js';
import { replicationControllers } from './core/replicationcontroller/storage.js';
import { resourceQuotas } from './core/resourcequota/storage.js';
import { secrets } from './core/secret/storage.js';
import { serviceAccounts } from './core/serviceaccount/storage.js';
import { services } from './core/service/storage.js';
import { daemonSets } from './apps/daemonset/storage.js';
import { deployments } from './apps/deployment/storage.js';
import { replicaSets } from './apps/replicaset/storage.js';
import { statefulSets } from './apps/statefulset/storage.js';
import { cronJobs } from './batch/cronjob/storage.js';
import { jobs } from './batch/job/storage.js';
import { horizontalPodAutoscalers, horizontalPodAutoscalersV1 } from './autoscaling/horizontalpodautoscaler/storage.js';
import { leases } from './coordination/lease/storage.js';
import { endpointSlices } from './discovery/endpointslice/storage.js';

/** allResources returns the definitions of every built-in resource (core/v1, apps/v1, batch/v1, autoscaling/v2 and v1, coordination.k8s.io/v1, discovery.k8s.io/v1). */
export function allResources(): ResourceDefinition[] {
  return [
    configMaps,
    endpoints,
    events,
    limitRanges,
    namespaces,
    nodes,
    persistentVolumeClaims,
    persistentVolumes,
    pods,
    replicationControllers,
    resourceQuotas,
    secrets,
    serviceAccounts,
    services,
    daemonSets,
    deployments,
    replicaSets,
    statefulSets,
    cronJobs,
    jobs,
    // autoscaling/v2 first: discovery's preferred version is the first one listed.
    horizontalPodAutoscalers,
    horizontalPodAutoscalersV1,
    leases,
    endpointSlices,
  ];
}
