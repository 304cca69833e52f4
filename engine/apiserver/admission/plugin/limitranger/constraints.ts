// Mirrors the constraint functions of plugin/pkg/admission/limitranger/admission.go (minConstraint,
// maxConstraint, maxRequestConstraint, limitRequestRatioConstraint, podRequests/podLimits) with
// their exact messages. Comparisons are in milli-units, as requestLimitEnforcedValues does.
import type { Pod, Quantity as QuantityValue, ResourceList } from '../../../../api/core/v1/types.js';
import { newQuantity, parseQuantity, type Quantity } from '../../../../apimachinery/api/resource/quantity.js';

const q = (v: QuantityValue): Quantity => parseQuantity(v);

/** minConstraint: a request must exist and be at least the minimum; a limit too. */
export function minConstraint(limitType: string, resource: string, enforced: QuantityValue, request: ResourceList, limit: ResourceList): string | undefined {
  const e = q(enforced);
  const req = request[resource];
  const lim = limit[resource];
  if (req === undefined) return `minimum ${resource} usage per ${limitType} is ${e}.  No request is specified`;
  if (q(req).cmp(e) < 0) return `minimum ${resource} usage per ${limitType} is ${e}, but request is ${q(req)}`;
  if (lim !== undefined && q(lim).cmp(e) < 0) return `minimum ${resource} usage per ${limitType} is ${e}, but limit is ${q(lim)}`;
  return undefined;
}

/** maxRequestConstraint: a request, when present, may not exceed the maximum (claims). */
export function maxRequestConstraint(limitType: string, resource: string, enforced: QuantityValue, request: ResourceList): string | undefined {
  const e = q(enforced);
  const req = request[resource];
  if (req !== undefined && q(req).cmp(e) > 0) return `maximum ${resource} usage per ${limitType} is ${e}, but request is ${q(req)}`;
  return undefined;
}

/** maxConstraint: a limit must exist and be at most the maximum; a request too. */
export function maxConstraint(limitType: string, resource: string, enforced: QuantityValue, request: ResourceList, limit: ResourceList): string | undefined {
  const e = q(enforced);
  const req = request[resource];
  const lim = limit[resource];
  if (lim === undefined) return `maximum ${resource} usage per ${limitType} is ${e}.  No limit is specified`;
  if (q(lim).cmp(e) > 0) return `maximum ${resource} usage per ${limitType} is ${e}, but limit is ${q(lim)}`;
  if (req !== undefined && q(req).cmp(e) > 0) return `maximum ${resource} usage per ${limitType} is ${e}, but request is ${q(req)}`;
  return undefined;
}

/** limitRequestRatioConstraint: limit / request may not exceed maxLimitRequestRatio. */
export function limitRequestRatioConstraint(limitType: string, resource: string, enforced: QuantityValue, request: ResourceList, limit: ResourceList): string | undefined {
  const e = q(enforced);
  const req = request[resource] === undefined ? undefined : q(request[resource]!);
  const lim = limit[resource] === undefined ? undefined : q(limit[resource]!);
  if (!req || req.milliValue() === 0) return `${resource} max limit to request ratio per ${limitType} is ${e}, but no request is specified or request is 0`;
  if (!lim || lim.milliValue() === 0) return `${resource} max limit to request ratio per ${limitType} is ${e}, but no limit is specified or limit is 0`;
  const observed = lim.milliValue() / req.milliValue();
  if (observed * 1000 > e.milliValue()) {
    return `${resource} max limit to request ratio per ${limitType} is ${e}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
}

/** sumPod mirrors podRequests/podLimits: containers add up, each init container is a floor. */
function sumPod(pod: Pod, kind: 'requests' | 'limits'): ResourceList {
  const out = new Map<string, Quantity>();
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) out.set(k, (out.get(k) ?? newQuantity(0)).add(q(v)));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) {
      if (!out.has(k) || q(v).cmp(out.get(k)!) > 0) out.set(k, q(v));
    }
  }
  return Object.fromEntries([...out].map(([k, v]) => [k, v.toString()]));
}

export const podRequests = (pod: Pod) => sumPod(pod, 'requests');
export const podLimits = (pod: Pod) => sumPod(pod, 'limits');
