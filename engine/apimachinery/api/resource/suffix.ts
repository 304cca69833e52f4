// Mirrors k8s.io/apimachinery/pkg/api/resource/suffix.go: the SI, binary SI and exponent suffixes
// of quantities, both directions.

export type Format = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const decSuffixes: [string, number][] = [
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
];
const binSuffixes: [string, number][] = [
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
];

const decBySuffix = new Map(decSuffixes);
const binBySuffix = new Map(binSuffixes);
const decByExponent = new Map(decSuffixes.map(([s, e]) => [e, s]));
const binByExponent = new Map(binSuffixes.map(([s, e]) => [e, s]));

export interface Interpreted {
  base: 2 | 10;
  exponent: number;
  format: Format;
}

/** interpret maps a suffix ("Mi", "m", "e3") to its base, exponent and format. */
export function interpret(suffix: string): Interpreted | undefined {
  const dec = decBySuffix.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = binBySuffix.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'E' || suffix[0] === 'e')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const n = Number(rest);
    if (!Number.isSafeInteger(n)) return undefined;
    return { base: 10, exponent: n, format: 'DecimalExponent' };
  }
  return undefined;
}

/** construct returns the suffix for base^exponent in a format ("" when there is none). */
export function construct(base: 2 | 10, exponent: number, format: Format): string {
  switch (format) {
    case 'DecimalSI':
      // Exponents beyond the table (e.g. 10^21) fall back to exponent notation rather than vanish.
      return decByExponent.get(exponent) ?? `e${exponent}`;
    case 'BinarySI':
      return binByExponent.get(exponent) ?? '';
    case 'DecimalExponent':
      return base !== 10 || exponent === 0 ? '' : `e${exponent}`;
  }
}
