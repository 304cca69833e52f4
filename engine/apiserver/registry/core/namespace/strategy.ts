// Mirrors pkg/registry/core/namespace/strategy.go: a namespace starts Active with the "kubernetes"
// finalizer in spec.finalizers (only /finalize may change them) and always carries the
// kubernetes.io/metadata.name label. Deletion (phase Terminating) is handled by the store.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { Namespace } from '../../../../api/core/v1/types.js';
import { newStatusStrategy, newStrategy, setField, type StrategyConfig } from '../common/strategy-helpers.js';

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

export const Strategy = newStrategy(config);
export const StatusStrategy = newStatusStrategy(Strategy, config);
