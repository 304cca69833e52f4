// Mirrors pkg/scheduler/framework/plugins/noderesources/fit.go: the books' PodFitsResources —
// the pod's requests must fit in allocatable minus what the node's pods request (Filter) — and the
// LeastAllocated / MostAllocated scoring strategies (Score). RequestedToCapacityRatio is left out.
import type { Pod } from '../../../../api/core/v1/types.js';
import { podRequests, type Resource } from '../../../util/pod-resources.js';
import { Code, Status, type FilterPlugin, type Handle, type PreFilterPlugin, type ScorePlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import * as names from '../names/names.js';
import { amount, cycleRequests, defaultResources, requestedWith, type ResourceSpec } from './resource-allocation.js';
import { leastRequestedScore, mostRequestedScore } from './least-allocated.js';

export const Name = names.NodeResourcesFit;
const preFilterStateKey = 'PreFilter' + Name;

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated';

/** NodeResourcesFitArgs is the plugin's config (kubescheduler.config.k8s.io/v1). */
export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  scoringStrategy?: { type?: ScoringStrategyType; resources?: ResourceSpec[] };
}

/** InsufficientResource is one reason a pod does not fit. */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** PreFilterState is the pod's requests, with the names of its extended resources listed once. */
interface PreFilterState {
  req: Resource;
  scalarNames: string[];
}

function preFilterState(pod: Pod): PreFilterState {
  const req = podRequests(pod);
  return { req, scalarNames: Object.keys(req.scalarResources) };
}

export class Fit implements PreFilterPlugin, FilterPlugin, ScorePlugin {
  private readonly strategy: ScoringStrategyType;
  private readonly resources: ResourceSpec[];
  private readonly ignored: Set<string>;

  constructor(args: NodeResourcesFitArgs = {}) {
    this.strategy = args.scoringStrategy?.type ?? 'LeastAllocated';
    this.resources = args.scoringStrategy?.resources ?? defaultResources;
    this.ignored = new Set(args.ignoredResources ?? []);
  }

  name(): string {
    return Name;
  }

  preFilter(state: CycleState, pod: Pod): { status: Status | null } {
    state.write(preFilterStateKey, preFilterState(pod));
    return { status: null };
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(preFilterStateKey) ?? preFilterState(pod);
    const insufficient = insufficientResources(s.req, nodeInfo, this.ignored, s.scalarNames);
    if (!insufficient) return null;
    return new Status(Code.Unschedulable, ...insufficient.map((r) => r.reason));
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    // The per-resource scores averaged by weight, skipping resources the node lacks (no closures or
    // arrays: Score runs for every feasible node of every cycle).
    const podReq = cycleRequests(state, pod, true);
    const scorer = this.strategy === 'MostAllocated' ? mostRequestedScore : leastRequestedScore;
    let total = 0;
    let weights = 0;
    for (const r of this.resources) {
      const allocatable = amount(nodeInfo.allocatable, r.name);
      if (allocatable === 0) continue;
      total += scorer(requestedWith(nodeInfo, podReq, r.name, false), allocatable) * r.weight;
      weights += r.weight;
    }
    return { score: weights === 0 ? 0 : Math.trunc(total / weights), status: null };
  }
}

/** fitsRequest lists every resource the node cannot give; pod count is checked first, as upstream. */
export function fitsRequest(req: Resource, nodeInfo: NodeInfo, ignored?: Set<string>, scalarNames: string[] = Object.keys(req.scalarResources)): InsufficientResource[] {
  return insufficientResources(req, nodeInfo, ignored, scalarNames) ?? [];
}

/** insufficientResources is fitsRequest without allocating when the pod fits: undefined then. */
function insufficientResources(req: Resource, nodeInfo: NodeInfo, ignored: Set<string> | undefined, scalarNames: string[]): InsufficientResource[] | undefined {
  // Runs for every node of every cycle: no closures, and records only what is short.
  let out: InsufficientResource[] | undefined;
  const allowed = nodeInfo.allocatable.allowedPodNumber;
  if (nodeInfo.pods.length + 1 > allowed) (out ??= []).push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: allowed });
  const a = nodeInfo.allocatable;
  const u = nodeInfo.requested;
  if (insufficient(req.milliCPU, u.milliCPU, a.milliCPU)) (out ??= []).push(shortOf('cpu', req.milliCPU, u.milliCPU, a.milliCPU));
  if (insufficient(req.memory, u.memory, a.memory)) (out ??= []).push(shortOf('memory', req.memory, u.memory, a.memory));
  if (insufficient(req.ephemeralStorage, u.ephemeralStorage, a.ephemeralStorage)) (out ??= []).push(shortOf('ephemeral-storage', req.ephemeralStorage, u.ephemeralStorage, a.ephemeralStorage));
  for (const name of scalarNames) {
    if (ignored?.has(name)) continue;
    const want = req.scalarResources[name]!;
    const used = u.scalarResources[name] ?? 0;
    const cap = a.scalarResources[name] ?? 0;
    if (insufficient(want, used, cap)) (out ??= []).push(shortOf(name, want, used, cap));
  }
  return out;
}

const insufficient = (want: number, used: number, cap: number) => want > 0 && want > cap - used;
const shortOf = (name: string, requested: number, used: number, capacity: number): InsufficientResource => ({ resourceName: name, reason: `Insufficient ${name}`, requested, used, capacity });

export const New = (args: unknown, _h: Handle) => new Fit((args ?? {}) as NodeResourcesFitArgs) satisfies FilterPlugin & ScorePlugin;
