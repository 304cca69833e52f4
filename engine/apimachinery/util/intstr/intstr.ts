// Mirrors k8s.io/apimachinery/pkg/util/intstr/intstr.go: a field that holds an int or a string
// ("80" or "http", 25 or "25%"). In JSON it is simply a number or a string.

export type IntOrString = number | string;

export const fromInt = (v: number): IntOrString => v;
export const fromString = (v: string): IntOrString => v;

/** parse returns an int when the string is a plain integer, as intstr.Parse does. */
export function parse(v: string): IntOrString {
  return /^[+-]?[0-9]+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v;
}

/** intValue returns the int, or the string parsed as an int (0 when it is not one). */
export function intValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}

export function toString(v: IntOrString): string {
  return typeof v === 'number' ? String(v) : v;
}

/** valueOrDefault returns v unless it is undefined or null. */
export function valueOrDefault(v: IntOrString | undefined | null, def: IntOrString): IntOrString {
  return v === undefined || v === null ? def : v;
}

// getIntOrPercentValueSafely mirrors upstream, including its error texts.
function getIntOrPercentValueSafely(v: IntOrString): { value: number; isPercent: boolean } {
  if (typeof v === 'number') return { value: v, isPercent: false };
  if (typeof v !== 'string') throw new Error('invalid type: neither int nor percentage');
  if (!v.endsWith('%')) throw new Error('invalid type: string is not a percentage');
  const s = v.slice(0, -1);
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`invalid value ${JSON.stringify(v)}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return { value: Number(s), isPercent: true };
}

/**
 * getScaledValueFromIntOrPercent returns an int as is, or a percentage of total rounded up or
 * down (maxSurge rounds up, maxUnavailable rounds down).
 */
export function getScaledValueFromIntOrPercent(v: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  let r: { value: number; isPercent: boolean };
  try {
    r = getIntOrPercentValueSafely(v);
  } catch (e) {
    throw new Error(`invalid value for IntOrString: ${(e as Error).message}`);
  }
  if (!r.isPercent) return r.value;
  const scaled = (r.value * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
