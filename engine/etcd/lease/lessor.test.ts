import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Lessor } from './lessor.js';

describe('Lessor', () => {
  it('reports expiry once, after the TTL, and renewals push it back', () => {
    const clock = new VirtualClock();
    const expired: number[] = [];
    const lessor = new Lessor(clock, (id) => expired.push(id));
    lessor.grant(1, 5);
    lessor.grant(2, 10);
    clock.step(4000);
    lessor.renew(1);
    expect(lessor.remaining(1)).toBe(5);
    clock.step(4999);
    expect(expired).toEqual([]);
    clock.step(1);
    expect(expired).toEqual([1]);
    clock.step(10_000);
    expect(expired).toEqual([1, 2]);
    expect(() => lessor.renew(1)).toThrow('requested lease not found');
  });

  it('tracks attached keys and returns them on revoke', () => {
    const lessor = new Lessor(new VirtualClock(), () => {});
    lessor.grant(7, 60);
    lessor.attach(7, '/b');
    lessor.attach(7, '/a');
    lessor.detach(7, '/b');
    lessor.attach(7, '/c');
    expect(lessor.revoke(7)).toEqual(['/a', '/c']);
    expect(lessor.has(7)).toBe(false);
    expect(() => lessor.revoke(7)).toThrow('requested lease not found');
  });

  const grants: { name: string; id: number; ttl: number; error?: string }[] = [
    { name: 'a duplicate id', id: 1, ttl: 5, error: 'lease already exists' },
    { name: 'a TTL above the maximum', id: 2, ttl: 9_000_000_001, error: 'too large lease TTL' },
    { name: 'a fresh id', id: 3, ttl: 5 },
  ];
  for (const g of grants) {
    it(`grant with ${g.name}`, () => {
      const lessor = new Lessor(new VirtualClock(), () => {});
      lessor.grant(1, 5);
      if (g.error) expect(() => lessor.grant(g.id, g.ttl)).toThrow(g.error);
      else expect(lessor.grant(g.id, g.ttl).ttl).toBe(g.ttl);
    });
  }
});
