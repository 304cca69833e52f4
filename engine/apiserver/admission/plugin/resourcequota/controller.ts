// Mirrors plugin/pkg/admission/resourcequota/controller.go (checkRequest, checkQuotas) and the
// quota helpers of pkg/quota/v1/resources.go: the pure part of quota admission — given the quotas of
// a namespace and an object's usage delta, which quotas change and to what, or the refusal.
import type { ResourceList, ResourceQuota } from '../../../../api/core/v1/types.js';
import type { Evaluator } from '../../../../api/quota/v1/evaluators.js';
import type { Usage } from '../../../../api/quota/v1/evaluator.js';
import { newQuantity, parseQuantity, type Quantity } from '../../../../apimachinery/api/resource/quantity.js';

/** QuotaCheckError carries the message admission wraps in a 403. */
export class QuotaCheckError extends Error {}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** prettyPrint mirrors prettyPrint: sorted name=value pairs joined by commas. */
export function prettyPrint(list: Map<string, Quantity>): string {
  return [...list.keys()].sort(byName).map((k) => `${k}=${list.get(k)!.toString()}`).join(',');
}

function toMap(list: ResourceList | undefined): Map<string, Quantity> {
  return new Map(Object.entries(list ?? {}).map(([k, v]) => [k, parseQuantity(v)]));
}

function mask(list: Map<string, Quantity>, names: Iterable<string>): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const n of names) if (list.has(n)) out.set(n, list.get(n)!);
  return out;
}

/** subtract is quota.Subtract: a - b over a's names and b's (missing counts as zero). */
export function subtract(a: Usage, b: Usage): Usage {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? newQuantity(0)).sub(v));
  return out;
}

/** QuotaChange is one quota whose status.used admission must write. */
export interface QuotaChange {
  index: number;
  used: ResourceList;
}

/**
 * checkQuotas mirrors the body of checkRequest for one object: every quota that matches the object
 * and limits something it uses must have room; the answer lists the quotas to update (their new
 * status.used). Throws QuotaCheckError with upstream's wording otherwise.
 */
export function checkQuotas(quotas: ResourceQuota[], evaluator: Evaluator, obj: unknown, delta: Usage, isUpdate: boolean): QuotaChange[] {
  const interesting: number[] = [];
  for (let i = 0; i < quotas.length; i++) {
    const rq = quotas[i]!;
    const hardNames = Object.keys(rq.status?.hard ?? {});
    const restricted = hardNames.filter((n) => evaluator.matches(n));
    // Matches: the quota must limit one of the evaluator's resources and select the object's scopes.
    if (restricted.length === 0 || !evaluator.matchesScopes(rq, obj)) continue;
    const err = isUpdate ? undefined : evaluator.constraints(restricted, obj);
    if (err) throw new QuotaCheckError(`failed quota: ${rq.metadata.name}: ${err}`);
    const used = rq.status?.used ?? {};
    if (restricted.some((n) => !(n in used))) {
      throw new QuotaCheckError(`status unknown for quota: ${rq.metadata.name}, resources: ${[...restricted].sort(byName).join(',')}`);
    }
    interesting.push(i);
  }
  const changes: QuotaChange[] = [];
  for (const i of interesting) {
    const rq = quotas[i]!;
    const hard = toMap(rq.status?.hard);
    const used = toMap(rq.status?.used);
    const requested = mask(delta, hard.keys());
    if (requested.size === 0 || [...requested.values()].every((q) => q.isZero())) continue;
    const newUsage = new Map(used);
    for (const [k, v] of requested) newUsage.set(k, (used.get(k) ?? newQuantity(0)).add(v));
    // Only resources this request raises can be exceeded (LessThanOrEqual over the masked usage).
    const exceeded = [...requested.keys()].filter((k) => requested.get(k)!.sign() > 0 && newUsage.get(k)!.cmp(hard.get(k)!) > 0);
    if (exceeded.length) {
      throw new QuotaCheckError(
        `exceeded quota: ${rq.metadata.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
      );
    }
    changes.push({ index: i, used: Object.fromEntries([...newUsage].map(([k, v]) => [k, v.toString()])) });
  }
  return changes;
}
