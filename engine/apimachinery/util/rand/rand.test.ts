import { describe, it, expect } from 'vitest';
import { alphanums, intn, safeEncodeString, string } from './rand.js';

describe('rand', () => {
  it.each([0, 1, 5, 10, 63])('string(%d) has that length and only alphabet characters', (n) => {
    const s = string(n);
    expect(s).toHaveLength(n);
    expect([...s].every((c) => alphanums.includes(c))).toBe(true);
  });
  it('varies between calls', () => {
    const seen = new Set(Array.from({ length: 20 }, () => string(10)));
    expect(seen.size).toBeGreaterThan(15);
  });
  it('intn stays in range', () => {
    for (let i = 0; i < 200; i++) {
      const v = intn(7);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(7);
    }
  });
  it('safeEncodeString maps byte values onto the alphabet', () => {
    // '0' is 48; 48 % 27 = 21 → '6'
    expect(safeEncodeString('0')).toBe(alphanums[48 % 27]);
    expect(safeEncodeString('abc')).toHaveLength(3);
  });
});
