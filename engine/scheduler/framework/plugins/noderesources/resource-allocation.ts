// Mirrors pkg/scheduler/framework/plugins/noderesources/resource_allocation.go: what a node has
// allocatable and would have requested with the pod on it, per scored resource.
import type { Pod } from '../../../../api/core/v1/types.js';
import { podRequests, type Resource } from '../../../util/pod-resources.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const defaultResources: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** amount reads one named resource of a Resource. */
export function amount(r: Resource, name: string): number {
  if (name === 'cpu') return r.milliCPU;
  if (name === 'memory') return r.memory;
  if (name === 'ephemeral-storage') return r.ephemeralStorage;
  return r.scalarResources[name] ?? 0;
}

/**
 * cycleRequests computes the pod's requests once per scheduling cycle and keeps them in the
 * cycle state, as upstream's PreScore does: Score runs on every node, and parsing the pod's
 * quantities per node was most of a cycle's cost on large clusters.
 */
export function cycleRequests(state: CycleState | undefined, pod: Pod, nonZero: boolean): Resource {
  if (!state) return podRequests(pod, nonZero);
  const key = nonZero ? 'ResourceAllocation/podRequestsNonZero' : 'ResourceAllocation/podRequests';
  let r = state.read<Resource>(key);
  if (!r) state.write(key, (r = podRequests(pod, nonZero)));
  return r;
}

/**
 * requestedWith is what the node would have requested of a resource with the pod on it.
 * useRequested picks the real requests; otherwise the non-zero defaults stand in for cpu and memory
 * (LeastAllocated). podReq comes from cycleRequests, computed once per cycle.
 */
export function requestedWith(nodeInfo: NodeInfo, podReq: Resource, name: string, useRequested: boolean): number {
  const nodeReq = useRequested || (name !== 'cpu' && name !== 'memory') ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  return amount(nodeReq, name) + amount(podReq, name);
}
