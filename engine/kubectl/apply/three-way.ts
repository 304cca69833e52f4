// Mirrors k8s.io/apimachinery/pkg/util/strategicpatch/patch.go CreateThreeWayMergePatch, reduced
// to what `kubectl apply` needs: additions and changes from current→modified, deletions from
// original→modified, lists with a merge key diffed item by item ($patch: delete for removed items),
// other lists replaced. With emptyPatchMeta it yields a JSON merge patch.
import type { PatchMeta } from '../../apimachinery/util/strategicpatch/meta.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

type Mode = 'delta' | 'deletions';

function diffMaps(from: Obj, to: Obj, meta: PatchMeta | undefined, mode: Mode): Obj {
  const patch: Obj = {};
  for (const [k, tv] of Object.entries(to)) {
    const fv = from[k];
    const fm = meta?.field(k);
    if (fv === undefined) {
      if (mode === 'delta') patch[k] = tv;
      continue;
    }
    if (isObj(fv) && isObj(tv)) {
      const sub = diffMaps(fv, tv, fm?.elem, mode);
      if (Object.keys(sub).length) patch[k] = sub;
      continue;
    }
    if (Array.isArray(fv) && Array.isArray(tv) && fm?.patchMergeKey && fm.patchStrategy?.includes('merge')) {
      const sub = diffList(fv, tv, fm.patchMergeKey, fm.elem, mode);
      if (sub.length) patch[k] = sub;
      continue;
    }
    if (mode === 'delta' && !deepEqual(fv, tv)) patch[k] = tv;
  }
  if (mode === 'deletions') for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  return patch;
}

function diffList(from: unknown[], to: unknown[], key: string, meta: PatchMeta | undefined, mode: Mode): unknown[] {
  const out: unknown[] = [];
  const byKey = (list: unknown[], v: unknown) => list.find((x) => isObj(x) && deepEqual(x[key], v));
  for (const t of to) {
    if (!isObj(t)) continue;
    const f = byKey(from, t[key]);
    if (!f || !isObj(f)) {
      if (mode === 'delta') out.push(t);
      continue;
    }
    const sub = diffMaps(f, t, meta, mode);
    if (Object.keys(sub).length) out.push({ [key]: t[key], ...sub });
  }
  if (mode === 'deletions')
    for (const f of from) if (isObj(f) && !byKey(to, f[key])) out.push({ [key]: f[key], $patch: 'delete' });
  return out;
}

function mergePatches(a: Obj, b: Obj, meta: PatchMeta | undefined): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const fm = meta?.field(k);
    if (isObj(out[k]) && isObj(v)) out[k] = mergePatches(out[k] as Obj, v, fm?.elem);
    else if (Array.isArray(out[k]) && Array.isArray(v) && fm?.patchMergeKey) {
      const key = fm.patchMergeKey;
      const list = [...(out[k] as unknown[])];
      for (const item of v) {
        const i = list.findIndex((x) => isObj(x) && isObj(item) && deepEqual(x[key], item[key]));
        if (i >= 0 && isObj(list[i]) && isObj(item)) list[i] = mergePatches(list[i] as Obj, item, fm.elem);
        else list.push(item);
      }
      out[k] = list;
    } else out[k] = v;
  }
  return out;
}

/** createThreeWayMergePatch returns the patch that moves current to modified, deleting what original had. */
export function createThreeWayMergePatch(original: Obj | undefined, modified: Obj, current: Obj, meta: PatchMeta | undefined): Obj {
  const delta = diffMaps(current, modified, meta, 'delta');
  const deletions = original ? diffMaps(original, modified, meta, 'deletions') : {};
  return mergePatches(deletions, delta, meta);
}
