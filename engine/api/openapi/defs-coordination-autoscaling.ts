// Mirrors the generated OpenAPI definitions of k8s.io/api coordination/v1 (Lease) and autoscaling/v1
// (HorizontalPodAutoscaler). Field sets match engine/api/coordination/v1 and autoscaling/v1 types.ts.
import {
  AUTOSCALING,
  META,
  int32,
  int64,
  listDef,
  ref,
  str,
  struct,
  type TypeDef,
  topLevel as top,
} from './builder.js';

export const COORDINATION = 'io.k8s.api.coordination.v1.';

const microTime = (d: string) => ref(META + 'MicroTime', d);

export const coordinationDefs: TypeDef[] = [
  top(COORDINATION, 'coordination.k8s.io', 'Lease', 'A lease: the lock behind node heartbeats and leader election.', {
    spec: ref(COORDINATION + 'LeaseSpec', 'The holder, duration and renewal of the lease.'),
  }),
  struct(COORDINATION + 'LeaseSpec', 'The specification of a lease.', {
    holderIdentity: str('Identity of the current holder.'),
    leaseDurationSeconds: int32('Seconds candidates wait after the last renewal before taking the lease.'),
    acquireTime: microTime('When the current holder acquired the lease.'),
    renewTime: microTime('When the current holder last renewed the lease.'),
    leaseTransitions: int32('How many times the lease changed holders.'),
    strategy: str('How a coordinated leader election picks the holder.'),
    preferredHolder: str('The holder a coordinated leader election would like to hand the lease to.'),
  }),
  listDef(COORDINATION, 'Lease', 'coordination.k8s.io', 'v1', 'leases'),
];

export const autoscalingHPADefs: TypeDef[] = [
  top(AUTOSCALING, 'autoscaling', 'HorizontalPodAutoscaler', 'Scales a workload by its pods\' CPU utilization.', {
    spec: ref(AUTOSCALING + 'HorizontalPodAutoscalerSpec', 'Desired behaviour of the autoscaler.'),
    status: ref(AUTOSCALING + 'HorizontalPodAutoscalerStatus', 'Current information about the autoscaler.'),
  }),
  struct(AUTOSCALING + 'HorizontalPodAutoscalerSpec', 'Desired behaviour of an autoscaler.', {
    scaleTargetRef: ref(AUTOSCALING + 'CrossVersionObjectReference', 'The workload to scale.', { required: true }),
    minReplicas: int32('Lower limit of replicas. Default 1.'),
    maxReplicas: int32('Upper limit of replicas; not less than minReplicas.', { required: true }),
    targetCPUUtilizationPercentage: int32('Target average CPU utilization, as a percentage of requested CPU. Default 80.'),
  }),
  struct(AUTOSCALING + 'CrossVersionObjectReference', 'Identifies the referred resource.', {
    apiVersion: str('API version of the referent.'),
    kind: str('Kind of the referent.', { required: true }),
    name: str('Name of the referent.', { required: true }),
  }),
  struct(AUTOSCALING + 'HorizontalPodAutoscalerStatus', 'Current status of an autoscaler.', {
    observedGeneration: int64('Most recent generation observed by the autoscaler.'),
    lastScaleTime: ref(META + 'Time', 'When the autoscaler last scaled the workload.'),
    currentReplicas: int32('Current number of replicas, as last seen by the autoscaler.', { required: true }),
    desiredReplicas: int32('Desired number of replicas, as last computed by the autoscaler.', { required: true }),
    currentCPUUtilizationPercentage: int32('Current average CPU utilization over all pods, as a percentage of requested CPU.'),
  }),
  listDef(AUTOSCALING, 'HorizontalPodAutoscaler', 'autoscaling', 'v1', 'horizontal pod autoscalers'),
];
