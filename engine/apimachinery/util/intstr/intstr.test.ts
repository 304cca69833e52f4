import { describe, it, expect } from 'vitest';
import { getScaledValueFromIntOrPercent, intValue, parse, type IntOrString } from './intstr.js';

describe('getScaledValueFromIntOrPercent', () => {
  const cases: [IntOrString, number, boolean, number][] = [
    [5, 10, true, 5],
    [5, 10, false, 5],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['25%', 4, true, 1],
    ['0%', 10, true, 0],
    ['100%', 7, false, 7],
    ['50%', 3, true, 2],
    ['50%', 3, false, 1],
    ['33%', 100, false, 33],
  ];
  it.each(cases)('%j of %d roundUp=%s → %d', (v, total, up, want) => {
    expect(getScaledValueFromIntOrPercent(v, total, up)).toBe(want);
  });

  const errors: [IntOrString | undefined, string][] = [
    [undefined, 'nil value for IntOrString'],
    ['25', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['a%', 'invalid value for IntOrString: invalid value "a%": strconv.Atoi: parsing "a": invalid syntax'],
  ];
  it.each(errors)('%j fails', (v, message) => {
    expect(() => getScaledValueFromIntOrPercent(v, 10, true)).toThrow(message);
  });
});

describe('parse and intValue', () => {
  it('parses ints and keeps names', () => {
    expect(parse('80')).toBe(80);
    expect(parse('http')).toBe('http');
    expect(intValue('8080')).toBe(8080);
    expect(intValue('http')).toBe(0);
    expect(intValue(7)).toBe(7);
  });
});
