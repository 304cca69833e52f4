import { describe, it, expect } from 'vitest';
import { createMergePatch, createThreeWayJSONMergePatch, mergePatch } from './patch.js';

// RFC 7386 appendix A.
describe('mergePatch', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(cases)('%j + %j', (doc, patch, want) => {
    const before = JSON.stringify(doc);
    expect(mergePatch(doc, patch)).toEqual(want);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('createMergePatch', () => {
  const cases: [string, unknown, unknown, unknown][] = [
    ['no change', { a: 1 }, { a: 1 }, {}],
    ['change', { a: 1 }, { a: 2 }, { a: 2 }],
    ['add', { a: 1 }, { a: 1, b: 2 }, { b: 2 }],
    ['remove', { a: 1, b: 2 }, { a: 1 }, { b: null }],
    ['nested', { spec: { replicas: 1, x: 1 } }, { spec: { replicas: 3, x: 1 } }, { spec: { replicas: 3 } }],
    ['list replaced', { l: [1, 2] }, { l: [1, 3] }, { l: [1, 3] }],
    ['list unchanged', { l: [1, 2] }, { l: [1, 2] }, {}],
    ['object to scalar', { a: { b: 1 } }, { a: 5 }, { a: 5 }],
  ];
  it.each(cases)('%s', (_n, original, modified, want) => {
    expect(createMergePatch(original, modified)).toEqual(want);
    expect(mergePatch(original, createMergePatch(original, modified))).toEqual(modified);
  });
});

describe('createThreeWayJSONMergePatch', () => {
  it('keeps fields others added and deletes only what was last applied', () => {
    const original = { spec: { a: 1, b: 2 } };
    const modified = { spec: { a: 5 } };
    const current = { spec: { a: 1, b: 2, c: 3 }, status: { ok: true } };
    const patch = createThreeWayJSONMergePatch(original, modified, current);
    expect(patch).toEqual({ spec: { a: 5, b: null } });
    expect(mergePatch(current, patch)).toEqual({ spec: { a: 5, c: 3 }, status: { ok: true } });
  });
});
