// Mirrors pkg/scheduler/framework/plugins/legacy_registry.go (v1.19–v1.22): the 1.x predicate and
// priority names — as the books use them — translated to plugins of a profile. A policy's custom
// predicates (labelsPresence, serviceAffinity) and priorities (labelPreference,
// serviceAntiAffinity) become NodeLabel and ServiceAffinity plugin args.
import type { ExtensionPoint, KubeSchedulerProfile, Plugins, Policy, PredicatePolicy, PriorityPolicy } from '../../apis/config/types.js';
import * as names from './names/names.js';

type Point = ExtensionPoint;

/** predicatePlugins maps each predicate name to the plugins and extension points it means. */
const predicatePlugins: Record<string, [string, Point[]][]> = {
  PodFitsResources: [[names.NodeResourcesFit, ['preFilter', 'filter']]],
  PodFitsHostPorts: [[names.NodePorts, ['preFilter', 'filter']]],
  PodFitsPorts: [[names.NodePorts, ['preFilter', 'filter']]],
  HostName: [[names.NodeName, ['filter']]],
  PodFitsHost: [[names.NodeName, ['filter']]],
  MatchNodeSelector: [[names.NodeAffinity, ['filter']]],
  PodSelectorMatches: [[names.NodeAffinity, ['filter']]],
  NoDiskConflict: [[names.VolumeRestrictions, ['filter']]],
  PodToleratesNodeTaints: [[names.TaintToleration, ['filter']]],
  CheckNodeUnschedulable: [[names.NodeUnschedulable, ['filter']]],
  EvenPodsSpread: [[names.PodTopologySpread, ['preFilter', 'filter']]],
  CheckNodeLabelPresence: [[names.NodeLabel, ['filter']]],
  CheckServiceAffinity: [[names.ServiceAffinity, ['filter']]],
  GeneralPredicates: [
    [names.NodeResourcesFit, ['preFilter', 'filter']],
    [names.NodeName, ['filter']],
    [names.NodePorts, ['preFilter', 'filter']],
    [names.NodeAffinity, ['filter']],
  ],
};

/** mandatoryPredicates run whatever a policy lists, so cordons and taints always hold. */
export const mandatoryPredicates = ['PodToleratesNodeTaints', 'CheckNodeUnschedulable'];

const priorityPlugins: Record<string, [string, Point[]]> = {
  LeastRequestedPriority: [names.NodeResourcesFit, ['score']],
  MostRequestedPriority: [names.NodeResourcesFit, ['score']],
  BalancedResourceAllocation: [names.NodeResourcesBalancedAllocation, ['preScore', 'score']],
  SelectorSpreadPriority: [names.SelectorSpread, ['preScore', 'score']],
  ServiceSpreadingPriority: [names.SelectorSpread, ['preScore', 'score']],
  NodeAffinityPriority: [names.NodeAffinity, ['score']],
  TaintTolerationPriority: [names.TaintToleration, ['score']],
  ImageLocalityPriority: [names.ImageLocality, ['score']],
  EvenPodsSpreadPriority: [names.PodTopologySpread, ['preScore', 'score']],
  CalculateNodeLabelPriority: [names.NodeLabel, ['score']],
  ServiceAntiAffinity: [names.ServiceAffinity, ['score']],
};

export const knownPredicates = Object.keys(predicatePlugins);
export const knownPriorities = [...Object.keys(priorityPlugins), 'EqualPriority'];

/** policyToProfile builds the profile a Policy describes, or throws on an unknown name. */
export function policyToProfile(policy: Policy, schedulerName: string): KubeSchedulerProfile {
  const plugins: Plugins = { queueSort: { enabled: [{ name: names.PrioritySort }] }, postFilter: { enabled: [{ name: names.DefaultPreemption }] }, bind: { enabled: [{ name: names.DefaultBinder }] } };
  // "*" disables the defaults everywhere: the policy alone decides.
  for (const p of ['queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'bind', 'postBind'] as Point[]) plugins[p] = { ...(plugins[p] ?? {}), disabled: [{ name: '*' }] };
  const args = new Map<string, Record<string, unknown>>();
  const enable = (plugin: string, point: Point, weight?: number) => {
    const set = (plugins[point] ??= {});
    const enabled = (set.enabled ??= []);
    const existing = enabled.find((e) => e.name === plugin);
    if (!existing) enabled.push(weight === undefined ? { name: plugin } : { name: plugin, weight });
    else if (weight !== undefined) existing.weight = (existing.weight ?? 0) + weight;
  };
  const addArg = (plugin: string, key: string, values: string[]) => {
    const a = args.get(plugin) ?? {};
    a[key] = [...((a[key] as string[] | undefined) ?? []), ...values];
    args.set(plugin, a);
  };

  const predicates: PredicatePolicy[] = [...(policy.predicates ?? [])];
  for (const m of mandatoryPredicates) if (!predicates.some((p) => p.name === m)) predicates.push({ name: m });
  for (const pred of predicates) {
    const lp = pred.argument?.labelsPresence;
    const sa = pred.argument?.serviceAffinity;
    if (lp) addArg(names.NodeLabel, lp.presence ? 'presentLabels' : 'absentLabels', lp.labels ?? []);
    if (sa) addArg(names.ServiceAffinity, 'affinityLabels', sa.labels ?? []);
    const targets = lp ? predicatePlugins.CheckNodeLabelPresence! : sa ? predicatePlugins.CheckServiceAffinity! : predicatePlugins[pred.name];
    if (!targets) throw new Error(`invalid predicate name "${pred.name}" specified - no corresponding function found`);
    for (const [plugin, points] of targets) for (const point of points) enable(plugin, point);
  }

  for (const prio of policy.priorities ?? ([] as PriorityPolicy[])) {
    const pref = prio.argument?.labelPreference;
    const anti = prio.argument?.serviceAntiAffinity;
    if (pref) addArg(names.NodeLabel, pref.presence ? 'presentLabelsPreference' : 'absentLabelsPreference', [pref.label]);
    if (anti) addArg(names.ServiceAffinity, 'antiAffinityLabelsPreference', [anti.label]);
    if (!pref && !anti && prio.name === 'EqualPriority') continue; // every node scores the same
    const target = pref ? priorityPlugins.CalculateNodeLabelPriority : anti ? priorityPlugins.ServiceAntiAffinity : priorityPlugins[prio.name];
    if (!target) throw new Error(`invalid priority name ${prio.name} specified - no corresponding function found`);
    const [plugin, points] = target;
    for (const point of points) enable(plugin, point, point === 'score' ? (prio.weight ?? 1) : undefined);
    if (prio.name === 'MostRequestedPriority') args.set(names.NodeResourcesFit, { ...(args.get(names.NodeResourcesFit) ?? {}), scoringStrategy: { type: 'MostAllocated' } });
  }
  return { schedulerName, plugins, pluginConfig: [...args].map(([name, a]) => ({ name, args: a })) };
}
