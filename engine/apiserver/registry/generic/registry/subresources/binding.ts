// Mirrors BindingREST in pkg/registry/core/pod/storage/storage.go: POST pods/<name>/binding sets
// spec.nodeName once (and the PodScheduled condition); a second binding is a 409 Conflict.
import type { KubeObject } from '../../../../../apimachinery/apis/meta/v1/types.js';
import { StatusError, newBadRequest, newConflict, newInvalid, newNotFound } from '../../../../../apimachinery/api/errors/errors.js';
import { invalid, required } from '../../../../../apimachinery/util/validation/field/errors.js';
import type { RequestContext } from '../../../rest/resource.js';
import type { Store, WriteOptions } from '../store.js';
import { rfc3339 } from '../../../../../apimachinery/apis/meta/v1/time.js';

export interface Binding extends KubeObject {
  target?: { kind?: string; name?: string; apiVersion?: string; namespace?: string };
}

export async function createBinding(store: Store, ctx: RequestContext, podName: string, binding: Binding, opts: WriteOptions): Promise<void> {
  const name = binding.metadata.name || podName;
  if (name !== podName) throw newBadRequest(`the name of the object (${name}) does not match the name on the URL (${podName})`);
  const target = binding.target ?? {};
  if (!target.name) throw newInvalid({ group: '', kind: 'Binding' }, name, [required('target.name')]);
  if (target.kind && target.kind !== 'Node') throw newInvalid({ group: '', kind: 'Binding' }, name, [invalid('target.kind', target.kind, "must be empty or 'Node'")]);
  const bindingGR = { group: '', resource: 'pods/binding' };
  try {
    await store.update(
      ctx,
      podName,
      (pod) => {
        if (!pod) throw newNotFound(store.gr, podName);
        const spec = (pod.spec ??= {}) as { nodeName?: string; schedulingGates?: unknown[] };
        if (pod.metadata.deletionTimestamp) throw new Error(`pod ${podName} is being deleted, cannot be assigned to a host`);
        if (spec.nodeName) throw new Error(`pod ${podName} is already assigned to node "${spec.nodeName}"`);
        if (spec.schedulingGates?.length) throw new Error(`pod ${podName} has non-empty .spec.schedulingGates`);
        spec.nodeName = target.name;
        if (binding.metadata.annotations) pod.metadata.annotations = { ...pod.metadata.annotations, ...binding.metadata.annotations };
        setPodScheduled(pod, rfc3339(store.clock.now()));
        return pod;
      },
      // As upstream's assignPod (a storage-level GuaranteedUpdate), binding leaves managedFields alone.
      { ...opts, retryOnConflict: true, strategy: bindingStrategy(store), managedFieldsDone: true },
    );
  } catch (err) {
    if (err instanceof StatusError) throw err;
    throw newConflict(bindingGR, podName, (err as Error).message);
  }
}

function setPodScheduled(pod: KubeObject, now: string): void {
  const status = (pod.status ??= {}) as { conditions?: { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string }[] };
  const conds = (status.conditions ??= []);
  const c = conds.find((x) => x.type === 'PodScheduled');
  if (c) {
    if (c.status !== 'True') c.lastTransitionTime = now;
    c.status = 'True';
  } else conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
}

/**
 * bindingStrategy writes the pod as the binding computed it: upstream's binding bypasses the pod
 * strategy (spec.nodeName is otherwise immutable), so this one only carries namespace scoping.
 */
function bindingStrategy(store: Store) {
  const base = store.strategy;
  return {
    ...base,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
    prepareForUpdate: () => {},
    validateUpdate: () => [],
    beforeUpdate: undefined,
  };
}
