// Mirrors pkg/controller/statefulset/stateful_set.go: StatefulSetController watches sets and their
// pods, and syncStatefulSet hands each set with its pods to StatefulSetControl, then writes the
// status. Orphan adoption and ControllerRevision history are left out.
import type { StatefulSet } from '../../api/apps/v1/types.js';
import type { PersistentVolumeClaim, Pod } from '../../api/core/v1/types.js';
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import { labelSelectorAsSelector } from '../../apimachinery/apis/meta/v1/helpers.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { ControllerContext } from '../controller-context.js';
import { fromTombstone, getControllerOf, keyFunc } from '../controller-utils.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';
import { StatefulSetControl } from './stateful-set-control.js';

export class StatefulSetController {
  readonly queue: RateLimitingType<string>;
  readonly setLister: Lister<StatefulSet>;
  readonly podLister: Lister<Pod>;
  readonly claimLister: Lister<PersistentVolumeClaim>;
  readonly control: StatefulSetControl;
  private readonly synced: (() => boolean)[];
  /** syncHandler is sync; tests may replace it. */
  syncHandler: (key: string) => Promise<void> = (key) => this.sync(key);

  constructor(private readonly ctx: ControllerContext) {
    this.queue = newRateLimitingQueue<string>(ctx.clock);
    const sets = ctx.informerFactory.apps().v1().statefulSets();
    const pods = ctx.informerFactory.core().v1().pods();
    const claims = ctx.informerFactory.core().v1().persistentVolumeClaims();
    this.setLister = sets.lister();
    this.podLister = pods.lister();
    this.claimLister = claims.lister();
    this.control = new StatefulSetControl(ctx.clientset, ctx.recorder, this.claimLister, ctx.clock);
    this.synced = [sets, pods, claims].map((i) => () => i.informer().hasSynced());
    sets.informer().addEventHandler({
      onAdd: (s) => this.enqueueStatefulSet(s),
      onUpdate: (_o, n) => this.enqueueStatefulSet(n),
      onDelete: (s) => this.enqueueStatefulSet(fromTombstone(s)),
    });
    const onPod = (p: Pod) => {
      const key = this.setKeyFor(p);
      if (key) this.queue.add(key);
    };
    pods.informer().addEventHandler({
      onAdd: onPod,
      onUpdate: (o, n) => o.metadata.resourceVersion !== n.metadata.resourceVersion && onPod(n),
      onDelete: (p) => onPod(fromTombstone(p)),
    });
  }

  enqueueStatefulSet(set: StatefulSet): void {
    this.queue.add(keyFunc(set));
  }

  private setKeyFor(pod: Pod): string | undefined {
    const ref = getControllerOf(pod);
    if (ref?.kind !== 'StatefulSet') return undefined;
    return `${pod.metadata.namespace}/${ref.name}`;
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    return runWhenSynced(workers, this.queue, this.ctx.clock, signal, this.synced, () => this.worker());
  }

  async worker(): Promise<void> {
    while (await processNextWorkItem(this.queue, this.syncHandler)) {
      /* keep going */
    }
  }

  /** getPodsForStatefulSet returns the pods the set controls. */
  getPodsForStatefulSet(set: StatefulSet): Pod[] {
    const selector = labelSelectorAsSelector(set.spec?.selector);
    return this.podLister
      .byNamespace(set.metadata.namespace ?? '')
      .list(selector)
      .filter((p) => getControllerOf(p)?.uid === set.metadata.uid);
  }

  /** sync runs one step of the set's update and writes its status when it changed. */
  async sync(key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    let set: StatefulSet;
    try {
      set = this.setLister.get(ns, name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (set.metadata.deletionTimestamp) return;
    const status = await this.control.updateStatefulSet(set, this.getPodsForStatefulSet(set));
    const old = set.status ?? { replicas: 0 };
    const keys = Object.keys(status) as (keyof typeof status)[];
    if (keys.every((k) => old[k] === status[k] || (old[k] ?? 0) === (status[k] ?? 0))) return;
    try {
      await this.ctx.clientset.appsV1().statefulSets(ns).updateStatus({ ...set, status: { ...old, ...status } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

/** newStatefulSetController is the constructor the controller manager registers as "statefulset". */
export function newStatefulSetController(ctx: ControllerContext): StatefulSetController {
  return new StatefulSetController(ctx);
}
