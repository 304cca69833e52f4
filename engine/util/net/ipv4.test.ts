import { describe, it, expect } from 'vitest';
import { formatIPv4, parseIPv4 } from './ipv4.js';

describe('parseIPv4', () => {
  const cases: [string, number | undefined][] = [
    ['0.0.0.0', 0],
    ['10.96.0.1', 0x0a600001],
    ['255.255.255.255', 0xffffffff],
    ['010.1.1.1', 0x0a010101],
    ['256.0.0.1', undefined],
    ['1.2.3', undefined],
    ['1.2.3.4.5', undefined],
    ['a.b.c.d', undefined],
    ['1.2.3.-4', undefined],
    ['', undefined],
  ];
  for (const [ip, want] of cases) it(JSON.stringify(ip), () => expect(parseIPv4(ip)).toBe(want));
});

describe('formatIPv4', () => {
  it('round-trips parseIPv4', () => {
    for (const ip of ['0.0.0.0', '10.244.1.7', '192.168.0.255', '255.255.255.255']) {
      expect(formatIPv4(parseIPv4(ip)!)).toBe(ip);
    }
  });
});
