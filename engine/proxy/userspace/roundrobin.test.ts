import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { ErrMissingEndpoints, ErrMissingServiceEntry, LoadBalancerRR } from './roundrobin.js';

const svc = 'default/redis-master:redis/TCP';

describe('LoadBalancerRR', () => {
  it('fails without a service entry or endpoints', () => {
    const lb = new LoadBalancerRR(new VirtualClock());
    expect(() => lb.nextEndpoint(svc, '10.0.0.1')).toThrow(ErrMissingServiceEntry);
    lb.newService(svc, 'None', 0);
    expect(() => lb.nextEndpoint(svc, '10.0.0.1')).toThrow(ErrMissingEndpoints);
  });

  it('spreads connections evenly in turn over the endpoints', () => {
    const lb = new LoadBalancerRR(new VirtualClock());
    lb.newService(svc, 'None', 0);
    lb.updateEndpoints(svc, ['10.244.1.3:6379', '10.244.1.1:6379', '10.244.1.2:6379']);
    const picks = Array.from({ length: 9 }, (_, i) => lb.nextEndpoint(svc, `10.0.0.${i}`));
    expect(picks.slice(0, 3)).toEqual(['10.244.1.1:6379', '10.244.1.2:6379', '10.244.1.3:6379']);
    const counts = Object.values(picks.reduce<Record<string, number>>((m, p) => ({ ...m, [p]: (m[p] ?? 0) + 1 }), {}));
    expect(counts).toEqual([3, 3, 3]);
  });

  it('keeps a client on its endpoint with ClientIP affinity until the timeout passes', () => {
    const clock = new VirtualClock();
    const lb = new LoadBalancerRR(clock);
    lb.newService(svc, 'ClientIP', 60);
    lb.updateEndpoints(svc, ['10.244.1.1:6379', '10.244.1.2:6379']);
    const first = lb.nextEndpoint(svc, '10.0.0.7');
    const other = lb.nextEndpoint(svc, '10.0.0.8');
    expect(other).not.toBe(first);
    for (let i = 0; i < 5; i++) {
      clock.step(59_000); // each use refreshes the affinity
      expect(lb.nextEndpoint(svc, '10.0.0.7')).toBe(first);
    }
    // Another client takes the next turn, so the rotation now points at `other`.
    expect(lb.nextEndpoint(svc, '10.0.0.9')).toBe(first);
    clock.step(59_999);
    expect(lb.nextEndpoint(svc, '10.0.0.7')).toBe(first);
    clock.step(60_000);
    // Expired: the client is balanced again and lands on the endpoint whose turn it is.
    expect(lb.nextEndpoint(svc, '10.0.0.7')).toBe(other);
    expect(lb.nextEndpoint(svc, '10.0.0.7')).toBe(other);
  });

  it('drops affinity to removed endpoints and ignores it on a dial retry', () => {
    const lb = new LoadBalancerRR(new VirtualClock());
    lb.newService(svc, 'ClientIP', 10800);
    lb.updateEndpoints(svc, ['10.244.1.1:6379', '10.244.1.2:6379']);
    expect(lb.nextEndpoint(svc, '10.0.0.7')).toBe('10.244.1.1:6379');
    expect(lb.nextEndpoint(svc, '10.0.0.7', true)).toBe('10.244.1.2:6379');
    lb.updateEndpoints(svc, ['10.244.1.1:6379', '10.244.1.3:6379']);
    expect(lb.nextEndpoint(svc, '10.0.0.7')).toBe('10.244.1.1:6379');
  });
});
