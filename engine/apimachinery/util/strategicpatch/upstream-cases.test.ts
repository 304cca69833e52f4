import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { createThreeWayMergePatch, createTwoWayMergePatch, strategicMergePatch } from './patch.js';
import { struct } from './testing/metas.js';
import type { PatchMeta } from './meta.js';

// The merge-item type of upstream's patch tests: mergingList merged by name, mergingIntList
// merged as a set, nonMergingList replaced.
const mergeItem: PatchMeta = struct({});
const mergeItemFields = struct({
  mergingList: { shape: 'list', patchStrategy: 'merge', patchMergeKey: 'name', elem: mergeItem },
  mergingIntList: { shape: 'list', patchStrategy: 'merge' },
  nonMergingList: { shape: 'list' },
});
(mergeItem as { field: PatchMeta['field'] }).field = mergeItemFields.field;

interface Case {
  name: string;
  original: string;
  twoWay: string;
  modified: string;
  current: string;
  threeWay: string;
  result: string;
}

// Cases transcribed from k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go.
const cases: Case[] = [
  {
    name: 'merge lists of maps',
    original: 'mergingList: [{name: 1}, {name: 2, value: 2}]',
    twoWay: "{$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]}",
    modified: 'mergingList: [{name: 4, value: 4}, {name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
    threeWay: "{$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]}",
    result: 'mergingList: [{name: 4, value: 4}, {name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
  },
  {
    name: 'merge lists of maps with conflict',
    original: 'mergingList: [{name: 1}, {name: 2, value: 2}]',
    twoWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 3, value: 3}]}",
    modified: 'mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 3, other: b}]',
    threeWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 2, value: 2}, {name: 3, value: 3}]}",
    result: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
  },
  {
    name: 'add field to map in merging list with conflict',
    original: 'mergingList: [{name: 1}, {name: 2, value: 2}]',
    twoWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}]}",
    modified: 'mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]',
    current: 'mergingList: [{name: 1, other: a}, {name: 3, value: 2, other: b}]',
    threeWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}",
    result: 'mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2}, {name: 3, value: 2, other: b}]',
  },
  {
    name: 'add an item that already exists in current object in merging list',
    original: 'mergingList: [{name: 1, value: a}, {name: 2}]',
    twoWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 3}]}",
    modified: 'mergingList: [{name: 1, value: a}, {name: 2}, {name: 3}]',
    current: 'mergingList: [{name: 1, value: a, other: x}, {name: 2}, {name: 3}]',
    threeWay: '{}',
    result: 'mergingList: [{name: 1, value: a, other: x}, {name: 2}, {name: 3}]',
  },
  {
    name: 'delete missing map from merging list with conflict',
    original: 'mergingList: [{name: 1}, {name: 2}]',
    twoWay: "{$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 1, $patch: delete}]}",
    modified: 'mergingList: [{name: 2}]',
    current: 'mergingList: [{name: 3, other: a}]',
    threeWay: "{$setElementOrder/mergingList: [{name: 2}], mergingList: [{name: 2}, {name: 1, $patch: delete}]}",
    result: 'mergingList: [{name: 2}, {name: 3, other: a}]',
  },
  {
    name: 'add map and delete map from merging list',
    original: 'mergingList: [{name: 1}, {name: 2}]',
    twoWay: "{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}",
    modified: 'mergingList: [{name: 2}, {name: 3}]',
    current: 'mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]',
    threeWay: "{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}",
    result: 'mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]',
  },
  {
    name: 'add map and delete map from merging list with conflict',
    original: 'mergingList: [{name: 1}, {name: 2}]',
    twoWay: "{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}",
    modified: 'mergingList: [{name: 2}, {name: 3}]',
    current: 'mergingList: [{name: 1, other: a}, {name: 4, other: c}]',
    threeWay: "{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]}",
    result: 'mergingList: [{name: 4, other: c}, {name: 2}, {name: 3}]',
  },
  {
    name: 'delete missing field from map in merging list with conflict',
    original: 'mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]',
    twoWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: null}]}",
    modified: 'mergingList: [{name: 1}, {name: 2, value: 2}]',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, other: b}]',
    threeWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: null}, {name: 2, value: 2}]}",
    result: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
  },
  {
    name: 'delete from merging int list',
    original: 'mergingIntList: [1, 2, 3]',
    twoWay: "{$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3], mergingIntList: [4]}",
    modified: 'mergingIntList: [1, 2, 4]',
    current: 'mergingIntList: [1, 2, 3, 4]',
    threeWay: "{$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3]}",
    result: 'mergingIntList: [1, 2, 4]',
  },
];

describe('upstream patch_test cases', () => {
  it.each(cases)('$name', (c) => {
    const original = parse(c.original);
    const modified = parse(c.modified);
    const current = parse(c.current);
    expect(createTwoWayMergePatch(original, modified, mergeItem)).toEqual(parse(c.twoWay));
    const threeWay = createThreeWayMergePatch(original, modified, current, mergeItem, true);
    expect(threeWay).toEqual(parse(c.threeWay));
    // Upstream's harness compares results with merge lists sorted by name (sortMergeListsByName).
    expect(sortByName(strategicMergePatch(current, threeWay, mergeItem))).toEqual(sortByName(parse(c.result)));
    expect(strategicMergePatch(original, createTwoWayMergePatch(original, modified, mergeItem), mergeItem)).toEqual(modified);
  });
});

function sortByName(doc: Record<string, unknown[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = { ...doc };
  if (out.mergingList) out.mergingList = [...out.mergingList].sort((a, b) => String((a as { name: unknown }).name).localeCompare(String((b as { name: unknown }).name)));
  return out;
}
