// Mirrors the Apply half of k8s.io/apimachinery/pkg/util/managedfields (structured-merge-diff's
// merge.Updater.Apply and internal/conflict.go): server-side apply merges the applied configuration
// into the live object, removes fields this manager applied before but no longer does, and reports
// conflicts with other managers unless forced. Simplified: conflicts are checked on leaf fields only.
import { emptyPatchMeta } from '../../../../apimachinery/util/strategicpatch/meta.js';
import type { KubeObject, ManagedFieldsEntry } from '../../../../apimachinery/apis/meta/v1/types.js';
import { StatusError, newStatus } from '../../../../apimachinery/api/errors/errors.js';
import type { PatchMeta } from '../../../../apimachinery/util/strategicpatch/meta.js';
import { strategicMergePatch } from '../../../../apimachinery/util/strategicpatch/patch.js';
import { fromFieldsV1, leavesOf, printPath, toFieldsV1 } from './fieldpath.js';
import { sameManager } from './field-manager.js';

export interface ApplyOptions {
  manager: string;
  force: boolean;
  meta?: PatchMeta;
  time: string;
  subresource?: string;
}

interface Conflict {
  entry: ManagedFieldsEntry;
  path: string;
}

function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager ?? '');
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion ?? ''}`;
  return s;
}

/** newApplyConflict mirrors internal.NewConflictError: 409 Conflict listing each field. */
export function newApplyConflict(conflicts: Conflict[]): StatusError {
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0]!.entry)}: ${printPath(conflicts[0]!.path)}`;
  } else {
    const by = new Map<string, string[]>();
    for (const c of conflicts) {
      const m = printManager(c.entry);
      by.set(m, [...(by.get(m) ?? []), printPath(c.path)]);
    }
    const lines: string[] = [];
    for (const m of [...by.keys()].sort()) {
      lines.push(`conflicts with ${m}:`);
      for (const p of by.get(m)!) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.entry)}`, field: printPath(c.path) }));
  return new StatusError(newStatus(409, 'Conflict', message, { causes }));
}

/** applyConfiguration returns the object after applying `applied` over `live` (undefined: create). */
export function applyConfiguration(live: KubeObject | undefined, applied: KubeObject, o: ApplyOptions): KubeObject {
  delete applied.metadata.managedFields;
  const appliedLeaves = leavesOf(applied, o.meta);
  const isMine = (e: ManagedFieldsEntry) => sameManager(e, o.manager, 'Apply', applied.apiVersion, o.subresource);
  const entries = (live?.metadata.managedFields ?? []).map((e) => ({ entry: e, set: fromFieldsV1(e.fieldsV1) }));
  let result: KubeObject;
  if (live) {
    const liveLeaves = leavesOf(live, o.meta);
    const conflicts: Conflict[] = [];
    for (const { entry, set } of entries) {
      if (isMine(entry)) continue;
      for (const [p, v] of appliedLeaves) if (set.has(p) && liveLeaves.has(p) && liveLeaves.get(p) !== v) conflicts.push({ entry, path: p });
    }
    if (conflicts.length && !o.force) throw newApplyConflict(conflicts);
    for (const c of conflicts) entries.find((x) => x.entry === c.entry)!.set.delete(c.path);
    result = strategicMergePatch(live, applied, o.meta ?? emptyPatchMeta) as KubeObject;
    result.metadata.resourceVersion = applied.metadata.resourceVersion ?? live.metadata.resourceVersion;
    // Fields this manager applied before and no longer applies go, unless someone else owns them.
    const before = entries.find((x) => isMine(x.entry))?.set ?? new Set<string>();
    const others = new Set(entries.filter((x) => !isMine(x.entry)).flatMap((x) => [...x.set]));
    for (const p of before) if (!appliedLeaves.has(p) && !others.has(p)) removeAtPath(result, p.split('\n'));
  } else {
    result = applied;
  }
  const managed: ManagedFieldsEntry[] = [];
  const mine: ManagedFieldsEntry = { manager: o.manager, operation: 'Apply', apiVersion: applied.apiVersion, time: o.time, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(appliedLeaves.keys()) };
  if (o.subresource) mine.subresource = o.subresource;
  managed.push(mine);
  for (const { entry, set } of entries) if (!isMine(entry) && set.size) managed.push({ ...entry, fieldsV1: toFieldsV1(set) });
  result.metadata.managedFields = managed;
  return result;
}

/** removeAtPath deletes the field a FieldsV1 path names (a `.` path removes the list item itself). */
function removeAtPath(obj: unknown, segs: string[]): void {
  let cur: unknown = obj;
  for (let i = 0; i < segs.length; i++) {
    const el = segs[i]!;
    const last = i === segs.length - 1 || (i === segs.length - 2 && segs[i + 1] === '.');
    if (el.startsWith('f:')) {
      const rec = cur as Record<string, unknown>;
      if (typeof rec !== 'object' || rec === null) return;
      if (last) return void delete rec[el.slice(2)];
      cur = rec[el.slice(2)];
    } else if (el.startsWith('k:') || el.startsWith('v:')) {
      if (!Array.isArray(cur)) return;
      const want = JSON.parse(el.slice(2)) as unknown;
      const idx = el.startsWith('k:')
        ? cur.findIndex((x) => Object.entries(want as Record<string, unknown>).every(([k, v]) => (x as Record<string, unknown>)?.[k] === v))
        : cur.findIndex((x) => JSON.stringify(x) === JSON.stringify(want));
      if (idx < 0) return;
      if (last) return void cur.splice(idx, 1);
      cur = cur[idx];
    } else return;
  }
}
