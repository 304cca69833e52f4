// Mirrors the diffing half of k8s.io/apimachinery/pkg/util/strategicpatch/patch.go: diffMaps,
// diffLists and friends, which build the strategic merge patch between two documents with the
// directives upstream emits ($setElementOrder, $deleteFromPrimitiveList, $retainKeys, $patch).
import { deepEqual } from '../../api/equality/semantic.js';
import type { PatchMeta } from './meta.js';
import { normalizeSliceOrder } from './merge.js';
import {
  compareGoStrings, deduplicateScalars, deleteDirective, deleteFromPrimitiveListDirectivePrefix, directiveMarker,
  errNoMergeKey, goString, has, isMap, kindOf, lookup, mergeDirective, replaceDirective, retainKeysDirective,
  setElementOrderDirectivePrefix, sliceElementKind, sortScalars, type JSONMap,
} from './types.js';

export interface DiffOptions {
  /** ignoreChangesAndAdditions keeps only deletions (original → modified in a 3-way patch). */
  ignoreChangesAndAdditions?: boolean;
  /** ignoreDeletions keeps only changes and additions (current → modified in a 3-way patch). */
  ignoreDeletions?: boolean;
  /** setElementOrder emits $setElementOrder lists for merged lists. */
  setElementOrder?: boolean;
  /** buildRetainKeysDirective emits $retainKeys (set for fields whose strategy says retainKeys). */
  buildRetainKeysDirective?: boolean;
}

/** diffMaps returns the patch that turns original into modified. */
export function diffMaps(original: JSONMap, modified: JSONMap, meta: PatchMeta, opts: DiffOptions): JSONMap {
  const patch: JSONMap = {};
  const retainKeysList: string[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (opts.buildRetainKeysDirective && modifiedValue !== null) retainKeysList.push(key);
    if (!has(original, key)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === directiveMarker) {
      if (!deepEqual(originalValue, modifiedValue)) patch[key] = modifiedValue;
      continue;
    }
    if (kindOf(originalValue) !== kindOf(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    switch (kindOf(originalValue)) {
      case 'map':
        handleMapDiff(key, originalValue as JSONMap, modifiedValue as JSONMap, patch, meta, opts);
        break;
      case 'slice':
        handleSliceDiff(key, originalValue as unknown[], modifiedValue as unknown[], patch, meta, opts);
        break;
      default:
        replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, opts);
    }
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!has(modified, key)) patch[key] = null;
  }
  // $retainKeys goes out when something changed or original has fields modified dropped.
  if (retainKeysList.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[retainKeysDirective] = sortScalars(retainKeysList);
  }
  return patch;
}

function hasAdditionalNewField(original: JSONMap, modified: JSONMap): boolean {
  return Object.keys(original).some((k) => original[k] !== null && !has(modified, k));
}

function replacePatchFieldIfNotEqual(key: string, original: unknown, modified: unknown, patch: JSONMap, opts: DiffOptions): void {
  if (opts.ignoreChangesAndAdditions || deepEqual(original, modified)) return;
  patch[key] = modified;
}

function handleMapDiff(key: string, original: JSONMap, modified: JSONMap, patch: JSONMap, meta: PatchMeta, opts: DiffOptions): void {
  const f = lookup(meta, key);
  const sub: DiffOptions = { ...opts, buildRetainKeysDirective: f.retainKeys };
  if (f.strategy === replaceDirective) {
    // Upstream sends the whole map even when it is unchanged.
    if (!opts.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, f.sub, sub);
  if (Object.keys(value).length > 0) patch[key] = value;
}

function handleSliceDiff(key: string, original: unknown[], modified: unknown[], patch: JSONMap, meta: PatchMeta, opts: DiffOptions): void {
  const f = lookup(meta, key);
  if (f.strategy !== mergeDirective) {
    replacePatchFieldIfNotEqual(key, original, modified, patch, opts);
    return;
  }
  const sub: DiffOptions = { ...opts, buildRetainKeysDirective: f.retainKeys };
  const { patchList, deleteList, setOrderList } = diffLists(original, modified, f.sub, f.mergeKey, sub);
  if (patchList.length > 0) patch[key] = patchList;
  if (deleteList.length > 0) patch[`${deleteFromPrimitiveListDirectivePrefix}/${key}`] = deleteList;
  if (setOrderList.length > 0) patch[`${setElementOrderDirectivePrefix}/${key}`] = setOrderList;
}

interface ListDiff {
  patchList: unknown[];
  deleteList: unknown[];
  setOrderList: unknown[];
}

function diffLists(original: unknown[], modified: unknown[], meta: PatchMeta, mergeKey: string, opts: DiffOptions): ListDiff {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return { patchList: [], deleteList: [], setOrderList: [] };
    return { patchList: modified, deleteList: [], setOrderList: [] };
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    const { patch, deletions } = diffListsOfMaps(original, modified, meta, mergeKey, opts);
    const patchList = [...normalizeSliceOrder(patch, modified, mergeKey, kind), ...deletions];
    const orderSame = isOrderSame(original, modified, mergeKey);
    let setOrderList: unknown[] = [];
    if (opts.setElementOrder &&
      ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!opts.ignoreDeletions && patchList.length > 0))) {
      setOrderList = modified.map((v) => ({ [mergeKey]: (v as JSONMap)[mergeKey] }));
    }
    return { patchList, deleteList: [], setOrderList };
  }
  const { add, deletions } = diffListsOfScalars(original, modified, opts);
  const patchList = normalizeSliceOrder(add, modified, mergeKey, kind);
  const setOrderList =
    opts.setElementOrder && ((!opts.ignoreDeletions && deletions.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)))
      ? modified
      : [];
  return { patchList, deleteList: deletions, setOrderList };
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return original.every((o, i) => {
    const m = modified[i];
    if (!isMap(o) || !has(o, mergeKey)) throw errNoMergeKey(o as JSONMap, mergeKey);
    if (!isMap(m) || !has(m, mergeKey)) throw errNoMergeKey(m as JSONMap, mergeKey);
    return o[mergeKey] === m[mergeKey];
  });
}

function diffListsOfScalars(original: unknown[], modified: unknown[], opts: DiffOptions): { add: unknown[]; deletions: unknown[] } {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  const add: unknown[] = [];
  const deletions: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const c = i < o.length && j < m.length ? compareGoStrings(o[i], m[j]) : i < o.length ? -1 : 1;
    if (c === 0) {
      i++;
      j++;
    } else if (c < 0) {
      if (!opts.ignoreDeletions) deletions.push(o[i]);
      i++;
    } else {
      if (!opts.ignoreChangesAndAdditions) add.push(m[j]);
      j++;
    }
  }
  return { add, deletions: deduplicateScalars(deletions) };
}

function sortByMergeKey(list: unknown[], mergeKey: string): JSONMap[] {
  return (list as JSONMap[]).map((v) => {
    if (!isMap(v)) throw errNoMergeKey(v as JSONMap, mergeKey);
    return v;
  }).sort((a, b) => compareGoStrings(a[mergeKey], b[mergeKey]));
}

function diffListsOfMaps(original: unknown[], modified: unknown[], meta: PatchMeta, mergeKey: string, opts: DiffOptions): { patch: unknown[]; deletions: unknown[] } {
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  const o = sortByMergeKey(original, mergeKey);
  const m = sortByMergeKey(modified, mergeKey);
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const oe = o[i];
    const me = m[j];
    if (oe && !has(oe, mergeKey)) throw errNoMergeKey(oe, mergeKey);
    if (me && !has(me, mergeKey)) throw errNoMergeKey(me, mergeKey);
    const os = oe ? goString(oe[mergeKey]) : '';
    const ms = me ? goString(me[mergeKey]) : '';
    if (oe && me && os === ms) {
      const value = diffMaps(oe, me, meta, opts);
      if (Object.keys(value).length > 0) {
        value[mergeKey] = me[mergeKey];
        patch.push(value);
      }
      i++;
      j++;
    } else if (!oe || (me && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(me);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: oe[mergeKey], [directiveMarker]: deleteDirective });
      i++;
    }
  }
  return { patch, deletions };
}
