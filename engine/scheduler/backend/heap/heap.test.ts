import { describe, it, expect } from 'vitest';
import { Heap } from './heap.js';

interface Item {
  key: string;
  prio: number;
}

describe('Heap', () => {
  it('pops in order through adds, updates and deletes by key', () => {
    const h = new Heap<Item>((i) => i.key, (a, b) => a.prio < b.prio);
    const want = new Map<string, number>();
    // A fixed pseudo-random walk over 50 keys.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let step = 0; step < 2000; step++) {
      const key = `k${next() % 50}`;
      if (next() % 4 === 0) {
        expect(h.delete(key)?.key).toBe(want.has(key) ? key : undefined);
        want.delete(key);
      } else {
        const prio = next() % 1000;
        h.addOrUpdate({ key, prio });
        want.set(key, prio);
      }
      expect(h.length).toBe(want.size);
      if (want.size) expect(h.get(key)?.prio).toBe(want.get(key));
    }
    const popped: number[] = [];
    for (let p = h.pop(); p; p = h.pop()) {
      expect(p.prio).toBe(want.get(p.key));
      popped.push(p.prio);
    }
    expect(popped).toEqual([...want.values()].sort((a, b) => a - b));
    expect(h.length).toBe(0);
  });
});
