// Mirrors pkg/scheduler/framework/plugins/helper/spread.go (DefaultSelector): the selectors of the
// services, replication controllers, replica sets and stateful sets that own a pod — what the
// spreading plugins count "pods of the same group" by.
import type { Pod } from '../../../../api/core/v1/types.js';
import type { Selector } from '../../../../apimachinery/labels/selector.js';
import { selectorFromSet } from '../../../../apimachinery/labels/selector.js';
import { labelSelectorAsSelector } from '../../../../apimachinery/apis/meta/v1/helpers.js';
import type { SharedInformerFactory } from '../../../../client/informers/factory.js';

/** registerSpreadListers asks the factory for the informers defaultSelectors reads (before start). */
export function registerSpreadListers(factory: SharedInformerFactory): void {
  factory.core().v1().services();
  factory.core().v1().replicationControllers();
  factory.apps().v1().replicaSets();
  factory.apps().v1().statefulSets();
}

/** listersByFactory keeps each factory's listers: defaultSelectors runs in every scheduling cycle. */
const listersByFactory = new WeakMap<SharedInformerFactory, ReturnType<typeof newSpreadListers>>();

function newSpreadListers(factory: SharedInformerFactory) {
  return {
    services: factory.core().v1().services().lister(),
    replicationControllers: factory.core().v1().replicationControllers().lister(),
    replicaSets: factory.apps().v1().replicaSets().lister(),
    statefulSets: factory.apps().v1().statefulSets().lister(),
  };
}

function spreadListers(factory: SharedInformerFactory): ReturnType<typeof newSpreadListers> {
  let l = listersByFactory.get(factory);
  if (!l) listersByFactory.set(factory, (l = newSpreadListers(factory)));
  return l;
}

/** defaultSelectors returns one selector per owning group; none when the pod belongs to none. */
export function defaultSelectors(pod: Pod, factory: SharedInformerFactory): Selector[] {
  const ns = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  const out: Selector[] = [];
  const listers = spreadListers(factory);
  const safe = (f: () => Selector) => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  for (const svc of listers.services.byNamespace(ns).list()) {
    const sel = svc.spec?.selector;
    if (sel && Object.keys(sel).length && selectorFromSet(sel).matches(labels)) out.push(selectorFromSet(sel));
  }
  for (const rc of listers.replicationControllers.byNamespace(ns).list()) {
    const sel = rc.spec?.selector;
    if (sel && Object.keys(sel).length && selectorFromSet(sel).matches(labels)) out.push(selectorFromSet(sel));
  }
  for (const owner of [...listers.replicaSets.byNamespace(ns).list(), ...listers.statefulSets.byNamespace(ns).list()]) {
    const sel = safe(() => labelSelectorAsSelector(owner.spec?.selector));
    if (sel && !sel.empty() && sel.matches(labels)) out.push(sel);
  }
  return out;
}

/** countMatchingPods counts pods of the namespace on a node matching every selector. */
/** LabelMatcher is the part of a Selector counting needs. */
export type LabelMatcher = Pick<Selector, 'matches'>;

export function countMatchingPods(namespace: string, selectors: LabelMatcher[], pods: { pod: Pod }[]): number {
  if (selectors.length === 0) return 0;
  let n = 0;
  for (const { pod } of pods) {
    if ((pod.metadata.namespace ?? 'default') !== namespace || pod.metadata.deletionTimestamp) continue;
    if (selectors.every((s) => s.matches(pod.metadata.labels ?? {}))) n++;
  }
  return n;
}
