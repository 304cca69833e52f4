import { describe, it, expect } from 'vitest';
import { IPPool } from './ip-pool.js';

describe('IPPool', () => {
  it('hands out the lowest free address of ranges and CIDRs, skipping network and broadcast', () => {
    const pool = new IPPool('192.168.1.240/30, 10.0.0.5-10.0.0.6');
    expect([pool.allocate('a'), pool.allocate('b'), pool.allocate('c'), pool.allocate('d'), pool.allocate('e')]).toEqual(['192.168.1.241', '192.168.1.242', '10.0.0.5', '10.0.0.6', undefined]);
    expect(pool.allocate('a')).toBe('192.168.1.241');
    pool.release('b');
    expect(pool.allocate('f')).toBe('192.168.1.242');
  });

  it('honours a requested address only when it is in the pool and free', () => {
    const pool = new IPPool('192.168.1.240-192.168.1.250');
    expect(pool.allocate('a', '192.168.1.245')).toBe('192.168.1.245');
    expect(pool.allocate('b', '192.168.1.245')).toBeUndefined();
    expect(pool.allocate('b', '10.1.1.1')).toBeUndefined();
    expect(pool.claim('c', '192.168.1.245')).toBe(false);
    expect(pool.claim('a', '192.168.1.245')).toBe(true);
    expect(pool.owner('192.168.1.245')).toBe('a');
  });
});
