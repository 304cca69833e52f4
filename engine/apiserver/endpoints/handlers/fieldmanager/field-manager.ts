// Mirrors k8s.io/apimachinery/pkg/util/managedfields (the Update half of FieldManager): records in
// metadata.managedFields which manager set which fields. Simplified: ownership moves to whoever
// changes a field; fields removed from the object are removed from every manager.
import type { KubeObject, ManagedFieldsEntry } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { PatchMeta } from '../../../../apimachinery/util/strategicpatch/meta.js';
import { fromFieldsV1, leavesOf, toFieldsV1 } from './fieldpath.js';

export interface ManagerInfo {
  manager?: string;
  operation: 'Update' | 'Apply';
  time: string;
  subresource?: string;
  meta?: PatchMeta;
}

/** sameManager compares manager identities as BuildManagerIdentifier does (Apply ignores apiVersion). */
export function sameManager(e: ManagedFieldsEntry, manager: string, operation: string, apiVersion: string | undefined, subresource?: string): boolean {
  return (
    e.manager === manager &&
    e.operation === operation &&
    (operation === 'Apply' || e.apiVersion === apiVersion) &&
    (e.subresource ?? '') === (subresource ?? '')
  );
}

/** updateManagedFields sets obj.metadata.managedFields after an Update-style write of obj over old. */
export function updateManagedFields(obj: KubeObject, old: KubeObject | undefined, info: ManagerInfo): void {
  const manager = info.manager || 'unknown';
  const newLeaves = leavesOf(obj, info.meta);
  const oldLeaves = old ? leavesOf(old, info.meta) : new Map<string, string>();
  const changed = new Set<string>();
  for (const [p, v] of newLeaves) if (oldLeaves.get(p) !== v) changed.add(p);
  const removed = new Set<string>();
  for (const p of oldLeaves.keys()) if (!newLeaves.has(p)) removed.add(p);

  const entries: ManagedFieldsEntry[] = [];
  let own: Set<string> | undefined;
  let ownEntry: ManagedFieldsEntry | undefined;
  for (const e of old?.metadata.managedFields ?? []) {
    const set = fromFieldsV1(e.fieldsV1);
    if (sameManager(e, manager, 'Update', obj.apiVersion, info.subresource)) {
      own = set;
      ownEntry = e;
      continue;
    }
    for (const p of [...changed, ...removed]) set.delete(p);
    if (set.size) entries.push({ ...e, fieldsV1: toFieldsV1(set) });
  }
  const mine = own ?? new Set<string>();
  for (const p of changed) mine.add(p);
  for (const p of removed) mine.delete(p);
  if (mine.size) {
    const entry: ManagedFieldsEntry = {
      manager,
      operation: 'Update',
      apiVersion: obj.apiVersion,
      time: changed.size || !ownEntry ? info.time : ownEntry.time,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(mine),
    };
    if (info.subresource) entry.subresource = info.subresource;
    entries.push(entry);
  }
  if (entries.length) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}
