// Mirrors pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go: the books'
// BalancedResourceAllocation — prefer nodes whose cpu and memory would be used in equal shares:
// score = (1 − standard deviation of the requested fractions) × 100.
import type { Pod } from '../../../../api/core/v1/types.js';
import { podRequests } from '../../../util/pod-resources.js';
import { Code, MaxNodeScore, Status, type Handle, type PreScorePlugin, type ScorePlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import * as names from '../names/names.js';
import { amount, cycleRequests, defaultResources, requestedWith, type ResourceSpec } from './resource-allocation.js';

export const Name = names.NodeResourcesBalancedAllocation;

export class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  constructor(private readonly resources: ResourceSpec[] = defaultResources) {}

  name(): string {
    return Name;
  }

  preScore(_state: CycleState, pod: Pod): Status | null {
    // A pod that requests nothing cannot unbalance a node.
    const r = podRequests(pod);
    if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && Object.keys(r.scalarResources).length === 0) return new Status(Code.Skip);
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    const podReq = cycleRequests(state, pod, false);
    // The usual two resources need no array: Score runs for every feasible node of every cycle.
    let count = 0;
    let f0 = 0;
    let f1 = 0;
    let more: number[] | undefined;
    for (const r of this.resources) {
      const allocatable = amount(nodeInfo.allocatable, r.name);
      if (allocatable === 0) continue;
      const f = Math.min(1, requestedWith(nodeInfo, podReq, r.name, true) / allocatable);
      if (count === 0) f0 = f;
      else if (count === 1) f1 = f;
      else (more ??= [f0, f1]).push(f);
      count++;
    }
    if (more) return { score: balancedScore(more), status: null };
    // balancedScore's two-resource case (and no deviation at all for fewer).
    return { score: Math.trunc((1 - (count === 2 ? Math.abs((f0 - f1) / 2) : 0)) * MaxNodeScore), status: null };
  }
}

/** balancedScore: for two resources the deviation is |a − b| / 2; otherwise the population std. */
export function balancedScore(fractions: number[]): number {
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MaxNodeScore);
}

export const New = (args: unknown, _h: Handle) => new BalancedAllocation((args as { resources?: ResourceSpec[] } | undefined)?.resources) satisfies ScorePlugin;
