// Mirrors the applying half of k8s.io/apimachinery/pkg/util/strategicpatch/patch.go: mergeMap,
// mergeSlice and the directives ($patch, $retainKeys, $setElementOrder, $deleteFromPrimitiveList).
// Like upstream it mutates its arguments; callers pass copies.
import { deepEqual } from '../../api/equality/semantic.js';
import type { PatchMeta } from './meta.js';
import {
  deduplicateScalars, deleteDirective, deleteFromPrimitiveListDirectivePrefix, directiveMarker, errBadArgType,
  errBadPatchFormatForRetainKeys, errBadPatchFormatForSetElementOrderList, errBadPatchType, errNoMergeKey, extractKey,
  has, isMap, kindOf, lookup, mergeDirective, PatchError, replaceDirective, retainKeysDirective,
  setElementOrderDirectivePrefix, sliceElementKind, type JSONMap, type Kind,
} from './types.js';

export interface MergeOptions {
  /** mergeParallelList applies $deleteFromPrimitiveList/$setElementOrder/$retainKeys (false when merging two patches). */
  mergeParallelList: boolean;
  /** ignoreUnmatchedNulls drops nulls for absent fields instead of keeping them (true when applying). */
  ignoreUnmatchedNulls: boolean;
}

/** mergeMap merges patch into original, honouring the type's patch strategies. */
export function mergeMap(original: JSONMap | undefined, patch: JSONMap, meta: PatchMeta, opts: MergeOptions): JSONMap {
  if (has(patch, directiveMarker)) return handleDirectiveInMergeMap(patch[directiveMarker], patch);
  const out = original ?? {};
  applyRetainKeysDirective(out, patch, opts);
  mergePatchIntoOriginal(out, patch, meta, opts);

  for (const key of Object.keys(patch)) {
    const patchV = patch[key];
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(deleteFromPrimitiveListDirectivePrefix)) {
      if (!opts.mergeParallelList) {
        out[key] = patchV;
        continue;
      }
      k = extractKey(key, deleteFromPrimitiveListDirectivePrefix);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!has(out, k)) {
      // Not in the original: take the patch value (a delete list of an absent list does nothing).
      if (!isDeleteList) out[k] = opts.ignoreUnmatchedNulls ? cleanNewValue(patchV) : patchV;
      continue;
    }
    if (kindOf(out[k]) !== kindOf(patchV)) {
      if (!isDeleteList) out[k] = opts.ignoreUnmatchedNulls ? cleanNewValue(patchV) : patchV;
      continue;
    }
    const f = lookup(meta, k);
    switch (kindOf(out[k])) {
      case 'map':
        out[k] = mergeMapHandler(out[k], patchV, f.sub, f.strategy, opts);
        break;
      case 'slice':
        out[k] = mergeSliceHandler(out[k], patchV, f.sub, f.strategy, f.mergeKey, isDeleteList, opts);
        break;
      default:
        out[k] = patchV;
    }
  }
  return out;
}

function handleDirectiveInMergeMap(directive: unknown, patch: JSONMap): JSONMap {
  if (directive === replaceDirective) {
    // "$patch: replace" — the map becomes the patch without the marker.
    delete patch[directiveMarker];
    return patch;
  }
  if (directive === deleteDirective) return {};
  throw errBadPatchType(directive, patch);
}

// cleanNewValue drops nulls and directives from a value added where nothing was before.
function cleanNewValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(isMap(x) && has(x, directiveMarker))).map(cleanNewValue);
  if (isMap(v)) {
    if (v[directiveMarker] === deleteDirective) return {};
    const out: JSONMap = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || k.startsWith('$')) continue;
      out[k] = cleanNewValue(x);
    }
    return out;
  }
  return v;
}

export function mergeMapHandler(original: unknown, patch: unknown, meta: PatchMeta, strategy: string, opts: MergeOptions): JSONMap {
  if (!isMap(original)) throw errBadArgType('map', original);
  if (!isMap(patch)) throw errBadArgType('map', patch);
  return strategy !== replaceDirective ? mergeMap(original, patch, meta, opts) : patch;
}

export function mergeSliceHandler(
  original: unknown,
  patch: unknown,
  meta: PatchMeta,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): unknown[] {
  if (!Array.isArray(original)) throw errBadArgType('slice', original);
  if (!Array.isArray(patch)) throw errBadArgType('slice', patch);
  // Delete lists apply whatever the field's strategy.
  if (strategy === mergeDirective || isDeleteList) return mergeSlice(original, patch, meta, mergeKey, opts, isDeleteList);
  return patch;
}

function mergeSlice(original: unknown[], patch: unknown[], meta: PatchMeta, mergeKey: string, opts: MergeOptions, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: unknown[];
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new PatchError('cannot merge lists without merge key');
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, meta, opts);
  }
  const [patchItems, serverOnly] = mergeKey === '' ? partitionPrimitives(merged, patch) : partitionMaps(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JSONMap;
    if (!has(m, directiveMarker)) {
      plain.push(v);
      continue;
    }
    switch (m[directiveMarker]) {
      case deleteDirective:
        if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
        original = original.filter((o) => !(isMap(o) && has(o, mergeKey) && o[mergeKey] === m[mergeKey]));
        break;
      case replaceDirective:
        replace = true; // keep scanning to prune other $patch elements
        break;
      case mergeDirective:
        throw new PatchError('merging lists cannot yet be specified in the patch');
      default:
        throw errBadPatchType(m[directiveMarker], m);
    }
  }
  return replace ? [plain, []] : [original, plain];
}

function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, meta: PatchMeta, opts: MergeOptions): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as JSONMap;
    if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const i = findIndexByKey(out, mergeKey, m[mergeKey]);
    if (i >= 0) out[i] = mergeMap(out[i] as JSONMap, m, meta, opts);
    else out.push(v);
  }
  return out;
}

export function findIndexByKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (!isMap(m)) throw new PatchError(`value for key ${i} is not a map.`);
    if (has(m, key) && m[key] === value) return i;
  }
  return -1;
}

function partitionPrimitives(list: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const inPatch = new Set(by);
  return [list.filter((v) => inPatch.has(v)), list.filter((v) => !inPatch.has(v))];
}

function partitionMaps(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patchItems: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    if (!isMap(v)) throw errBadArgType('map', v);
    if (!has(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (findIndexByKey(by, mergeKey, v[mergeKey]) >= 0 ? patchItems : serverOnly).push(v);
  }
  return [patchItems, serverOnly];
}

// indexIn finds an item in a list, by merge key for maps and by value otherwise.
function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: Kind): number {
  const val = (x: unknown) => (kind === 'map' ? (isMap(x) ? x[mergeKey] : undefined) : x);
  const want = val(item);
  return list.findIndex((x) => val(x) === want);
}

/** normalizeSliceOrder sorts toSort by order (stable), with $patch: delete items moved to the end. */
export function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: Kind): unknown[] {
  let keep = toSort;
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const list of [toSort, order]) {
      for (const item of list) {
        if (!isMap(item)) throw errBadArgType('map', item);
        if (!has(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      }
    }
    keep = toSort.filter((v) => (v as JSONMap)[directiveMarker] !== deleteDirective);
    toDelete = toSort.filter((v) => (v as JSONMap)[directiveMarker] === deleteDirective);
  }
  const ranked = keep.map((v, i) => ({ v, i, r: indexIn(order, v, mergeKey, kind) }));
  ranked.sort((a, b) => (a.r >= 0 && b.r >= 0 ? a.r - b.r : a.i - b.i));
  return [...ranked.map((x) => x.v), ...toDelete];
}

/**
 * normalizeElementOrder orders patch items by patchOrder and server-only items by serverOrder,
 * then interleaves them: patch order wins, live order places the rest.
 */
export function normalizeElementOrder(patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: Kind): unknown[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function applyRetainKeysDirective(original: JSONMap, patch: JSONMap, opts: MergeOptions): void {
  if (!has(patch, retainKeysDirective)) return;
  const retain = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!opts.mergeParallelList) {
    // Merging two patches: the directive must agree when both carry it.
    if (has(original, retainKeysDirective)) {
      if (!deepEqual(original[retainKeysDirective], retain)) {
        throw new PatchError(`${JSON.stringify(original[retainKeysDirective])} and ${JSON.stringify(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else original[retainKeysDirective] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw new PatchError(errBadPatchFormatForRetainKeys);
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(deleteFromPrimitiveListDirectivePrefix) || k.startsWith(setElementOrderDirectivePrefix)) continue;
    if (!keep.has(k)) throw new PatchError(errBadPatchFormatForRetainKeys);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

// mergePatchIntoOriginal handles $setElementOrder/<list> together with <list> and removes both from the patch.
function mergePatchIntoOriginal(original: JSONMap, patch: JSONMap, meta: PatchMeta, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderDirectivePrefix)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (has(original, key)) {
        if (!deepEqual(original[key], order)) throw new PatchError(errBadPatchFormatForSetElementOrderList);
      } else original[key] = order;
    }
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType('slice', order);
    const listKey = extractKey(key, setElementOrderDirectivePrefix);
    const foundOriginal = has(original, listKey);
    const foundPatch = has(patch, listKey);
    const originalList = original[listKey];
    const patchList = patch[listKey];
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType('slice', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType('slice', patchList);
    const f = lookup(meta, listKey);
    validatePatchWithSetOrderList((patchList as unknown[] | undefined) ?? [], order, f.mergeKey);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList as unknown[];
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList as unknown[]) as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, f.sub, f.strategy, f.mergeKey, false, opts);
    else continue;
    const [patchItems, serverOnly] = f.mergeKey === '' ? partitionPrimitives(merged, order) : partitionMaps(merged, order, f.mergeKey);
    const kind = sliceElementKind((originalList as unknown[] | undefined) ?? [], (patchList as unknown[] | undefined) ?? []);
    original[listKey] = normalizeElementOrder(patchItems, serverOnly, order, (originalList as unknown[] | undefined) ?? [], f.mergeKey, kind);
    delete patch[listKey];
  }
}

function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? patchList.filter((v) => !(isMap(v) && v[directiveMarker] === deleteDirective)) : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < order.length) {
    const item = nonDelete[p];
    if (isMap(item) && has(item, directiveMarker)) {
      p++;
      continue;
    }
    const equal = mergeKey ? isMap(item) && isMap(order[s]) && item[mergeKey] === (order[s] as JSONMap)[mergeKey] : item === order[s];
    if (equal) p++;
    s++;
  }
  if (p < nonDelete.length && s >= order.length) {
    throw new PatchError(`The order in patch list:\n${JSON.stringify(patchList)}\n doesn't match ${setElementOrderDirectivePrefix} list:\n${JSON.stringify(order)}\n`);
  }
}

/** removeDirectives strips $patch elements and maps from a value (a list added whole). */
export function removeDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(isMap(x) && has(x, directiveMarker))).map(removeDirectives);
  if (isMap(v)) {
    const out: JSONMap = {};
    for (const [k, x] of Object.entries(v)) {
      if (isMap(x) && has(x, directiveMarker)) continue;
      out[k] = removeDirectives(x);
    }
    return out;
  }
  return v;
}
