import { describe, it, expect } from 'vitest';
import { mustParse } from '../resource/quantity.js';
import { deepCopy, deepEqual, semanticDeepEqual } from './semantic.js';

describe('deepEqual and semanticDeepEqual', () => {
  it.each([
    ['same scalars', 1, 1, true, true],
    ['different scalars', 'a', 'b', false, false],
    ['undefined field is absent', { a: 1, b: undefined }, { a: 1 }, true, true],
    ['null field differs from absent in JSON', { a: 1, b: null }, { a: 1 }, false, true],
    ['null against undefined', null, undefined, false, true],
    ['nested null', { s: { x: [{ y: null }] } }, { s: { x: [{}] } }, false, true],
    ['array order matters', [1, 2], [2, 1], false, false],
    ['array against object', [], {}, false, false],
    ['quantities by amount', { q: mustParse('1') }, { q: mustParse('1000m') }, true, true],
    ['different quantities', mustParse('1Gi'), mustParse('1G'), false, false],
  ])('%s', (_name, a, b, strict, semantic) => {
    expect(deepEqual(a, b)).toBe(strict);
    expect(semanticDeepEqual(a, b)).toBe(semantic);
  });

  it('deepCopy copies nested values', () => {
    const v = { a: [{ b: 1 }] };
    const c = deepCopy(v);
    c.a[0]!.b = 2;
    expect(v.a[0]!.b).toBe(1);
  });
});
