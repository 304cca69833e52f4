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
  /** selectorKey tells selectors apart for the memoized counts. */
  selectorKey: string;
}

/**
 * nodePodCounts memoizes matching pods per node info and selector. A node's count changes only with
 * its pods (and so its generation); every pod of one controller asks the same of hundreds of nodes.
 */
const nodePodCounts = new WeakMap<NodeInfo, { generation: number; counts: Map<string, number> }>();

function countOnNode(info: NodeInfo, namespace: string, c: Constraint): number {
  let memo = nodePodCounts.get(info);
  if (!memo || memo.generation !== info.generation) nodePodCounts.set(info, (memo = { generation: info.generation, counts: new Map() }));
  const key = `${namespace}\u0000${c.selectorKey}`;
  let n = memo.counts.get(key);
  if (n === undefined) memo.counts.set(key, (n = countMatchingPods(namespace, [c.selector], info.pods)));
  return n;
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
      counts.set(k, (counts.get(k) ?? 0) + countOnNode(info, ns, c));
    }
  }
  return counts;
}

interface PreScoreState {
  constraints: Constraint[];
  /** counts holds matching pods per "key=value" of the non-hostname constraints. */
  counts: Map<string, number>;
  /** weights are each constraint's topologyNormalizingWeight: log(domains among the candidates + 2). */
  weights: number[];
  ignoredNodes: Set<string>;
}

/**
 * initPreScoreState mirrors scoring.go's PreScore: the domains are those of the candidate nodes;
 * pods are counted over every node, but only for domains some candidate is in, and not per node —
 * hostname counts are taken in Score for the scored nodes, so a cycle no longer walks every pod of
 * the cluster. With explicit constraints, candidates lacking a topology key are ignored.
 */
function initPreScoreState(pod: Pod, constraints: Constraint[], candidates: NodeInfo[], all: NodeInfo[], requireAllTopologies: boolean): PreScoreState {
  const counts = new Map<string, number>();
  const ignoredNodes = new Set<string>();
  const sizes = constraints.map(() => 0);
  for (const info of candidates) {
    if (requireAllTopologies && constraints.some((c) => topologyValue(info, c.topologyKey) === undefined)) {
      ignoredNodes.add(info.nodeName());
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === hostnameLabel) return;
      const v = topologyValue(info, c.topologyKey);
      if (v === undefined) return;
      const k = `${c.topologyKey}=${v}`;
      if (!counts.has(k)) {
        counts.set(k, 0);
        sizes[i]!++;
      }
    });
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === hostnameLabel ? candidates.length - ignoredNodes.size : sizes[i]!) + 2));
  if (counts.size > 0) {
    const ns = pod.metadata.namespace ?? 'default';
    for (const info of all) {
      if (requireAllTopologies && constraints.some((c) => topologyValue(info, c.topologyKey) === undefined)) continue;
      for (const c of constraints) {
        if (c.topologyKey === hostnameLabel) continue;
        const v = topologyValue(info, c.topologyKey);
        const k = `${c.topologyKey}=${v}`;
        const n = v === undefined ? undefined : counts.get(k);
        if (n !== undefined) counts.set(k, n + countOnNode(info, ns, c));
      }
    }
  }
  return { constraints, counts, weights, ignoredNodes };
}

function toConstraints(list: TopologySpreadConstraint[], when: string): Constraint[] {
  return list
    .filter((c) => c.whenUnsatisfiable === when)
    .map((c) => {
      const selector = labelSelectorAsSelector(c.labelSelector);
      // The API form, not the string form: a missing selector (nothing) and an empty one (everything) both print "".
      return { maxSkew: c.maxSkew, topologyKey: c.topologyKey, minDomains: c.minDomains ?? 1, selector, selectorKey: JSON.stringify(c.labelSelector ?? null) };
    });
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

  preScore(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status | null {
    const explicit = pod.spec?.topologySpreadConstraints ?? [];
    let constraints: Constraint[];
    if (explicit.length > 0) constraints = toConstraints(explicit, 'ScheduleAnyway');
    else {
      const selectors = defaultSelectors(pod, this.handle.sharedInformerFactory());
      if (selectors.length === 0) return new Status(Code.Skip);
      const selector: LabelMatcher = { matches: (ls) => selectors.every((x) => x.matches(ls)) };
      const selectorKey = selectors.map((x) => x.toString()).sort().join(' & ');
      constraints = systemDefaultConstraints.map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, minDomains: 1, selector, selectorKey }));
    }
    if (constraints.length === 0) return new Status(Code.Skip);
    state.write(preScoreStateKey, initPreScoreState(pod, constraints, nodes, this.handle.snapshotSharedLister().list(), explicit.length > 0));
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (!s) return { score: 0, status: null };
    // A node outside an explicit constraint's topology cannot be ranked by it.
    if (s.ignoredNodes.has(nodeInfo.nodeName())) return { score: -1, status: null };
    let score = 0;
    s.constraints.forEach((c, i) => {
      const v = topologyValue(nodeInfo, c.topologyKey);
      if (v === undefined) return;
      // Per-node counts are taken here, for the nodes being scored only.
      const count = c.topologyKey === hostnameLabel ? countOnNode(nodeInfo, pod.metadata.namespace ?? 'default', c) : (s.counts.get(`${c.topologyKey}=${v}`) ?? 0);
      score += count * s.weights[i]! + (c.maxSkew - 1) * s.weights[i]!;
    });
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
