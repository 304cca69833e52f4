// Mirrors pkg/registry/core/namespace/strategy.go and the deletion rules of its storage.go: a
// namespace starts Active with the "kubernetes" finalizer in spec.finalizers (only /finalize may
// change them) and always carries the kubernetes.io/metadata.name label. The first DELETE marks it
// Terminating; it goes away once both spec and metadata finalizers are empty.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { Namespace } from '../../../../api/core/v1/types.js';
import { validateNamespaceFinalizeUpdate } from '../../../../api/core/validation/validation.js';
import type { Strategy as RESTStrategy } from '../../rest/resource.js';
import { newStatusStrategy, newStrategy, rfc3339, setField, type StrategyConfig } from '../common/strategy-helpers.js';

/** finalizerKubernetes is the spec finalizer the namespace controller removes after cleanup. */
export const finalizerKubernetes = 'kubernetes';
/** labelMetadataName is set on every namespace to its own name (selectable by label). */
export const labelMetadataName = 'kubernetes.io/metadata.name';

const asNamespace = (obj: KubeObject) => obj as unknown as Namespace;

function setNameLabel(obj: KubeObject): void {
  if (!obj.metadata.name) return;
  obj.metadata.labels = { ...(obj.metadata.labels ?? {}), [labelMetadataName]: obj.metadata.name };
}

const config: StrategyConfig = {
  gvk: { group: '', version: 'v1', kind: 'Namespace' },
  namespaced: false,
  initialStatus: () => ({ phase: 'Active' }),
  prepareForCreate(obj) {
    const ns = asNamespace(obj);
    const spec = (ns.spec ??= {});
    // The kubernetes finalizer is required on create (not a default: it may go away later).
    if (!(spec.finalizers ?? []).includes(finalizerKubernetes)) spec.finalizers = [...(spec.finalizers ?? []), finalizerKubernetes];
    setNameLabel(obj);
  },
  prepareForUpdate(obj, old) {
    const ns = asNamespace(obj);
    ns.spec ??= {};
    setField(ns.spec as Record<string, unknown>, 'finalizers', asNamespace(old).spec?.finalizers);
    setNameLabel(obj);
  },
};

/**
 * deletion mirrors REST.Delete of the namespace storage: the first DELETE sets deletionTimestamp and
 * phase Terminating and keeps the namespace; later ones keep it while spec.finalizers remain.
 */
const deletion: Partial<RESTStrategy> = {
  beforeDelete(obj, ctx) {
    const ns = asNamespace(obj);
    if (!obj.metadata.deletionTimestamp) {
      obj.metadata.deletionTimestamp = rfc3339(ctx.clock.now());
      ns.status = { ...(ns.status ?? {}), phase: 'Terminating' };
      return 'keep';
    }
    return ns.spec?.finalizers?.length ? 'keep' : 'delete';
  },
  // ShouldDeleteNamespaceDuringUpdate: finalizing the last spec finalizer removes a deleted namespace.
  shouldDeleteDuringUpdate: (obj) => !asNamespace(obj).spec?.finalizers?.length,
};

export const Strategy = newStrategy(config, deletion);
export const StatusStrategy = newStatusStrategy(Strategy, config);

/**
 * FinalizeStrategy serves PUT namespaces/<name>/finalize (namespaceFinalizeStrategy): of the body
 * only spec.finalizers is taken, everything else stays as stored.
 */
export const FinalizeStrategy: RESTStrategy = {
  ...Strategy,
  allowCreateOnUpdate: false,
  prepareForUpdate(obj, old) {
    const finalizers = asNamespace(obj).spec?.finalizers;
    const resourceVersion = obj.metadata.resourceVersion;
    for (const k of Object.keys(obj)) delete obj[k];
    Object.assign(obj, structuredClone(old));
    obj.metadata.resourceVersion = resourceVersion;
    const spec = (asNamespace(obj).spec ??= {});
    if (finalizers?.length) spec.finalizers = [...finalizers];
    else delete spec.finalizers;
  },
  validateUpdate: (obj, old) => validateNamespaceFinalizeUpdate(asNamespace(obj), asNamespace(old)),
  beforeUpdate: undefined,
};
