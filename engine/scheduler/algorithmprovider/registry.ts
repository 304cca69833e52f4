// Mirrors pkg/scheduler/algorithmprovider/registry.go (v1.18) and the 1.x defaults.go: the named
// algorithm providers — DefaultProvider and ClusterAutoscalerProvider (which packs nodes with
// MostRequestedPriority instead of spreading with LeastRequestedPriority) — as legacy policies.
import type { Policy } from '../apis/config/types.js';

export const DefaultProvider = 'DefaultProvider';
export const ClusterAutoscalerProvider = 'ClusterAutoscalerProvider';

/** defaultPredicates are the books' five plus the node-condition checks later versions added. */
const defaultPredicates = ['NoDiskConflict', 'PodFitsResources', 'MatchNodeSelector', 'HostName', 'PodFitsHostPorts', 'PodToleratesNodeTaints', 'CheckNodeUnschedulable', 'EvenPodsSpread'];

const defaultPriorities = [
  { name: 'SelectorSpreadPriority', weight: 1 },
  { name: 'LeastRequestedPriority', weight: 1 },
  { name: 'BalancedResourceAllocation', weight: 1 },
  { name: 'NodeAffinityPriority', weight: 1 },
  { name: 'TaintTolerationPriority', weight: 1 },
  { name: 'ImageLocalityPriority', weight: 1 },
];

/** algorithmProviders returns each provider's policy by name. */
export function algorithmProviders(): Record<string, Policy> {
  return {
    [DefaultProvider]: { predicates: defaultPredicates.map((name) => ({ name })), priorities: defaultPriorities.map((p) => ({ ...p })) },
    [ClusterAutoscalerProvider]: {
      predicates: defaultPredicates.map((name) => ({ name })),
      priorities: defaultPriorities.map((p) => (p.name === 'LeastRequestedPriority' ? { name: 'MostRequestedPriority', weight: 1 } : { ...p })),
    },
  };
}

/** providerPolicy fills a policy's missing predicates or priorities from a provider. */
export function providerPolicy(provider: string, policy?: Policy): Policy {
  const base = algorithmProviders()[provider];
  if (!base) throw new Error(`algorithm provider "${provider}" is not registered`);
  return { ...base, ...(policy?.predicates ? { predicates: policy.predicates } : {}), ...(policy?.priorities ? { priorities: policy.priorities } : {}) };
}
