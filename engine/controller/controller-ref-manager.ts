// Mirrors pkg/controller/controller_ref_manager.go: a controller claims the objects it should own —
// it adopts orphans that match its selector and releases owned objects that no longer match — by
// strategic-merge patches of ownerReferences (merged by uid), so concurrent writers do not clash.
import type { ObjectMeta, OwnerReference } from '../apimachinery/apis/meta/v1/types.js';
import type { Selector } from '../apimachinery/labels/selector.js';
import { isNotFound } from '../apimachinery/api/errors/errors.js';
import { StrategicMergePatchType } from '../client/rest/client.js';
import type { Client, ObjectWithMeta } from '../client/gentype/type.js';
import { getControllerOf } from './controller-utils.js';

type Obj = { metadata: ObjectMeta };

/** ownerRefControllerPatch adopts an object: add our controllerRef, guarded by the object's uid. */
export function ownerRefControllerPatch(controller: OwnerReference, uid: string): unknown {
  return { metadata: { ownerReferences: [{ ...controller }], uid } };
}

/** deleteOwnerRefStrategicMergePatch releases an object: delete the references with these owner uids. */
export function deleteOwnerRefStrategicMergePatch(dependentUID: string, ...ownerUIDs: string[]): unknown {
  return { metadata: { ownerReferences: ownerUIDs.map((uid) => ({ $patch: 'delete', uid })), uid: dependentUID } };
}

export interface ClaimOptions<T extends Obj> {
  controller: Obj;
  controllerRef: OwnerReference;
  selector: Selector;
  /** canAdopt re-checks (once, lazily) that the controller is not being deleted. */
  canAdopt: () => Promise<void>;
  client: (namespace: string) => Client<T & ObjectWithMeta>;
  /** filters are extra conditions an object must meet to be adopted (e.g. not terminating). */
  filters?: ((obj: T) => boolean)[];
}

/**
 * claimObjects returns the objects the controller owns after adopting and releasing. Errors of
 * single objects are collected; the first is rethrown after all were tried.
 */
export async function claimObjects<T extends Obj>(objs: T[], opts: ClaimOptions<T>): Promise<T[]> {
  const claimed: T[] = [];
  const errors: unknown[] = [];
  let adoptChecked: Promise<void> | undefined;
  const match = (o: T) => opts.selector.matches(o.metadata.labels ?? {}) && (opts.filters ?? []).every((f) => f(o));
  const uid = opts.controller.metadata.uid;
  const beingDeleted = !!opts.controller.metadata.deletionTimestamp;
  for (const obj of objs) {
    try {
      const ref = getControllerOf(obj);
      if (ref) {
        if (ref.uid !== uid) continue; // owned by someone else
        if (match(obj)) {
          claimed.push(obj);
          continue;
        }
        if (beingDeleted) continue; // leave our objects alone while we go away
        await patchIgnoringNotFound(opts.client(obj.metadata.namespace ?? '').patch(obj.metadata.name ?? '', StrategicMergePatchType, deleteOwnerRefStrategicMergePatch(obj.metadata.uid ?? '', uid ?? '')));
        continue;
      }
      // An orphan: adopt it if it matches and neither side is going away.
      if (beingDeleted || !match(obj) || obj.metadata.deletionTimestamp) continue;
      if (opts.controller.metadata.namespace && opts.controller.metadata.namespace !== obj.metadata.namespace) continue;
      adoptChecked ??= opts.canAdopt();
      await adoptChecked;
      const adopted = await patchIgnoringNotFound(opts.client(obj.metadata.namespace ?? '').patch(obj.metadata.name ?? '', StrategicMergePatchType, ownerRefControllerPatch(opts.controllerRef, obj.metadata.uid ?? '')));
      if (adopted) claimed.push(adopted as unknown as T);
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length) throw errors[0];
  return claimed;
}

async function patchIgnoringNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isNotFound(err)) return undefined; // it is gone: nothing to adopt or release
    throw err;
  }
}

/**
 * recheckDeletionTimestamp returns a canAdopt that reads the controller fresh from the API server:
 * adopting for a controller that was just deleted (or replaced) would orphan the object again.
 */
export function recheckDeletionTimestamp(get: () => Promise<Obj>, expected: Obj, kind: string): () => Promise<void> {
  return async () => {
    const fresh = await get();
    const m = fresh.metadata;
    if (m.uid !== expected.metadata.uid) {
      throw new Error(`original ${kind} ${expected.metadata.namespace}/${expected.metadata.name} is gone: got uid ${m.uid}, wanted ${expected.metadata.uid}`);
    }
    if (m.deletionTimestamp) throw new Error(`${kind} ${m.namespace}/${m.name} has just been deleted at ${m.deletionTimestamp}`);
  };
}
