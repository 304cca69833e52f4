import { describe, it, expect } from 'vitest';
import { TreeIndex } from './index.js';
import { ALL_KEYS } from './key-range.js';

/** keysOf lists the keys visit yields for [key, end). */
function keysOf(ti: TreeIndex, key: string, end: string | undefined): string[] {
  const out: string[] = [];
  ti.visit(key, end, (ki) => void out.push(ki.key));
  return out;
}

/** rng is a small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('TreeIndex', () => {
  it('keeps keys in order across many leaves whatever the insertion order', () => {
    const ti = new TreeIndex();
    const next = rng(7);
    const keys = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const k = `/registry/pods/ns${Math.floor(next() * 5)}/web-${Math.floor(next() * 1e6).toString(36)}`;
      keys.add(k);
      expect(ti.ensure(k).key).toBe(k);
    }
    const sorted = [...keys].sort();
    expect(ti.size).toBe(sorted.length);
    expect(keysOf(ti, '', ALL_KEYS)).toEqual(sorted);
    // Prefix ranges, as a list of one namespace asks.
    expect(keysOf(ti, '/registry/pods/ns2/', '/registry/pods/ns20')).toEqual(sorted.filter((k) => k.startsWith('/registry/pods/ns2/')));
    // A range starting between keys and ending inside the key space.
    const from = sorted[1234]! + '\0';
    const to = sorted[3456]!;
    expect(keysOf(ti, from, to)).toEqual(sorted.slice(1235, 3456));
  });

  it('inserts before the first key and reads single keys, and stops when fn returns false', () => {
    const ti = new TreeIndex();
    for (const k of ['m', 'n', 'o']) ti.ensure(k);
    ti.ensure('a');
    expect(keysOf(ti, '', ALL_KEYS)).toEqual(['a', 'm', 'n', 'o']);
    expect(keysOf(ti, 'n', undefined)).toEqual(['n']);
    expect(keysOf(ti, 'b', undefined)).toEqual([]);
    expect(keysOf(ti, 'z', ALL_KEYS)).toEqual([]);
    const seen: string[] = [];
    ti.visit('', ALL_KEYS, (ki) => (seen.push(ki.key), seen.length < 2));
    expect(seen).toEqual(['a', 'm']);
    expect(ti.ensure('m')).toBe(ti.get('m'));
  });

  it('compact drops keys left empty and keeps the order for later inserts', () => {
    const ti = new TreeIndex();
    const all: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const k = `k${String((i * 7919) % 3000).padStart(5, '0')}`;
      all.push(k);
      const ki = ti.ensure(k);
      ki.push(i + 2, { key: k, value: 'v', createRevision: i + 2, modRevision: i + 2, version: 1, lease: 0 });
      // Every third key is deleted again: a tombstone that compaction removes.
      if (i % 3 === 0) ki.push(i + 10_000, null);
    }
    ti.compact(100_000);
    const live = all.filter((_, i) => i % 3 !== 0).sort();
    expect(ti.size).toBe(live.length);
    expect(keysOf(ti, '', ALL_KEYS)).toEqual(live);
    ti.ensure('k00000a');
    ti.ensure('a');
    expect(keysOf(ti, '', ALL_KEYS)).toEqual(['a', ...live, 'k00000a'].sort());
  });
});
