// Mirrors k8s.io/apimachinery/pkg/util/strategicpatch/types.go and pkg/util/mergepatch/errors.go:
// directive names, patch-meta lookups and the error texts strategic merge patches fail with.
import { emptyPatchMeta, type PatchMeta } from './meta.js';

export const directiveMarker = '$patch';
export const deleteDirective = 'delete';
export const replaceDirective = 'replace';
export const mergeDirective = 'merge';
export const retainKeysStrategy = 'retainKeys';
export const retainKeysDirective = `$${retainKeysStrategy}`;
export const deleteFromPrimitiveListDirectivePrefix = '$deleteFromPrimitiveList';
export const setElementOrderDirectivePrefix = '$setElementOrder';

export type JSONMap = Record<string, unknown>;

export const errBadPatchFormatForRetainKeys = 'invalid patch format of retainKeys';
export const errBadPatchFormatForSetElementOrderList = 'invalid patch format of setElementOrder list';
export const errBadPatchFormatForPrimitiveList = 'invalid patch format of primitive list';
export const errNoListOfLists = 'lists of lists are not supported';

/** Kind is reflect.Kind of a decoded JSON value. */
export type Kind = 'map' | 'slice' | 'string' | 'float64' | 'bool' | 'nil';

export function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'float64';
}

export const isMap = (v: unknown): v is JSONMap => kindOf(v) === 'map';
export const has = (m: JSONMap, k: string) => Object.prototype.hasOwnProperty.call(m, k);

/** goString prints a value as Go's %v does for decoded JSON ("map[name:web]", "[a b]", "<nil>"). */
export function goString(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return '<nil>';
    case 'slice':
      return `[${(v as unknown[]).map(goString).join(' ')}]`;
    case 'map': {
      const m = v as JSONMap;
      return `map[${Object.keys(m)
        .sort()
        .map((k) => `${k}:${goString(m[k])}`)
        .join(' ')}]`;
    }
    default:
      return String(v);
  }
}

const goType: Record<Kind, string> = {
  map: 'map[string]interface {}',
  slice: '[]interface {}',
  string: 'string',
  float64: 'float64',
  bool: 'bool',
  nil: '<nil>',
};

export class PatchError extends Error {
  override name = 'StrategicMergePatchError';
}

export const errBadArgType = (expected: Kind, actual: unknown) =>
  new PatchError(`expected a ${goType[expected]}, but received a ${goType[kindOf(actual)]}`);
export const errNoMergeKey = (m: JSONMap, k: string) =>
  new PatchError(`map: ${goString(m)} does not contain declared merge key: ${k}`);
export const errBadPatchType = (t: unknown, m: JSONMap) => new PatchError(`unknown patch type: ${goString(t)} in map: ${goString(m)}`);

/** extractRetainKeysPatchStrategy splits "merge,retainKeys" into (retainKeys, other strategy). */
export function extractRetainKeysPatchStrategy(strategy: string | undefined): { retainKeys: boolean; strategy: string } {
  const parts = strategy ? strategy.split(',') : [];
  switch (parts.length) {
    case 0:
      return { retainKeys: false, strategy: '' };
    case 1:
      return parts[0] === retainKeysStrategy ? { retainKeys: true, strategy: '' } : { retainKeys: false, strategy: parts[0]! };
    case 2:
      if (parts[0] === retainKeysStrategy) return { retainKeys: true, strategy: parts[1]! };
      if (parts[1] === retainKeysStrategy) return { retainKeys: true, strategy: parts[0]! };
      throw new PatchError(`unexpected patch strategy: ${strategy}`);
    default:
      throw new PatchError(`unexpected patch strategy: ${strategy}`);
  }
}

export interface FieldLookup {
  /** sub describes the field's value: a struct's fields, or a list's items. */
  sub: PatchMeta;
  strategy: string;
  retainKeys: boolean;
  mergeKey: string;
}

// mapValuesMeta lets every key of a map field resolve to the meta of the map's values.
const mapValuesMeta = (elem: PatchMeta | undefined): PatchMeta => ({
  field: () => (elem ? { shape: 'struct', elem } : undefined),
});

/** lookup finds a field's patch strategy, merge key and sub-meta; unknown fields get JSON semantics. */
export function lookup(meta: PatchMeta, key: string): FieldLookup {
  const f = meta.field(key);
  if (!f) return { sub: emptyPatchMeta, strategy: '', retainKeys: false, mergeKey: '' };
  const { retainKeys, strategy } = extractRetainKeysPatchStrategy(f.patchStrategy);
  const sub = f.shape === 'map' ? mapValuesMeta(f.elem) : (f.elem ?? emptyPatchMeta);
  return { sub, strategy, retainKeys, mergeKey: f.patchMergeKey ?? '' };
}

/** extractKey strips a directive prefix: "$setElementOrder/containers" → "containers". */
export function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === deleteFromPrimitiveListDirectivePrefix) throw new PatchError(errBadPatchFormatForPrimitiveList);
    if (prefix === setElementOrderDirectivePrefix) throw new PatchError(errBadPatchFormatForSetElementOrderList);
    throw new PatchError(`fail to find unknown prefix ${JSON.stringify(prefix)} in ${s}`);
  }
  return s.slice(slash + 1);
}

/** sliceElementKind checks that all items of the slices share one kind, and not lists of lists. */
export function sliceElementKind(...slices: unknown[][]): Kind {
  let prev: Kind | undefined;
  for (const s of slices) {
    for (const v of s) {
      const k = kindOf(v);
      if (prev === undefined) {
        prev = k;
        if (k === 'slice') throw new PatchError(errNoListOfLists);
      } else if (prev !== k) {
        throw new PatchError(`list element types are not identical: ${goString(slices)}`);
      }
    }
  }
  if (prev === undefined) throw new PatchError('no elements in any of the given slices');
  return prev;
}

/** compareGoStrings orders values by their %v strings, as sortScalars and merge-list sorting do. */
export function compareGoStrings(a: unknown, b: unknown): number {
  const x = goString(a);
  const y = goString(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sortScalars(s: unknown[]): unknown[] {
  return [...s].sort(compareGoStrings);
}

/** deduplicateScalars is upstream's in-place algorithm: a duplicate is replaced by the last item. */
export function deduplicateScalars(input: unknown[]): unknown[] {
  const s = [...input];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}
