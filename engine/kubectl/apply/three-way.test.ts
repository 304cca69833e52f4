import { describe, it, expect } from 'vitest';
import { createThreeWayMergePatch } from './three-way.js';
import type { PatchMeta } from '../../apimachinery/util/strategicpatch/meta.js';

// A tiny PatchMeta: spec.containers merges by name.
const containerMeta: PatchMeta = { field: () => undefined };
const specMeta: PatchMeta = { field: (n) => (n === 'containers' ? { shape: 'list', patchStrategy: 'merge', patchMergeKey: 'name', elem: containerMeta } : undefined) };
const podMeta: PatchMeta = { field: (n) => (n === 'spec' ? { shape: 'struct', elem: specMeta } : n === 'metadata' ? { shape: 'struct' } : undefined) };

describe('createThreeWayMergePatch', () => {
  const cases: Array<{ name: string; original?: object; modified: object; current: object; want: object }> = [
    { name: 'no change is an empty patch', original: { a: 1 }, modified: { a: 1 }, current: { a: 1, status: { x: 1 } }, want: {} },
    { name: 'changed field', original: { a: 1 }, modified: { a: 2 }, current: { a: 1 }, want: { a: 2 } },
    { name: 'field removed from config is nulled', original: { a: 1, b: 2 }, modified: { a: 1 }, current: { a: 1, b: 2 }, want: { b: null } },
    { name: 'server-set fields are kept', original: { a: 1 }, modified: { a: 1 }, current: { a: 1, c: 3 }, want: {} },
    {
      name: 'merge-keyed list item changed',
      original: { spec: { containers: [{ name: 'a', image: 'v1' }] } },
      modified: { spec: { containers: [{ name: 'a', image: 'v2' }] } },
      current: { spec: { containers: [{ name: 'a', image: 'v1', imagePullPolicy: 'Always' }] } },
      want: { spec: { containers: [{ name: 'a', image: 'v2' }] } },
    },
    {
      name: 'merge-keyed list item removed',
      original: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      modified: { spec: { containers: [{ name: 'a' }] } },
      current: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      want: { spec: { containers: [{ name: 'b', $patch: 'delete' }] } },
    },
  ];
  it.each(cases)('$name', ({ original, modified, current, want }) => {
    expect(createThreeWayMergePatch(original as never, modified as never, current as never, podMeta)).toEqual(want);
  });
});
