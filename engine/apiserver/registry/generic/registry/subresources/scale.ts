// Mirrors the ScaleREST of pkg/registry/apps/deployment/storage (and replicaset, statefulset,
// replicationcontroller): the autoscaling/v1 Scale view of a resource, read and written through the
// resource's own store so validation and admission still run.
import type { KubeObject } from '../../../../../apimachinery/apis/meta/v1/types.js';
import { newConflict, newInvalid, newNotFound, optimisticLockErrorMsg } from '../../../../../apimachinery/api/errors/errors.js';
import { invalid, type ErrorList } from '../../../../../apimachinery/util/validation/field/errors.js';
import type { RequestContext, ScaleAccess } from '../../../rest/resource.js';
import type { Store, WriteOptions } from '../store.js';

export interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export const scaleGVK = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

/** scaleFromObject builds the Scale of obj (name, namespace, uid, resourceVersion, creationTimestamp). */
export function scaleFromObject(access: ScaleAccess, obj: KubeObject): Scale {
  const m = obj.metadata;
  const selector = access.selector(obj);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: access.specReplicas(obj) },
    status: { replicas: access.statusReplicas(obj), ...(selector ? { selector } : {}) },
  };
}

export function getScale(store: Store, access: ScaleAccess, ctx: RequestContext, name: string): Scale {
  return scaleFromObject(access, store.get(ctx, name));
}

/** updateScale writes spec.replicas from a Scale; its resourceVersion, when set, is a precondition. */
export async function updateScale(
  store: Store,
  access: ScaleAccess,
  ctx: RequestContext,
  name: string,
  scaleOf: (current: Scale) => Scale,
  opts: WriteOptions,
): Promise<Scale> {
  const mainCtx = { ...ctx, subresource: 'scale' };
  const result = await store.update(
    mainCtx,
    name,
    (old) => {
      if (!old) throw newNotFound(store.gr, name);
      const scale = scaleOf(scaleFromObject(access, old));
      const errs: ErrorList = [];
      const replicas = scale.spec?.replicas ?? 0;
      if (!Number.isInteger(replicas) || replicas < 0) errs.push(invalid('spec.replicas', replicas, 'must be greater than or equal to 0'));
      if (errs.length) throw newInvalid(scaleGVK, name, errs);
      const rv = scale.metadata?.resourceVersion;
      if (rv && rv !== old.metadata.resourceVersion) throw newConflict(store.gr, name, optimisticLockErrorMsg);
      access.setSpecReplicas(old, replicas);
      return old;
    },
    { ...opts, retryOnConflict: true },
  );
  return scaleFromObject(access, result.object);
}
