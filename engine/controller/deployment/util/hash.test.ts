import { describe, it, expect } from 'vitest';
import { computeHash, fnv32a, safeEncodeString } from './hash.js';

describe('fnv32a', () => {
  // Reference values of FNV-1a 32 (as Go's hash/fnv.New32a computes them).
  const cases = [
    { input: '', want: 0x811c9dc5 },
    { input: 'a', want: 0xe40c292c },
    { input: 'foobar', want: 0xbf9cf968 },
  ];
  it.each(cases)('hashes "$input"', ({ input, want }) => {
    expect(fnv32a(new TextEncoder().encode(input))).toBe(want);
  });
});

describe('safeEncodeString', () => {
  it('maps digits onto the vowel-free alphabet', () => {
    // '0' is byte 48 → 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'.
    expect(safeEncodeString('09')).toBe('4f');
  });
});

describe('computeHash', () => {
  const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.7.9' }] } };
  it('is stable across key order and changes with the template and collisionCount', () => {
    const h = computeHash(t);
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(computeHash({ spec: t.spec, metadata: t.metadata })).toBe(h);
    expect(computeHash({ ...t, spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1' }] } })).not.toBe(h);
    expect(computeHash(t, 1)).not.toBe(h);
  });
});
