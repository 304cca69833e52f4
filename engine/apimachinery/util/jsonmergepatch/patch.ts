// Mirrors github.com/evanphx/json-patch merge.go (MergePatch, CreateMergePatch) and
// k8s.io/apimachinery/pkg/util/jsonmergepatch: RFC 7386 JSON merge patches, used for
// application/merge-patch+json and for types without strategic merge metadata.
import { deepCopy, deepEqual, isObject } from '../../api/equality/semantic.js';

/** mergePatch applies an RFC 7386 merge patch: objects merge, null deletes, anything else replaces. */
export function mergePatch(original: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return deepCopy(patch);
  const out: Record<string, unknown> = isObject(original) ? deepCopy(original) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * createMergePatch returns the merge patch that turns original into modified: changed or added
 * fields carry their new value (nested objects are diffed), removed fields become null, and
 * lists are replaced whole.
 */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  if (!isObject(original) || !isObject(modified)) return deepCopy(modified);
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(modified)) {
    if (v === undefined) continue;
    const has = Object.prototype.hasOwnProperty.call(original, k) && original[k] !== undefined;
    if (!has) {
      patch[k] = deepCopy(v);
      continue;
    }
    const o = original[k];
    if (isObject(o) && isObject(v)) {
      const sub = createMergePatch(o, v) as Record<string, unknown>;
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (!deepEqual(o, v)) {
      patch[k] = deepCopy(v);
    }
  }
  for (const k of Object.keys(original)) {
    if (original[k] !== undefined && !(k in modified && modified[k] !== undefined)) patch[k] = null;
  }
  return patch;
}

/**
 * createThreeWayJSONMergePatch mirrors jsonmergepatch.CreateThreeWayJSONMergePatch, what kubectl
 * apply uses for types without patch metadata (e.g. custom resources): additions and changes come
 * from current→modified, deletions only for fields that were in original (last-applied).
 */
export function createThreeWayJSONMergePatch(original: unknown, modified: unknown, current: unknown): unknown {
  const addAndChange = keepNonNull(createMergePatch(current, modified));
  const deletions = keepNulls(createMergePatch(original, modified));
  return mergePatch(deletions, addAndChange);
}

// keepNonNull drops the deletions of a patch (fields someone else added stay).
function keepNonNull(patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) continue;
    if (isObject(v)) {
      const sub = keepNonNull(v) as Record<string, unknown>;
      if (Object.keys(sub).length > 0 || Object.keys(v).length === 0) out[k] = sub;
    } else out[k] = v;
  }
  return out;
}

// keepNulls keeps only the deletions of a patch.
function keepNulls(patch: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(patch)) return out;
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) out[k] = null;
    else if (isObject(v)) {
      const sub = keepNulls(v);
      if (Object.keys(sub).length > 0) out[k] = sub;
    }
  }
  return out;
}
