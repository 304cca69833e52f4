// Mirrors the public API of k8s.io/apimachinery/pkg/util/strategicpatch/patch.go:
// StrategicMergeMapPatch, CreateTwoWayMergeMapPatch and CreateThreeWayMergePatch on decoded JSON.
// Inputs are never modified.
import { deepCopy } from '../../api/equality/semantic.js';
import type { PatchMeta } from './meta.js';
import { mergingMapsHaveConflicts } from './conflicts.js';
import { diffMaps } from './diff.js';
import { mergeMap } from './merge.js';
import { isMap, PatchError, type JSONMap } from './types.js';

export { PatchError } from './types.js';
export { mergingMapsHaveConflicts } from './conflicts.js';

/** ConflictError is kubectl apply's conflict when overwrite is false (mergepatch.ErrConflict). */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(readonly patch: JSONMap, readonly changed: JSONMap) {
    super(`patch:\n${JSON.stringify(patch)}\nconflicts with changes made from original to current:\n${JSON.stringify(changed)}\n`);
  }
}

/** PreconditionFunc vetoes a computed patch (e.g. one that would change apiVersion, kind or name). */
export type PreconditionFunc = (patch: JSONMap) => boolean;

/**
 * strategicMergePatch applies a strategic merge patch (application/strategic-merge-patch+json) to
 * an object: merge lists by their merge key, replace other lists, null deletes, directives apply.
 */
export function strategicMergePatch<T>(original: T, patch: unknown, meta: PatchMeta): T {
  if (!isMap(patch)) throw new PatchError('invalid JSON document');
  const base = isMap(original) ? (deepCopy(original) as JSONMap) : {};
  return mergeMap(base, deepCopy(patch), meta, { mergeParallelList: true, ignoreUnmatchedNulls: true }) as T;
}

/** createTwoWayMergePatch returns the patch from original to modified, with $setElementOrder lists. */
export function createTwoWayMergePatch(original: unknown, modified: unknown, meta: PatchMeta, ...fns: PreconditionFunc[]): JSONMap {
  const patch = diffMaps(asMap(original), asMap(modified), meta, { setElementOrder: true });
  checkPreconditions(patch, fns);
  return sortKeys(patch) as JSONMap;
}

/**
 * createThreeWayMergePatch is what kubectl apply sends: changes and additions from current (live) to
 * modified (new config), plus deletions of what original (last-applied) had and modified dropped.
 * With overwrite=false, fields changed in current since original that the patch would change
 * differently raise ConflictError.
 */
export function createThreeWayMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
  meta: PatchMeta,
  overwrite: boolean,
  ...fns: PreconditionFunc[]
): JSONMap {
  const o = asMap(original);
  const m = asMap(modified);
  const c = asMap(current);
  const delta = diffMaps(c, m, meta, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(o, m, meta, { setElementOrder: true, ignoreChangesAndAdditions: true });
  const patch = mergeMap(deepCopy(deletions), deepCopy(delta), meta, { mergeParallelList: false, ignoreUnmatchedNulls: false });
  checkPreconditions(patch, fns);
  if (!overwrite) {
    const changed = diffMaps(o, c, meta, {});
    if (mergingMapsHaveConflicts(patch, changed, meta)) throw new ConflictError(patch, changed);
  }
  return sortKeys(patch) as JSONMap;
}

function asMap(v: unknown): JSONMap {
  if (v === undefined || v === null) return {};
  if (!isMap(v)) throw new PatchError('invalid JSON document');
  return deepCopy(v);
}

function checkPreconditions(patch: JSONMap, fns: PreconditionFunc[]): void {
  for (const fn of fns) {
    if (!fn(patch)) throw new PatchError(`precondition failed for: ${JSON.stringify(patch)}`);
  }
}

// sortKeys orders object keys as Go's json.Marshal does, so patches print the same.
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isMap(v)) {
    const out: JSONMap = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

/** requireKeyUnchanged is mergepatch.RequireKeyUnchanged: the patch may not touch key. */
export const requireKeyUnchanged = (key: string): PreconditionFunc => (patch) => !Object.prototype.hasOwnProperty.call(patch, key);

/** requireMetadataKeyUnchanged is mergepatch.RequireMetadataKeyUnchanged. */
export const requireMetadataKeyUnchanged = (key: string): PreconditionFunc => (patch) => {
  const md = patch['metadata'];
  if (md === undefined) return true;
  return isMap(md) && !Object.prototype.hasOwnProperty.call(md, key);
};
