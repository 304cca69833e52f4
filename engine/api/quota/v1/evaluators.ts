// Mirrors pkg/quota/v1/evaluator/core/registry.go and pkg/quota/v1/generic/evaluator.go: for each
// quota-tracked resource, which quota names it answers to, what one object uses and (pods) the
// constraints an object must meet. Simplified: object counts cover any `count/<resource>[.<group>]`,
// the PriorityClass scope selector is matched against spec.priorityClassName only.
import type { PersistentVolumeClaim, Pod, ResourceQuota, Service } from '../../core/v1/types.js';
import { parseQuantity } from '../../../apimachinery/api/resource/quantity.js';
import { claimUsage, objectCount, podMatchesScopes, podUsage, serviceUsage, type Usage } from './evaluator.js';

/** Evaluator is quota.Evaluator, reduced to what admission asks of it. */
export interface Evaluator {
  /** matches reports whether a quota resource name is one this evaluator computes. */
  matches(resourceName: string): boolean;
  /** usage is what one object uses, under every name the evaluator knows. */
  usage(obj: unknown): Usage;
  /** constraints returns an error message when the object cannot be admitted under `required`. */
  constraints(required: string[], obj: unknown): string | undefined;
  /** matchesScopes reports whether the quota's scopes select the object (only pods have scopes). */
  matchesScopes(quota: ResourceQuota, obj: unknown): boolean;
  /** handlesUpdate: upstream re-evaluates updates for services and claims (type or size changes). */
  handlesUpdate: boolean;
}

const podResources = new Set([
  'pods', 'count/pods', 'cpu', 'memory', 'ephemeral-storage',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);

/** validationSet: quota on these makes every container state them (a backward-compatibility rule). */
const validationSet = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** containerUsageNames mirrors podComputeUsageHelper's keys for one container. */
function containerUsageNames(c: { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }): Set<string> {
  const out = new Set<string>();
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (c.resources?.requests?.[r] !== undefined) {
      out.add(r);
      out.add(`requests.${r}`);
    }
    if (c.resources?.limits?.[r] !== undefined) out.add(`limits.${r}`);
  }
  return out;
}

/** podConstraints mirrors podEvaluator.Constraints (v1.32 wording). */
export function podConstraints(required: string[], pod: Pod): string | undefined {
  const requiredSet = required.filter((r) => validationSet.has(r));
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const have = containerUsageNames(c);
    for (const r of requiredSet) if (!have.has(r)) (missing.get(r) ?? missing.set(r, new Set()).get(r)!).add(c.name);
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** podMatchesQuotaScopes applies spec.scopes and spec.scopeSelector to a pod. */
function podMatchesQuotaScopes(quota: ResourceQuota, pod: Pod): boolean {
  if (!podMatchesScopes(pod, quota.spec?.scopes ?? [])) return false;
  for (const e of quota.spec?.scopeSelector?.matchExpressions ?? []) {
    if (e.scopeName === 'PriorityClass') {
      const pc = pod.spec?.priorityClassName ?? '';
      const ok = e.operator === 'Exists' ? pc !== '' : e.operator === 'DoesNotExist' ? pc === '' : e.operator === 'In' ? (e.values ?? []).includes(pc) : !(e.values ?? []).includes(pc);
      if (!ok) return false;
    } else if (!podMatchesScopes(pod, [e.scopeName])) return false;
  }
  return true;
}

const noConstraints = () => undefined;
const allScopes = () => true;

function countEvaluator(resource: string, group: string, legacy: boolean): Evaluator {
  const countName = group ? `count/${resource}.${group}` : `count/${resource}`;
  return {
    matches: (name) => name === countName || (legacy && name === resource),
    usage: () => {
      const u: Usage = new Map();
      if (group) u.set(countName, parseQuantity(1));
      else objectCount(u, resource, 1);
      return u;
    },
    constraints: noConstraints,
    matchesScopes: allScopes,
    handlesUpdate: false,
  };
}

const legacyCounted = new Set(['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas']);

/** evaluatorFor returns the evaluator of a resource (every resource at least counts objects). */
export function evaluatorFor(group: string, resource: string): Evaluator {
  if (group === '' && resource === 'pods') {
    return {
      matches: (name) => podResources.has(name) || name.startsWith('requests.hugepages-') || name.startsWith('hugepages-'),
      usage: (obj) => {
        const u: Usage = new Map();
        podUsage(u, obj as Pod);
        return u;
      },
      constraints: (required, obj) => podConstraints(required, obj as Pod),
      matchesScopes: (quota, obj) => podMatchesQuotaScopes(quota, obj as Pod),
      handlesUpdate: false,
    };
  }
  if (group === '' && resource === 'services') {
    return {
      matches: (name) => ['services', 'count/services', 'services.nodeports', 'services.loadbalancers'].includes(name),
      usage: (obj) => {
        const u: Usage = new Map();
        serviceUsage(u, obj as Service);
        return u;
      },
      constraints: noConstraints,
      matchesScopes: allScopes,
      handlesUpdate: true,
    };
  }
  if (group === '' && resource === 'persistentvolumeclaims') {
    return {
      matches: (name) =>
        ['persistentvolumeclaims', 'count/persistentvolumeclaims', 'requests.storage'].includes(name) || name.includes('.storageclass.storage.k8s.io/'),
      usage: (obj) => {
        const u: Usage = new Map();
        claimUsage(u, obj as PersistentVolumeClaim);
        return u;
      },
      constraints: noConstraints,
      matchesScopes: allScopes,
      handlesUpdate: true,
    };
  }
  return countEvaluator(resource, group, group === '' && legacyCounted.has(resource));
}
