// Mirrors MergingMapsHaveConflicts in k8s.io/apimachinery/pkg/util/strategicpatch/patch.go: whether
// two patches touch the same field differently (kubectl apply without --overwrite).
import { deepEqual } from '../../api/equality/semantic.js';
import type { PatchMeta } from './meta.js';
import {
  deduplicateScalars, directiveMarker, goString, isMap, kindOf, lookup, mergeDirective, PatchError, replaceDirective,
  retainKeysDirective, sliceElementKind, sortScalars, type JSONMap,
} from './types.js';

export function mergingMapsHaveConflicts(left: JSONMap, right: JSONMap, meta: PatchMeta): boolean {
  return fieldsHaveConflicts(left, right, meta, '', '');
}

function fieldsHaveConflicts(left: unknown, right: unknown, meta: PatchMeta, strategy: string, mergeKey: string): boolean {
  switch (kindOf(left)) {
    case 'map': {
      if (!isMap(right)) return true;
      const l = left as JSONMap;
      const lm = Object.prototype.hasOwnProperty.call(l, directiveMarker);
      const rm = Object.prototype.hasOwnProperty.call(right, directiveMarker);
      // A directive acts on the whole map: one-sided or different directives conflict.
      if (lm || rm) {
        if (lm !== rm || l[directiveMarker] !== right[directiveMarker]) return true;
      }
      if (strategy === replaceDirective) return false;
      return mapsHaveConflicts(l, right, meta);
    }
    case 'slice':
      if (!Array.isArray(right)) return true;
      return slicesHaveConflicts(left as unknown[], right, meta, strategy, mergeKey);
    default:
      return !deepEqual(left, right);
  }
}

function mapsHaveConflicts(left: JSONMap, right: JSONMap, meta: PatchMeta): boolean {
  for (const [key, lv] of Object.entries(left)) {
    if (key === directiveMarker || key === retainKeysDirective) continue;
    if (!Object.prototype.hasOwnProperty.call(right, key)) continue;
    const f = lookup(meta, key);
    if (fieldsHaveConflicts(lv, right[key], f.sub, f.strategy, f.mergeKey)) return true;
  }
  return false;
}

function slicesHaveConflicts(left: unknown[], right: unknown[], meta: PatchMeta, strategy: string, mergeKey: string): boolean {
  if (left.length === 0 && right.length === 0) return false;
  const kind = sliceElementKind(left, right);
  if (strategy === mergeDirective) {
    // Merged lists of scalars never conflict; lists of maps are compared item by merge key.
    if (kind !== 'map') return false;
    const l = byMergeKey(left, mergeKey);
    const r = byMergeKey(right, mergeKey);
    for (const [k, v] of l) {
      if (r.has(k) && fieldsHaveConflicts(v, r.get(k), meta, '', '')) return true;
    }
    return false;
  }
  if (left.length !== right.length) return true;
  if (kind !== 'map') {
    left = sortScalars(deduplicateScalars(left));
    right = sortScalars(deduplicateScalars(right));
  }
  return left.some((v, i) => fieldsHaveConflicts(v, right[i], meta, '', ''));
}

function byMergeKey(list: unknown[], mergeKey: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const v of list) {
    if (!isMap(v)) throw new PatchError(`invalid element type in merging list:${goString(list)}`);
    if (!Object.prototype.hasOwnProperty.call(v, mergeKey)) {
      throw new PatchError(`cannot find merge key \`${mergeKey}\` in merging list element:${goString(v)}`);
    }
    out.set(goString(v[mergeKey]), v);
  }
  return out;
}
