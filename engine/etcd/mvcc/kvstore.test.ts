import { describe, it, expect } from 'vitest';
import { CompactedError, FutureRevisionError } from '../types.js';
import { MvccStore } from './kvstore.js';

function put(s: MvccStore, key: string, value: string, lease = 0) {
  const w = s.write();
  w.put(key, value, lease);
  return w.end();
}

describe('MvccStore', () => {
  it('starts at revision 1 and the first write makes revision 2', () => {
    const s = new MvccStore();
    expect(s.revision).toBe(1);
    put(s, 'a', '1');
    expect(s.revision).toBe(2);
    expect(s.range('a').kvs[0]).toEqual({ key: 'a', value: '1', createRevision: 2, modRevision: 2, version: 1, lease: 0 });
  });

  it('tracks create/mod revision and version across updates and delete', () => {
    const s = new MvccStore();
    put(s, 'a', '1');
    put(s, 'a', '2');
    expect(s.range('a').kvs[0]).toMatchObject({ createRevision: 2, modRevision: 3, version: 2 });
    const w = s.write();
    expect(w.deleteRange('a', undefined).map((kv) => kv.value)).toEqual(['2']);
    w.end();
    expect(s.range('a').count).toBe(0);
    put(s, 'a', '3');
    expect(s.range('a').kvs[0]).toMatchObject({ createRevision: 5, modRevision: 5, version: 1 });
  });

  it('does not move the revision for a write that changed nothing', () => {
    const s = new MvccStore();
    const w = s.write();
    w.deleteRange('missing', undefined);
    w.end();
    expect(s.revision).toBe(1);
  });

  const cases: { name: string; key: string; opts: Parameters<MvccStore['range']>[1]; keys: string[]; count: number; more: boolean }[] = [
    { name: 'single key', key: '/b/2', opts: {}, keys: ['/b/2'], count: 1, more: false },
    { name: 'prefix', key: '/b/', opts: { prefix: true }, keys: ['/b/1', '/b/2', '/b/3'], count: 3, more: false },
    { name: 'range [key,end)', key: '/a', opts: { end: '/b/2' }, keys: ['/a/1', '/b/1'], count: 2, more: false },
    { name: 'from key', key: '/b/2', opts: { end: '\0' }, keys: ['/b/2', '/b/3', '/c'], count: 3, more: false },
    { name: 'limit', key: '/', opts: { prefix: true, limit: 2 }, keys: ['/a/1', '/b/1'], count: 5, more: true },
    { name: 'count only', key: '/', opts: { prefix: true, countOnly: true }, keys: [], count: 5, more: false },
  ];
  for (const c of cases) {
    it(`range: ${c.name}`, () => {
      const s = new MvccStore();
      for (const k of ['/c', '/b/3', '/a/1', '/b/1', '/b/2']) put(s, k, `v${k}`);
      const r = s.range(c.key, c.opts);
      expect(r.kvs.map((kv) => kv.key)).toEqual(c.keys);
      expect(r.count).toBe(c.count);
      expect(r.more).toBe(c.more);
    });
  }

  it('keysOnly returns empty values without touching stored ones', () => {
    const s = new MvccStore();
    put(s, 'k', 'value');
    expect(s.range('k', { keysOnly: true }).kvs[0]!.value).toBe('');
    expect(s.range('k').kvs[0]!.value).toBe('value');
  });

  it('reads at a past revision', () => {
    const s = new MvccStore();
    put(s, 'k', 'one'); // rev 2
    put(s, 'k', 'two'); // rev 3
    put(s, 'j', 'x'); // rev 4
    expect(s.range('k', { revision: 2 }).kvs[0]!.value).toBe('one');
    expect(s.range('j', { revision: 3 }).count).toBe(0);
    expect(() => s.range('k', { revision: 9 })).toThrow(FutureRevisionError);
  });

  it('compaction keeps reads at and above the compacted revision', () => {
    const s = new MvccStore();
    put(s, 'k', 'one'); // 2
    put(s, 'k', 'two'); // 3
    put(s, 'gone', 'x'); // 4
    const w = s.write();
    w.deleteRange('gone', undefined); // 5
    w.end();
    put(s, 'k', 'three'); // 6
    s.compact(5);
    expect(() => s.range('k', { revision: 4 })).toThrow(CompactedError);
    expect(s.range('k', { revision: 5 }).kvs[0]!.value).toBe('two');
    expect(s.range('k').kvs[0]!.value).toBe('three');
    expect(s.changes.map((e) => e.kv.modRevision)).toEqual([5, 6]);
    expect(() => s.compact(5)).toThrow(CompactedError);
    s.compact(6);
    expect(s.index.get('gone')).toBeUndefined();
  });
});
