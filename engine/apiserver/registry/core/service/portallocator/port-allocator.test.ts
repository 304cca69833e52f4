import { describe, expect, it } from 'vitest';
import { calculateRangeOffset, parsePortRange, PortAllocator } from './port-allocator.js';

describe('PortAllocator', () => {
  it('reports upstream messages for out-of-range and taken ports', () => {
    const p = new PortAllocator();
    expect(p.rangeText()).toBe('30000-32767');
    expect(p.allocate(80)).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767');
    expect(p.allocate(30001)).toBe('');
    expect(p.allocate(30001)).toBe('provided port is already allocated');
    p.release(30001);
    expect(p.allocate(30001)).toBe('');
  });

  it('sequential allocation skips taken ports', () => {
    const p = new PortAllocator('30000-30002', { strategy: 'sequential' });
    expect(p.allocate(30000)).toBe('');
    expect(p.allocateNext()).toBe(30001);
    expect(p.allocateNext()).toBe(30002);
    expect(p.allocateNext()).toBeUndefined();
  });

  it('random allocation starts above the static band', () => {
    const p = new PortAllocator('30000-32767', { random: () => 0 });
    expect(calculateRangeOffset(2768)).toBe(86);
    expect(p.allocateNext()).toBe(30086);
  });

  it.each([
    ['30000-32767', { base: 30000, size: 2768 }],
    ['8080', { base: 8080, size: 1 }],
  ])('parsePortRange(%s)', (text, want) => {
    expect(parsePortRange(text)).toEqual(want);
  });
  it.each(['a-b', '100-50', '70000'])('parsePortRange rejects %s', (text) => {
    expect(() => parsePortRange(text)).toThrow();
  });
});
