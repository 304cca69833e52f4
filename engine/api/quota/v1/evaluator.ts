// Mirrors pkg/quota/v1/evaluator/core (pods.go, services.go, persistent_volume_claims.go) and the
// object-count evaluators: what each object uses of a quota. Quantities are summed exactly and
// printed canonically, as resource.Quantity does. Pod scopes: Terminating, NotTerminating,
// BestEffort, NotBestEffort; priority-class scope selectors are left out.
import type { PersistentVolumeClaim, Pod, ResourceList, Service } from '../../core/v1/types.js';
import { newQuantity, parseQuantity, type Quantity } from '../../../apimachinery/api/resource/quantity.js';

export type Usage = Map<string, Quantity>;

const zero = () => newQuantity(0);

function add(usage: Usage, name: string, q: Quantity): void {
  usage.set(name, (usage.get(name) ?? zero()).add(q));
}

function count(usage: Usage, name: string, n: number): void {
  add(usage, name, newQuantity(n));
}

/** isTerminal: a pod that no longer uses quota (QuotaV1Pod). */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** podComputeUsage sums requests and limits: containers added, each init container a floor. */
export function podComputeUsage(pod: Pod): { requests: ResourceList; limits: ResourceList } {
  const sum = (kind: 'requests' | 'limits') => {
    const out = new Map<string, Quantity>();
    for (const c of pod.spec?.containers ?? []) for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) out.set(k, (out.get(k) ?? zero()).add(parseQuantity(v)));
    for (const c of pod.spec?.initContainers ?? []) {
      for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) {
        const q = parseQuantity(v);
        if (q.cmp(out.get(k) ?? zero()) > 0) out.set(k, q);
      }
    }
    return Object.fromEntries([...out].map(([k, q]) => [k, q.toString()]));
  };
  return { requests: sum('requests'), limits: sum('limits') };
}

function isBestEffort(pod: Pod): boolean {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].every((c) => Object.keys(c.resources?.requests ?? {}).length === 0 && Object.keys(c.resources?.limits ?? {}).length === 0);
}

/** podMatchesScopes checks a quota's scopes against a pod. */
export function podMatchesScopes(pod: Pod, scopes: string[]): boolean {
  return scopes.every((s) => {
    switch (s) {
      case 'Terminating':
        return pod.spec?.activeDeadlineSeconds != null;
      case 'NotTerminating':
        return pod.spec?.activeDeadlineSeconds == null;
      case 'BestEffort':
        return isBestEffort(pod);
      case 'NotBestEffort':
        return !isBestEffort(pod);
      default:
        return true;
    }
  });
}

/** podUsage adds what one pod uses: the count and its compute requests/limits. */
export function podUsage(usage: Usage, pod: Pod): void {
  if (isTerminal(pod)) return;
  count(usage, 'pods', 1);
  count(usage, 'count/pods', 1);
  const { requests, limits } = podComputeUsage(pod);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (requests[r] !== undefined) {
      add(usage, `requests.${r}`, parseQuantity(requests[r]!));
      if (r !== 'ephemeral-storage') add(usage, r, parseQuantity(requests[r]!));
    }
    if (limits[r] !== undefined) add(usage, `limits.${r}`, parseQuantity(limits[r]!));
  }
}

export function serviceUsage(usage: Usage, svc: Service): void {
  count(usage, 'services', 1);
  count(usage, 'count/services', 1);
  const type = svc.spec?.type ?? 'ClusterIP';
  const ports = svc.spec?.ports?.length ?? 0;
  if (type === 'NodePort') count(usage, 'services.nodeports', ports);
  if (type === 'LoadBalancer') {
    count(usage, 'services.loadbalancers', 1);
    if (svc.spec?.allocateLoadBalancerNodePorts !== false) count(usage, 'services.nodeports', ports);
  }
}

export function claimUsage(usage: Usage, pvc: PersistentVolumeClaim): void {
  count(usage, 'persistentvolumeclaims', 1);
  count(usage, 'count/persistentvolumeclaims', 1);
  const storage = pvc.spec?.resources?.requests?.storage;
  if (storage !== undefined) {
    add(usage, 'requests.storage', parseQuantity(storage));
    const cls = pvc.spec?.storageClassName;
    if (cls) {
      add(usage, `${cls}.storageclass.storage.k8s.io/requests.storage`, parseQuantity(storage));
      count(usage, `${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`, 1);
    }
  }
}

/** objectCount counts plain objects under their legacy and count/ names. */
export function objectCount(usage: Usage, resource: string, n: number): void {
  count(usage, resource, n);
  count(usage, `count/${resource}`, n);
}

/** maskToHard keeps only the resources the quota limits, with 0 for those nothing uses. */
export function maskToHard(usage: Usage, hard: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const name of Object.keys(hard)) out[name] = (usage.get(name) ?? zero()).toString();
  return out;
}
