// Mirrors EvictionREST in pkg/registry/core/pod/storage/eviction.go: POST pods/<name>/eviction deletes
// the pod gracefully with the Eviction's deleteOptions. Simplified: no PodDisruptionBudgets yet, so
// every eviction is allowed.
import type { DeleteOptions, KubeObject } from '../../../../../apimachinery/apis/meta/v1/types.js';
import { newBadRequest } from '../../../../../apimachinery/api/errors/errors.js';
import type { RequestContext } from '../../../rest/resource.js';
import type { Store, WriteOptions } from '../store.js';

export interface Eviction extends KubeObject {
  deleteOptions?: DeleteOptions;
}

export async function createEviction(store: Store, ctx: RequestContext, podName: string, eviction: Eviction, opts: WriteOptions): Promise<void> {
  const name = eviction.metadata.name || podName;
  if (name !== podName) throw newBadRequest(`name in URL does not match name in Eviction object`);
  await store.delete(ctx, podName, eviction.deleteOptions ?? {}, opts);
}
