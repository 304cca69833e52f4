// Mirrors sigs.k8s.io/structured-merge-diff/fieldpath (set.go, serialize.go, pathelement.go): the
// set of fields an object sets, as leaf paths, and its FieldsV1 form (`f:spec`, `k:{"name":"web"}`,
// `v:"x"`). Simplified: the object's own values decide maps vs structs; PatchMeta gives list keys.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { PatchMeta } from '../../../../apimachinery/util/strategicpatch/meta.js';

/** A path is its elements joined by '\n'; leaves map to their JSON value. */
export type LeafMap = Map<string, string>;

const ignoredMeta = new Set([
  'name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink',
]);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** hasKeys reports an object with at least one field, without listing them. */
function hasKeys(o: Record<string, unknown>): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

/** leavesOf lists every leaf field an object sets, with its value. */
export function leavesOf(obj: KubeObject, meta?: PatchMeta): LeafMap {
  const out: LeafMap = new Map();
  for (const k of Object.keys(obj)) {
    const v = (obj as unknown as Record<string, unknown>)[k];
    if (k === 'apiVersion' || k === 'kind' || v === undefined) continue;
    if (k === 'metadata' && isObj(v)) {
      for (const mk of Object.keys(v)) {
        if (ignoredMeta.has(mk) || v[mk] === undefined) continue;
        walkValue(v[mk], `f:metadata\nf:${mk}`, undefined, out);
      }
      continue;
    }
    walkValue(v, `f:${k}`, meta?.field(k), out);
  }
  return out;
}

/** walk visits an object's fields; path is the elements so far joined by '\n'. */
function walk(o: Record<string, unknown>, path: string, meta: PatchMeta | undefined, out: LeafMap): void {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined) continue;
    walkValue(v, `${path}\nf:${k}`, meta?.field(k), out);
  }
}

function walkValue(v: unknown, path: string, fm: ReturnType<PatchMeta['field']>, out: LeafMap): void {
  if (isObj(v)) {
    if (hasKeys(v)) {
      walk(v, path, fm?.shape === 'struct' ? fm.elem : undefined, out);
      return;
    }
  } else if (Array.isArray(v) && v.length > 0 && fm?.patchStrategy?.includes('merge')) {
    const key = fm.patchMergeKey;
    if (key && v.every((x) => isObj(x) && x[key] !== undefined)) {
      for (const item of v as Record<string, unknown>[]) {
        const p = `${path}\nk:${JSON.stringify({ [key]: item[key] })}`;
        out.set(`${p}\n.`, '{}');
        walk(item, p, fm.elem, out);
      }
      return;
    }
    if (v.every((x) => !isObj(x) && !Array.isArray(x))) {
      for (const x of v) {
        const json = JSON.stringify(x);
        out.set(`${path}\nv:${json}`, json);
      }
      return;
    }
  }
  out.set(path, JSON.stringify(v));
}

/** toFieldsV1 nests a set of paths into the FieldsV1 JSON shape. */
export function toFieldsV1(paths: Iterable<string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const p of paths) {
    let node = root;
    for (const el of p.split('\n')) node = (node[el] ??= {}) as Record<string, unknown>;
  }
  return root;
}

/** fromFieldsV1 flattens FieldsV1 back into leaf paths. */
export function fromFieldsV1(f: Record<string, unknown> | undefined): Set<string> {
  const out = new Set<string>();
  const rec = (node: Record<string, unknown>, path: string[]) => {
    const keys = Object.keys(node);
    if (!keys.length && path.length) out.add(path.join('\n'));
    for (const k of keys) rec((node[k] ?? {}) as Record<string, unknown>, [...path, k]);
  };
  if (f) rec(f, []);
  return out;
}

/** printPath prints a path as conflicts do: `.spec.containers[name="web"].image`. */
export function printPath(p: string): string {
  let s = '';
  for (const el of p.split('\n')) {
    if (el === '.') continue;
    if (el.startsWith('f:')) s += '.' + el.slice(2);
    else if (el.startsWith('k:')) {
      const kv = JSON.parse(el.slice(2)) as Record<string, unknown>;
      s += '[' + Object.entries(kv).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',') + ']';
    } else if (el.startsWith('v:')) s += `[=${el.slice(2)}]`;
  }
  return s;
}
