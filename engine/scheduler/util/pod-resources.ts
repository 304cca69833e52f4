// Mirrors pkg/scheduler/util/pod_resources.go and k8s.io/component-helpers/resource (PodRequests):
// a pod's effective requests — its containers and sidecars, or the init phase's peak if larger —
// plus the "non-zero" defaults scoring assumes for containers that request nothing.
import type { Container, Pod } from '../../api/core/v1/types.js';
import { parseQuantity } from '../../apimachinery/api/resource/quantity.js';

/** DefaultMilliCPURequest and DefaultMemoryRequest stand in for absent requests when scoring. */
export const DefaultMilliCPURequest = 100;
export const DefaultMemoryRequest = 200 * 1024 * 1024;

/** Resource is framework.Resource: amounts the scheduler adds and compares. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  scalarResources: Record<string, number>;
}

export const newResource = (): Resource => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalarResources: {} });

export const cloneResource = (r: Resource): Resource => ({ ...r, scalarResources: { ...r.scalarResources } });

/**
 * quantityCache remembers parsed amounts by resource kind and text: a cluster uses a handful of
 * request strings ("100m", "64Mi"), and the cache and every scheduling cycle read them again.
 */
const quantityCache = new Map<string, number>();
const quantityCacheLimit = 4096;

/** quantityValue reads a quantity in its base unit (milli for cpu); unparsable amounts count as 0. */
export function quantityValue(name: string, q: string | number | undefined): number {
  if (q === undefined) return 0;
  const key = (name === 'cpu' ? 'm' : 'v') + q;
  const cached = quantityCache.get(key);
  if (cached !== undefined) return cached;
  let v = 0;
  try {
    const parsed = parseQuantity(q);
    v = name === 'cpu' ? parsed.milliValue() : parsed.int64Value();
  } catch {
    v = 0;
  }
  if (quantityCache.size >= quantityCacheLimit) quantityCache.clear();
  quantityCache.set(key, v);
  return v;
}

/** resourceFromList builds a Resource from a ResourceList (allocatable or requests). */
export function resourceFromList(list: Record<string, string | number> | undefined): Resource {
  const r = newResource();
  for (const [name, q] of Object.entries(list ?? {})) {
    const v = quantityValue(name, q);
    if (name === 'cpu') r.milliCPU += v;
    else if (name === 'memory') r.memory += v;
    else if (name === 'ephemeral-storage') r.ephemeralStorage += v;
    else if (name === 'pods') r.allowedPodNumber += v;
    else if (name.includes('/') || name.startsWith('hugepages-')) r.scalarResources[name] = (r.scalarResources[name] ?? 0) + v;
  }
  return r;
}

function addInto(into: Resource, r: Resource): void {
  into.milliCPU += r.milliCPU;
  into.memory += r.memory;
  into.ephemeralStorage += r.ephemeralStorage;
  for (const [k, v] of Object.entries(r.scalarResources)) into.scalarResources[k] = (into.scalarResources[k] ?? 0) + v;
}

function maxInto(into: Resource, r: Resource): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  for (const [k, v] of Object.entries(r.scalarResources)) into.scalarResources[k] = Math.max(into.scalarResources[k] ?? 0, v);
}

function containerRequests(c: Container, nonZero: boolean): Resource {
  const r = resourceFromList(c.resources?.requests as Record<string, string | number> | undefined);
  if (nonZero) {
    const req = c.resources?.requests ?? {};
    if (req.cpu === undefined) r.milliCPU = DefaultMilliCPURequest;
    if (req.memory === undefined) r.memory = DefaultMemoryRequest;
  }
  return r;
}

/**
 * podRequests is what a pod asks of a node: the sum over containers and sidecars (init containers
 * with restartPolicy Always keep running), raised to what the init phase needs at its peak — each
 * other init container runs alone beside the sidecars started before it. nonZero applies the
 * defaults. As upstream's AggregateContainerRequests.
 */
export function podRequests(pod: Pod, nonZero = false): Resource {
  const total = newResource();
  for (const c of pod.spec?.containers ?? []) addInto(total, containerRequests(c, nonZero));
  const sidecars = newResource();
  const initPeak = newResource();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      addInto(total, r);
      addInto(sidecars, r);
      maxInto(initPeak, sidecars);
    } else {
      addInto(r, sidecars);
      maxInto(initPeak, r);
    }
  }
  maxInto(total, initPeak);
  return total;
}
