// Mirrors pkg/scheduler/framework/plugins/noderesources/resource_allocation.go: what a node has
// allocatable and would have requested with the pod on it, per scored resource.
import type { Pod } from '../../../../api/core/v1/types.js';
import { podRequests, type Resource } from '../../../util/pod-resources.js';
import type { NodeInfo } from '../../types.js';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const defaultResources: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

function amount(r: Resource, name: string): number {
  if (name === 'cpu') return r.milliCPU;
  if (name === 'memory') return r.memory;
  if (name === 'ephemeral-storage') return r.ephemeralStorage;
  return r.scalarResources[name] ?? 0;
}

/**
 * allocatableAndRequested returns [allocatable, requested incl. the pod] for a resource.
 * useRequested picks the real requests; otherwise the non-zero defaults stand in (LeastAllocated).
 */
export function allocatableAndRequested(nodeInfo: NodeInfo, pod: Pod, name: string, useRequested: boolean): [number, number] {
  const podReq = podRequests(pod, !useRequested);
  const nodeReq = useRequested || (name !== 'cpu' && name !== 'memory') ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  return [amount(nodeInfo.allocatable, name), amount(nodeReq, name) + amount(podReq, name)];
}
