// Mirrors pkg/scheduler/framework/plugins/podtopologyspread (plugin.go, filtering.go, scoring.go),
// simplified: DoNotSchedule constraints filter by skew (matching pods in the node's domain + self
// − the emptiest domain's count ≤ maxSkew); ScheduleAnyway constraints — or, for a pod with none,
// the system defaults over its services and controllers — score fewer matching pods higher.
// nodeAffinityPolicy/nodeTaintsPolicy and matchLabelKeys are left out.
import type { Pod, TopologySpreadConstraint } from '../../../../api/core/v1/types.js';
import { labelSelectorAsSelector } from '../../../../apimachinery/apis/meta/v1/helpers.js';
import { Code, MaxNodeScore, Status, type FilterPlugin, type Handle, type NodeScore, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import { podMatchesNodeSelectorAndAffinityTerms } from '../helper/node-affinity.js';
import { countMatchingPods, defaultSelectors, registerSpreadListers, type LabelMatcher } from '../helper/spread.js';
import * as names from '../names/names.js';

export const Name = names.PodTopologySpread;
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';
const preFilterStateKey = 'PreFilter' + Name;
const preScoreStateKey = 'PreScore' + Name;
const hostnameLabel = 'kubernetes.io/hostname';

/** systemDefaultConstraints are the defaults (defaultingType: System) for pods that set none. */
export const systemDefaultConstraints = [
  { topologyKey: hostnameLabel, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
] as const;

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  selector: LabelMatcher;
}

/** topologyValue reads a node's domain; hostname falls back to the node name (hand-made nodes). */
function topologyValue(info: NodeInfo, key: string): string | undefined {
  const v = info.node?.metadata.labels?.[key];
  return v ?? (key === hostnameLabel ? info.nodeName() : undefined);
}

/** countByDomain counts matching pods per "key=value" over nodes carrying the key. */
function countByDomain(pod: Pod, constraints: Constraint[], nodes: NodeInfo[]): Map<string, number> {
  const counts = new Map<string, number>();
  const ns = pod.metadata.namespace ?? 'default';
  for (const info of nodes) {
    for (const c of constraints) {
      const v = topologyValue(info, c.topologyKey);
      if (v === undefined) continue;
      const k = `${c.topologyKey}=${v}`;
      counts.set(k, (counts.get(k) ?? 0) + countMatchingPods(ns, [c.selector], info.pods));
    }
  }
  return counts;
}

function toConstraints(list: TopologySpreadConstraint[], when: string): Constraint[] {
  return list.filter((c) => c.whenUnsatisfiable === when).map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, minDomains: c.minDomains ?? 1, selector: labelSelectorAsSelector(c.labelSelector) }));
}

export class PodTopologySpreadPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  constructor(private readonly handle: Handle) {
    registerSpreadListers(handle.sharedInformerFactory());
  }

  name(): string {
    return Name;
  }

  preFilter(state: CycleState, pod: Pod, nodes: NodeInfo[]): { status: Status | null } {
    const constraints = toConstraints(pod.spec?.topologySpreadConstraints ?? [], 'DoNotSchedule');
    if (constraints.length === 0) return { status: new Status(Code.Skip) };
    // Only nodes the pod could go to by node affinity count as domains.
    const eligible = nodes.filter((n) => n.node && podMatchesNodeSelectorAndAffinityTerms(pod, n.node));
    const counts = countByDomain(pod, constraints, eligible);
    const minByKey = new Map<string, number>();
    for (const c of constraints) {
      const values = [...counts].filter(([k]) => k.startsWith(`${c.topologyKey}=`)).map(([, n]) => n);
      minByKey.set(c.topologyKey, values.length < c.minDomains ? 0 : Math.min(...values));
    }
    state.write(preFilterStateKey, { constraints, counts, minByKey });
    return { status: null };
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const s = state.read<{ constraints: Constraint[]; counts: Map<string, number>; minByKey: Map<string, number> }>(preFilterStateKey);
    if (!s) return null;
    for (const c of s.constraints) {
      const v = topologyValue(nodeInfo, c.topologyKey);
      if (v === undefined) return new Status(Code.UnschedulableAndUnresolvable, ErrReasonNodeLabelNotMatch);
      const selfMatch = c.selector.matches(pod.metadata.labels ?? {}) ? 1 : 0;
      const skew = (s.counts.get(`${c.topologyKey}=${v}`) ?? 0) + selfMatch - (s.minByKey.get(c.topologyKey) ?? 0);
      if (skew > c.maxSkew) return new Status(Code.Unschedulable, ErrReasonConstraintsNotMatch);
    }
    return null;
  }

  preScore(state: CycleState, pod: Pod): Status | null {
    const explicit = pod.spec?.topologySpreadConstraints ?? [];
    let constraints: Constraint[];
    if (explicit.length > 0) constraints = toConstraints(explicit, 'ScheduleAnyway');
    else {
      const selectors = defaultSelectors(pod, this.handle.sharedInformerFactory());
      if (selectors.length === 0) return new Status(Code.Skip);
      const selector: LabelMatcher = { matches: (ls) => selectors.every((x) => x.matches(ls)) };
      constraints = systemDefaultConstraints.map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, minDomains: 1, selector }));
    }
    if (constraints.length === 0) return new Status(Code.Skip);
    const all = this.handle.snapshotSharedLister().list();
    const counts = countByDomain(pod, constraints, all);
    const domains = new Map<string, number>();
    for (const k of counts.keys()) domains.set(k.split('=')[0]!, (domains.get(k.split('=')[0]!) ?? 0) + 1);
    state.write(preScoreStateKey, { constraints, counts, domains, explicit: explicit.length > 0 });
    return null;
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    const s = state.read<{ constraints: Constraint[]; counts: Map<string, number>; domains: Map<string, number>; explicit: boolean }>(preScoreStateKey);
    if (!s) return { score: 0, status: null };
    let score = 0;
    for (const c of s.constraints) {
      const v = topologyValue(nodeInfo, c.topologyKey);
      if (v === undefined) {
        // A node outside an explicit constraint's topology cannot be ranked by it.
        if (s.explicit) return { score: -1, status: null };
        continue;
      }
      const weight = Math.log((s.domains.get(c.topologyKey) ?? 0) + 2);
      score += (s.counts.get(`${c.topologyKey}=${v}`) ?? 0) * weight + (c.maxSkew - 1) * weight;
    }
    return { score: Math.round(score), status: null };
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    const valid = scores.filter((s) => s.score >= 0).map((s) => s.score);
    const max = Math.max(0, ...valid);
    const min = valid.length ? Math.min(...valid) : 0;
    for (const s of scores) {
      if (s.score < 0) s.score = 0;
      else if (max === 0) s.score = MaxNodeScore;
      else s.score = Math.trunc((MaxNodeScore * (max + min - s.score)) / max);
    }
    return null;
  }
}

export const New = (_args: unknown, h: Handle) => new PodTopologySpreadPlugin(h) satisfies FilterPlugin & ScorePlugin;
