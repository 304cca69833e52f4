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

function amount(r: Resource, name: string): number {
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
 * allocatableAndRequested returns [allocatable, requested incl. the pod] for a resource.
 * useRequested picks the real requests; otherwise the non-zero defaults stand in (LeastAllocated).
 * Pass the cycle state so the pod's requests are computed once per cycle, not once per node.
 */
export function allocatableAndRequested(nodeInfo: NodeInfo, pod: Pod, name: string, useRequested: boolean, state?: CycleState): [number, number] {
  const podReq = cycleRequests(state, pod, !useRequested);
  const nodeReq = useRequested || (name !== 'cpu' && name !== 'memory') ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  return [amount(nodeInfo.allocatable, name), amount(nodeReq, name) + amount(podReq, name)];
}
