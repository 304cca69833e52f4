// Mirrors k8s.io/apimachinery/pkg/api/equality/semantic.go: deep equality of API values, where
// quantities compare by amount ("1000m" equals "1"), plus a deep copy of JSON values.
import { Quantity } from '../resource/quantity.js';

/** JSONValue is any value that survives JSON encoding. */
export type JSONValue = null | boolean | number | string | JSONValue[] | { [key: string]: JSONValue };

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Quantity);

/** deepEqual compares JSON-like values; undefined fields count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, false);
}

/**
 * semanticDeepEqual compares decoded API objects as Go compares typed values: a null and an absent
 * field are both nil (validation of immutable fields uses it).
 */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, true);
}

function equal(a: unknown, b: unknown, nullIsAbsent: boolean): boolean {
  if (a === b) return true;
  if (nullIsAbsent && a == null && b == null) return true;
  if (a instanceof Quantity && b instanceof Quantity) return a.cmp(b) === 0;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => equal(v, b[i], nullIsAbsent));
  }
  if (isObject(a) && isObject(b)) {
    const present = (o: Record<string, unknown>) => Object.keys(o).filter((k) => (nullIsAbsent ? o[k] != null : o[k] !== undefined));
    const ka = present(a);
    if (ka.length !== present(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k], nullIsAbsent));
  }
  return false;
}

/** deepCopy copies a JSON-like value (quantities are immutable and shared). */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T;
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
    return out as T;
  }
  return v;
}
