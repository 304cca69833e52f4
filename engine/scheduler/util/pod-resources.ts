// Mirrors pkg/scheduler/util/pod_resources.go and k8s.io/component-helpers/resource (PodRequests):
// a pod's effective requests — the larger of the sum of its containers and its biggest init
// container — plus the "non-zero" defaults scoring assumes for containers that request nothing.
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

/** quantityValue reads a quantity in its base unit (milli for cpu); unparsable amounts count as 0. */
export function quantityValue(name: string, q: string | number | undefined): number {
  if (q === undefined) return 0;
  try {
    const parsed = parseQuantity(q);
    return name === 'cpu' ? parsed.milliValue() : parsed.int64Value();
  } catch {
    return 0;
  }
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
 * podRequests is what a pod asks of a node: the sum over containers, raised to the largest init
 * container (init containers run one at a time, before the others). nonZero applies the defaults.
 */
export function podRequests(pod: Pod, nonZero = false): Resource {
  const total = newResource();
  for (const c of pod.spec?.containers ?? []) addInto(total, containerRequests(c, nonZero));
  for (const c of pod.spec?.initContainers ?? []) {
    // Sidecars (restartPolicy Always) keep running, so they add up rather than take turns.
    if (c.restartPolicy === 'Always') addInto(total, containerRequests(c, nonZero));
    else maxInto(total, containerRequests(c, nonZero));
  }
  return total;
}
