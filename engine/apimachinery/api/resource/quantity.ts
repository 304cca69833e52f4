// Mirrors k8s.io/apimachinery/pkg/api/resource/quantity.go: fixed-point quantities ("100m", "128Mi",
// "1e3") with upstream's parsing, nano round-up, canonical strings and arithmetic. One exact
// representation (bigint × 10^scale) replaces Go's int64Amount/inf.Dec pair.
import { construct, interpret, type Format } from './suffix.js';

export type { Format } from './suffix.js';

const splitREString = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const errFormatWrong = `quantities must match the regular expression '${splitREString}'`;
export const errNumeric = 'unable to parse numeric part of quantity';
export const errSuffix = "unable to parse quantity's suffix";

const nano = -9;
const maxInt64 = 9223372036854775807n;
const maxAllowed = maxInt64; // binary quantities are capped at 2^63-1, as upstream

const pow10 = (n: number) => 10n ** BigInt(n);
const abs = (v: bigint) => (v < 0n ? -v : v);

/** Quantity is an immutable amount (value × 10^scale) with the format it prints in. */
export class Quantity {
  /** @param s the original string, kept when it was already canonical (as upstream caches it) */
  constructor(
    readonly value: bigint,
    readonly scale: number,
    readonly format: Format,
    private readonly s?: string,
  ) {}

  isZero(): boolean {
    return this.value === 0n;
  }

  sign(): number {
    return this.value === 0n ? 0 : this.value > 0n ? 1 : -1;
  }

  /** cmp returns -1, 0 or 1 comparing this to y. */
  cmp(y: Quantity): number {
    const [a, b] = align(this, y);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  equal(y: Quantity): boolean {
    return this.cmp(y) === 0;
  }

  /** add returns this + y; a zero quantity takes y's format. */
  add(y: Quantity): Quantity {
    const [a, b, scale] = align(this, y);
    return new Quantity(a + b, scale, this.isZero() ? y.format : this.format);
  }

  sub(y: Quantity): Quantity {
    const [a, b, scale] = align(this, y);
    return new Quantity(a - b, scale, this.isZero() ? y.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.value, this.scale, this.format);
  }

  /** scaledValue returns ceil(q / 10^scale), rounding away from zero as upstream's int64 path does. */
  scaledValueBig(scale: number): bigint {
    const dif = this.scale - scale;
    if (dif >= 0) return this.value * pow10(dif);
    const d = pow10(-dif);
    const q = this.value / d;
    if (this.value % d === 0n) return q;
    return this.value > 0n ? q + 1n : q - 1n;
  }

  scaledValue(scale: number): number {
    return Number(this.scaledValueBig(scale));
  }

  /** value rounded up to an integer (e.g. CPU "1500m" → 2). */
  valueOf(): number {
    return this.scaledValue(0);
  }

  int64Value(): number {
    return this.scaledValue(0);
  }

  /** milliValue is the amount in thousandths, rounded up ("100m" → 100, "1" → 1000). */
  milliValue(): number {
    return this.scaledValue(-3);
  }

  asApproximateFloat64(): number {
    return Number(this.value) * 10 ** this.scale;
  }

  /** toString is the canonical form ("0.5" → "500m", "1024Mi" → "1Gi", "1.5G" → "1500M"). */
  toString(): string {
    if (this.s !== undefined) return this.s;
    const [number, suffix] = this.canonicalize();
    return number + suffix;
  }

  toJSON(): string {
    return this.toString();
  }

  /** canonicalize mirrors CanonicalizeBytes: the number and suffix of the canonical form. */
  canonicalize(): [string, string] {
    if (this.isZero()) return ['0', ''];
    let format = this.format;
    let rounded = 0n;
    if (format === 'BinarySI') {
      if (this.cmp(newQuantity(-1024)) > 0 && this.cmp(newQuantity(1024)) < 0) {
        format = 'DecimalSI'; // avoids rounding and confusion for small values
      } else {
        rounded = this.scaledValueBig(0);
        if (!new Quantity(rounded, 0, 'DecimalSI').equal(this)) format = 'DecimalSI'; // don't lose precision
      }
    }
    if (format === 'BinarySI') {
      let amount = rounded;
      let times = 0;
      while (amount % 1024n === 0n) {
        amount /= 1024n;
        times++;
      }
      return [amount.toString(), construct(2, times * 10, 'BinarySI')];
    }
    let amount = this.value;
    let exponent = this.scale;
    while (amount % 10n === 0n) {
      amount /= 10n;
      exponent++;
    }
    // keep the exponent a multiple of 3 so an SI suffix exists
    while (exponent % 3 !== 0) {
      amount *= 10n;
      exponent--;
    }
    return [amount.toString(), construct(10, exponent, format)];
  }
}

function align(x: Quantity, y: Quantity): [bigint, bigint, number] {
  const scale = Math.min(x.scale, y.scale);
  return [x.value * pow10(x.scale - scale), y.value * pow10(y.scale - scale), scale];
}

/** QuantityError carries upstream's parse error messages. */
export class QuantityError extends Error {
  override name = 'QuantityError';
}

interface Parts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

// parseQuantityString splits "-1.5Gi" into sign, integer digits, fraction digits and suffix.
function parseQuantityString(str: string): Parts {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(errFormatWrong);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

/** parseQuantity parses a quantity string, throwing QuantityError with upstream's messages. */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? String(input) : input;
  if (str.length === 0) throw new QuantityError(errFormatWrong);
  if (str === '0') return new Quantity(0n, 0, 'DecimalSI', str);
  const { positive, num, denom, suffix } = parseQuantityString(str);
  const sfx = interpret(suffix);
  if (!sfx) throw new QuantityError(errSuffix);
  let format = sfx.format;
  const digits = BigInt(num + denom);
  let value = digits;
  let scale = -denom.length;
  if (sfx.base === 10) scale += sfx.exponent;
  else value *= 1n << BigInt(sfx.exponent);
  if (scale < nano) {
    // Round non-zero amounts up to 1n: asking for some resource should get some.
    const d = pow10(nano - scale);
    value = value % d === 0n ? value / d : value / d + 1n;
    scale = nano;
  }
  if (format === 'BinarySI') {
    if (value * pow10(Math.max(scale, 0)) > maxAllowed * pow10(Math.max(-scale, 0))) {
      value = maxAllowed;
      scale = 0;
    }
    if (value !== 0n && value * pow10(Math.max(scale, 0)) < pow10(Math.max(-scale, 0))) format = 'DecimalSI';
  }
  if (!positive) value = -value;
  return new Quantity(value, scale, format, cachedString(str, num, denom, sfx.base, sfx.exponent, format));
}

// cachedString returns str when upstream's fast path would keep the original text as canonical.
function cachedString(str: string, num: string, denom: string, base: 2 | 10, exponent: number, format: Format): string | undefined {
  const shifted = num + denom;
  if (base === 2) {
    if (denom.length > 0 || exponent < 0) return undefined;
    const precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    if (precision < 0) return undefined;
    const v = BigInt(shifted);
    if ((v << BigInt(exponent)) > maxInt64) return undefined;
    return exponent % 10 === 0 && (v & 7n) !== 0n ? str : undefined;
  }
  if (18 - shifted.length < 0) return undefined;
  const scale = exponent - denom.length;
  if (scale < nano) return undefined;
  return format !== 'BinarySI' && scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0' ? str : undefined;
}

/** mustParse parses a quantity known to be valid (constants, defaults). */
export function mustParse(str: string): Quantity {
  return parseQuantity(str);
}

/** newQuantity is an integer amount in the given format. */
export function newQuantity(value: number | bigint, format: Format = 'DecimalSI'): Quantity {
  return new Quantity(BigInt(value), 0, format);
}

/** newMilliQuantity is value/1000 in the given format. */
export function newMilliQuantity(value: number | bigint, format: Format = 'DecimalSI'): Quantity {
  return new Quantity(BigInt(value), -3, format);
}

/** newScaledQuantity is value × 10^scale, printed as DecimalSI. */
export function newScaledQuantity(value: number | bigint, scale: number): Quantity {
  return new Quantity(BigInt(value), scale, 'DecimalSI');
}

/** isQuantity tells a parsed Quantity from other values. */
export const isQuantity = (v: unknown): v is Quantity => v instanceof Quantity;
