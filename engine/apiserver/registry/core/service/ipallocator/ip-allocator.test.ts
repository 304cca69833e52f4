import { describe, expect, it } from 'vitest';
import { firstServiceIP, parseCIDR } from './cidr.js';
import { calculateRangeOffset, Range } from './ip-allocator.js';

describe('parseCIDR', () => {
  it.each([
    ['10.254.0.0/16', '10.254.0.0/16', 65536],
    ['10.254.3.7/16', '10.254.0.0/16', 65536],
    ['192.168.1.0/24', '192.168.1.0/24', 256],
  ])('%s', (text, canonical, size) => {
    const c = parseCIDR(text);
    expect(c.text).toBe(canonical);
    expect(c.size).toBe(size);
  });
  it.each(['10.254.0.0', '10.254.0.0/33', '300.1.1.1/8', 'x/8'])('rejects %s', (text) => {
    expect(() => parseCIDR(text)).toThrow('invalid CIDR address');
  });
  it('firstServiceIP is network + 1', () => {
    expect(firstServiceIP('10.254.0.0/16')).toBe('10.254.0.1');
    expect(firstServiceIP('10.96.0.0/12')).toBe('10.96.0.1');
  });
});

describe('Range', () => {
  it('allocates a given IP once and reports the upstream errors', () => {
    const r = new Range('10.254.0.0/16');
    expect(r.allocate('10.254.0.1')).toBe('');
    expect(r.has('10.254.0.1')).toBe(true);
    expect(r.allocate('10.254.0.1')).toBe('provided IP is already allocated');
    expect(r.allocate('10.0.0.5')).toBe(
      'the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.254.0.0/16',
    );
  });

  it.each(['10.254.0.0', '10.254.255.255'])('excludes network and broadcast address %s', (ip) => {
    expect(new Range('10.254.0.0/16').allocate(ip)).toMatch(/not in the valid range/);
  });

  it('sequential allocation hands out .1, .2, … and reuses released addresses', () => {
    const r = new Range('10.254.0.0/16', { strategy: 'sequential' });
    expect(r.allocateNext()).toBe('10.254.0.1');
    expect(r.allocateNext()).toBe('10.254.0.2');
    r.release('10.254.0.1');
    expect(r.has('10.254.0.1')).toBe(false);
    expect(r.allocateNext()).toBe('10.254.0.1');
  });

  it('random allocation prefers the upper band and falls back to the lower one when full', () => {
    const r = new Range('192.168.1.0/24', { random: () => 0 });
    // 254 usable addresses: the static band is the first 16.
    expect(calculateRangeOffset(254)).toBe(16);
    expect(r.allocateNext()).toBe('192.168.1.17');
    for (let i = 0; i < 254 - 16 - 1; i++) expect(r.allocateNext()).toBeDefined();
    expect(r.allocateNext()).toBe('192.168.1.1');
  });

  it('returns undefined when the range is full', () => {
    const r = new Range('192.168.1.0/30', { strategy: 'sequential' });
    expect(r.allocateNext()).toBe('192.168.1.1');
    expect(r.allocateNext()).toBe('192.168.1.2');
    expect(r.allocateNext()).toBeUndefined();
    expect(r.free()).toBe(0);
    expect(r.used()).toBe(2);
  });

  it.each([
    [10, 0],
    [254, 16],
    [4094, 255],
    [65534, 256],
  ])('calculateRangeOffset(%i) = %i', (size, offset) => {
    expect(calculateRangeOffset(size)).toBe(offset);
  });
});
