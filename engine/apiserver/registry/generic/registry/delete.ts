// Mirrors the deletion half of k8s.io/apiserver/pkg/registry/generic/registry/store.go (Delete,
// updateForGracefulDeletionAndFinalizers, deletionFinalizersForGarbageCollection) and
// pkg/registry/rest/delete.go (BeforeDelete): preconditions, graceful deletion, finalizers and
// propagation policy; a strategy's beforeDelete may keep the object instead (namespaces).
// Simplified: no DeleteCollection worker pool.
import type { DeleteOptions, DeletionPropagation, KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { newConflict, newNotFound } from '../../../../apimachinery/api/errors/errors.js';
import type { RequestContext } from '../../rest/resource.js';
import type { Store, WriteOptions } from './store.js';
import { deepCopy, deepEqual } from '../../../../apimachinery/api/equality/semantic.js';
import { rfc3339 } from '../../../../apimachinery/apis/meta/v1/time.js';

export const finalizerOrphanDependents = 'orphan';
export const finalizerDeleteDependents = 'foregroundDeletion';

/** DeleteResult: the object as last seen, and whether it is gone (false: kept with deletionTimestamp). */
export interface DeleteResult {
  object: KubeObject;
  deleted: boolean;
}

export async function deleteObject(store: Store, ctx: RequestContext, name: string, options: DeleteOptions, opts: WriteOptions): Promise<DeleteResult> {
  const key = store.keyFor(ctx.namespace, name);
  const strategy = store.strategy;
  for (;;) {
    const cur = store.storage.get(key);
    if (!cur) throw newNotFound(store.gr, name);
    const obj = cur.object;
    checkPreconditions(store, name, obj, options);
    await opts.admit?.(undefined, obj);

    const kept = keptByStrategy(store, ctx, obj, options);
    if (kept) {
      if (kept === obj || opts.dryRun) return { object: kept, deleted: false };
      const stored = await store.storage.update(key, kept, cur.modRevision);
      if (stored) return { object: stored, deleted: false };
      continue;
    }

    const grace = strategy.checkGracefulDelete?.(deepCopy(obj), options);
    const pendingGrace = grace !== undefined && grace > 0;
    const finalizers = finalizersFor(obj, options, strategy.defaultGarbageCollectionPolicy);

    if (!pendingGrace && finalizers.length === 0) {
      if (opts.dryRun) return { object: obj, deleted: true };
      const rev = await store.storage.delete(key, cur.modRevision);
      if (rev === undefined) continue;
      strategy.afterDelete?.(obj, ctx);
      return { object: obj, deleted: true };
    }

    const next = deepCopy(obj);
    const meta = next.metadata;
    if (finalizers.length) meta.finalizers = finalizers;
    else delete meta.finalizers;
    const now = store.clock.now();
    if (pendingGrace) {
      const deadline = now + grace! * 1000;
      // A second delete may shorten the grace period, never extend it.
      if (!meta.deletionTimestamp || Date.parse(meta.deletionTimestamp) > deadline) {
        meta.deletionTimestamp = rfc3339(deadline);
        meta.deletionGracePeriodSeconds = grace;
      }
    } else {
      meta.deletionTimestamp ??= rfc3339(now);
      meta.deletionGracePeriodSeconds = 0;
    }
    if (JSON.stringify(meta) === JSON.stringify(obj.metadata)) return { object: obj, deleted: false };
    if (opts.dryRun) return { object: next, deleted: false };
    const stored = await store.storage.update(key, next, cur.modRevision);
    if (stored) return { object: stored, deleted: false };
  }
}

/**
 * keptByStrategy asks strategy.beforeDelete whether to keep the object (namespaces mark it
 * Terminating): undefined to delete, the stored object when nothing changes, else the marked copy,
 * which on the first delete also records the propagation policy's finalizer as upstream does.
 */
function keptByStrategy(store: Store, ctx: RequestContext, obj: KubeObject, options: DeleteOptions): KubeObject | undefined {
  if (!store.strategy.beforeDelete) return undefined;
  const next = deepCopy(obj);
  if (store.strategy.beforeDelete(next, ctx) !== 'keep') return undefined;
  if (!obj.metadata.deletionTimestamp) {
    const finalizers = finalizersFor(next, options);
    if (finalizers.length) next.metadata.finalizers = finalizers;
    else delete next.metadata.finalizers;
  }
  return deepEqual(next, obj) ? obj : next;
}

function checkPreconditions(store: Store, name: string, obj: KubeObject, options: DeleteOptions): void {
  const pre = options.preconditions;
  if (!pre) return;
  if (pre.uid && pre.uid !== obj.metadata.uid) {
    throw newConflict(store.gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`);
  }
  if (pre.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw newConflict(
      store.gr,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion ?? ''}`,
    );
  }
}

/** finalizersFor mirrors deletionFinalizersForGarbageCollection: the policy adds orphan or foregroundDeletion. */
function finalizersFor(obj: KubeObject, options: DeleteOptions, defaultPolicy?: 'DeleteDependents' | 'OrphanDependents'): string[] {
  const fin = [...(obj.metadata.finalizers ?? [])];
  let policy: DeletionPropagation | undefined = options.propagationPolicy;
  if (!policy && options.orphanDependents !== undefined) policy = options.orphanDependents ? 'Orphan' : 'Background';
  if (!policy && defaultPolicy === 'OrphanDependents' && !obj.metadata.deletionTimestamp) policy = 'Orphan';
  const without = (f: string[], x: string) => f.filter((y) => y !== x);
  switch (policy) {
    case 'Orphan':
      return [...without(fin, finalizerDeleteDependents).filter((f) => f !== finalizerOrphanDependents), finalizerOrphanDependents];
    case 'Foreground':
      return [...without(fin, finalizerOrphanDependents).filter((f) => f !== finalizerDeleteDependents), finalizerDeleteDependents];
    case 'Background':
      return without(without(fin, finalizerOrphanDependents), finalizerDeleteDependents);
    default:
      return fin;
  }
}
