import { describe, it, expect } from 'vitest';
import { errFormatWrong, errSuffix, newMilliQuantity, newQuantity, parseQuantity } from './quantity.js';

describe('parseQuantity canonical strings', () => {
  const cases: [string, string][] = [
    ['0', '0'],
    ['100m', '100m'],
    ['0.5', '500m'],
    ['.5', '500m'],
    ['0.1', '100m'],
    ['1.0', '1'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1', '1'],
    ['1000', '1k'],
    ['1000000', '1M'],
    ['1500', '1500'],
    ['128974848', '128974848'],
    ['1.5G', '1500M'],
    ['1e3', '1e3'],
    ['1E3', '1E3'], // canonical already: upstream keeps the original text
    ['1000E-3', '1'],
    ['1e-3', '1e-3'],
    ['129e6', '129e6'],
    ['1.5e3', '1500'],
    ['128Mi', '128Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['1Ki', '1Ki'],
    ['1023', '1023'],
    ['-1', '-1'],
    ['-100m', '-100m'],
    ['-0', '0'],
    ['0.0000000001', '1n'],
    ['0.000000000001', '1n'],
    ['1n', '1n'],
    ['1u', '1u'],
    ['500u', '500u'],
    ['10k', '10k'],
    ['1M', '1M'],
    ['2T', '2T'],
    ['3P', '3P'],
    ['4E', '4E'],
    ['100Mi', '100Mi'],
    ['100M', '100M'],
    ['001', '001'], // upstream quirk: leading zeros survive the canonical check
    ['0.10', '100m'],
    ['+1k', '+1k'],
  ];
  it.each(cases)('%s → %s', (input, want) => {
    expect(parseQuantity(input).toString()).toBe(want);
  });

  it('caps binary quantities at 2^63-1 and keeps formats', () => {
    expect(parseQuantity('10Ei').toString()).toBe('9223372036854775807');
    expect(parseQuantity('1Mi').format).toBe('BinarySI');
    expect(parseQuantity('1M').format).toBe('DecimalSI');
    expect(parseQuantity('1e6').format).toBe('DecimalExponent');
  });
});

describe('parseQuantity errors', () => {
  const cases: [string, string][] = [
    ['', errFormatWrong],
    ['abc', errFormatWrong],
    ['1Gb', errFormatWrong],
    ['1.5.5', errFormatWrong],
    ['1 Gi', errFormatWrong],
    ['1K', errSuffix],
    ['1iM', errSuffix],
    ['1e', errSuffix],
    ['1mm', errSuffix],
  ];
  it.each(cases)('%j', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(message);
  });
  it('the format message names the regular expression', () => {
    expect(errFormatWrong).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

describe('values', () => {
  const cases: [string, number, number][] = [
    ['100m', 1, 100],
    ['1', 1, 1000],
    ['1.5', 2, 1500],
    ['1Ki', 1024, 1024000],
    ['0.1m', 1, 1],
    ['-1.5', -2, -1500],
    ['128Mi', 134217728, 134217728000],
  ];
  it.each(cases)('%s value %d milli %d', (q, value, milli) => {
    expect(parseQuantity(q).valueOf()).toBe(value);
    expect(parseQuantity(q).milliValue()).toBe(milli);
  });
});

describe('arithmetic and comparison', () => {
  const cmp: [string, string, number][] = [
    ['1', '1000m', 0],
    ['1Ki', '1024', 0],
    ['1k', '1Ki', -1],
    ['500m', '0.4', 1],
    ['-1', '0', -1],
  ];
  it.each(cmp)('cmp(%s, %s) = %d', (a, b, want) => {
    expect(parseQuantity(a).cmp(parseQuantity(b))).toBe(want);
  });

  const sums: [string, string, string, string][] = [
    ['100m', '200m', '300m', '-100m'],
    ['1', '500m', '1500m', '500m'],
    ['1Gi', '1Gi', '2Gi', '0'],
    ['512Mi', '512Mi', '1Gi', '0'],
    ['0', '1Mi', '1Mi', '-1Mi'],
    ['1k', '1', '1001', '999'],
  ];
  it.each(sums)('%s ± %s', (a, b, sum, diff) => {
    expect(parseQuantity(a).add(parseQuantity(b)).toString()).toBe(sum);
    expect(parseQuantity(a).sub(parseQuantity(b)).toString()).toBe(diff);
  });

  it('constructors', () => {
    expect(newMilliQuantity(250).toString()).toBe('250m');
    expect(newQuantity(2048, 'BinarySI').toString()).toBe('2Ki');
    expect(newQuantity(5).toString()).toBe('5');
    expect(JSON.stringify({ cpu: parseQuantity('0.5') })).toBe('{"cpu":"500m"}');
  });
});
