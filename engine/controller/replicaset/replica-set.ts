// Mirrors pkg/controller/replicaset/replica_set.go: ReplicaSetController keeps the number of active
// pods matching a replica set at spec.replicas. Informer handlers (addPod/updatePod/deletePod,
// addRS/updateRS/deleteRS) enqueue keys; workers run syncHandler → claimPods → manageReplicas →
// updateReplicaSetStatus. ReplicationControllers reuse it through an adapter (../replication).
// Simplified: "indirectly related pods" for the delete ranking are the replica set's own pods.
import type { ReplicaSet } from '../../api/apps/v1/types.js';
import type { Pod } from '../../api/core/v1/types.js';
import type { ObjectMeta, OwnerReference } from '../../apimachinery/apis/meta/v1/types.js';
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import { deepEqual } from '../../apimachinery/api/equality/semantic.js';
import { labelSelectorAsSelector } from '../../apimachinery/apis/meta/v1/helpers.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import type { DeletedFinalStateUnknown, ResourceEventHandler } from '../../client/tools/cache/controller.js';
import { splitMetaNamespaceKey } from '../../client/tools/cache/store.js';
import type { EventRecorder } from '../../client/tools/record/event.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { claimObjects, recheckDeletionTimestamp } from '../controller-ref-manager.js';
import {
  addPodControllerUIDIndexer,
  filterActivePods,
  filterPodsByOwner,
  fromTombstone,
  getControllerOf,
  isPodReady,
  keyFunc,
  newControllerRef,
  RealPodControl,
  slowStartBatch,
  SlowStartInitialBatchSize,
  sortActivePods,
  UIDTrackingControllerExpectations,
  type PodControlInterface,
} from '../controller-utils.js';
import { calculateStatus, updateReplicaSetStatus } from './replica-set-utils.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';

/** BurstReplicas caps the pods created or deleted in one sync. */
export const BurstReplicas = 500;

/**
 * ReplicaSetAdapter is how the controller sees its objects: apps/v1 ReplicaSets directly, or
 * ReplicationControllers converted to ReplicaSets (the conversion adapters upstream).
 */
export interface ReplicaSetAdapter {
  gvk: { apiVersion: string; kind: string };
  addEventHandler(handler: ResourceEventHandler<ReplicaSet>): void;
  hasSynced(): boolean;
  list(namespace: string): ReplicaSet[];
  /** get reads the cache; undefined when absent. */
  get(namespace: string, name: string): ReplicaSet | undefined;
  /** fetch reads the API server. */
  fetch(namespace: string, name: string): Promise<ReplicaSet>;
  updateStatus(rs: ReplicaSet): Promise<ReplicaSet>;
}

export interface ReplicaSetControllerOptions {
  adapter: ReplicaSetAdapter;
  podInformer: GenericInformer<Pod>;
  client: Clientset;
  recorder: EventRecorder;
  clock: Clock;
  burstReplicas?: number;
  /** name is the queue's and workers' name ("replicaset", "replicationmanager"). */
  name?: string;
}

export class ReplicaSetController {
  readonly queue: RateLimitingType<string>;
  readonly expectations: UIDTrackingControllerExpectations;
  podControl: PodControlInterface;
  /** syncHandler is syncReplicaSet; tests replace it. */
  syncHandler: (key: string) => Promise<void> = (key) => this.syncReplicaSet(key);
  onError: (err: unknown) => void = () => {};
  private readonly adapter: ReplicaSetAdapter;
  private readonly burstReplicas: number;

  constructor(private readonly opts: ReplicaSetControllerOptions) {
    this.adapter = opts.adapter;
    this.burstReplicas = opts.burstReplicas ?? BurstReplicas;
    this.queue = newRateLimitingQueue<string>(opts.clock);
    this.expectations = new UIDTrackingControllerExpectations(opts.clock);
    this.podControl = new RealPodControl(opts.client, opts.recorder);
    // The sync reads a replica set's pods by controller UID, not by listing the namespace.
    addPodControllerUIDIndexer(opts.podInformer.informer());
    this.adapter.addEventHandler({
      onAdd: (rs) => this.addRS(rs),
      onUpdate: (o, n) => this.updateRS(o, n),
      onDelete: (rs) => this.deleteRS(rs),
    });
    opts.podInformer.informer().addEventHandler({
      onAdd: (p) => this.addPod(p),
      onUpdate: (o, n) => this.updatePod(o, n),
      onDelete: (p) => this.deletePod(p),
    });
  }

  /** run waits for the caches, then runs workers until signal aborts. */
  run(workers: number, signal: AbortSignal): Promise<void> {
    const synced = [() => this.adapter.hasSynced(), () => this.opts.podInformer.informer().hasSynced()];
    return runWhenSynced(workers, this.queue, this.opts.clock, signal, synced, () => this.worker());
  }

  private async worker(): Promise<void> {
    while (await this.processNextWorkItem());
  }

  processNextWorkItem(): Promise<boolean> {
    return processNextWorkItem(this.queue, (key) => this.syncHandler(key), { onError: (_key, err) => this.onError(err) });
  }

  enqueueRS(rs: { metadata: ObjectMeta }): void {
    this.queue.add(keyFunc(rs));
  }

  private enqueueRSAfter(rs: ReplicaSet, ms: number): void {
    this.queue.addAfter(keyFunc(rs), ms);
  }

  private addRS(rs: ReplicaSet): void {
    this.enqueueRS(rs);
  }

  private updateRS(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata.uid !== cur.metadata.uid) this.deleteRS(old);
    this.enqueueRS(cur);
  }

  private deleteRS(obj: ReplicaSet | DeletedFinalStateUnknown<ReplicaSet>): void {
    const key = keyFunc(obj);
    this.expectations.deleteExpectations(key);
    this.queue.add(key);
  }

  /** resolveControllerRef returns the replica set a controllerRef points to, if it is ours and current. */
  private resolveControllerRef(namespace: string, ref: OwnerReference): ReplicaSet | undefined {
    if (ref.kind !== this.adapter.gvk.kind) return undefined;
    const rs = this.adapter.get(namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** getPodReplicaSets finds the replica sets whose selector matches an orphan pod. */
  private getPodReplicaSets(pod: Pod): ReplicaSet[] {
    return this.adapter.list(pod.metadata.namespace ?? '').filter((rs) => {
      try {
        const sel = labelSelectorAsSelector(rs.spec?.selector);
        return !sel.empty() && sel.matches(pod.metadata.labels ?? {});
      } catch {
        return false;
      }
    });
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      // On a restart the pod may already be terminating: count it as deleted.
      this.deletePod(pod);
      return;
    }
    const ref = getControllerOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!rs) return;
      const key = keyFunc(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    // An orphan: wake every matching replica set so one can adopt it.
    for (const rs of this.getPodReplicaSets(pod)) this.enqueueRS(rs);
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return; // a resync
    const labelChanged = !deepEqual(old.metadata.labels ?? {}, cur.metadata.labels ?? {});
    if (cur.metadata.deletionTimestamp) {
      // Graceful deletion started: the pod is gone as far as replica counts go.
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const rs = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (rs) this.enqueueRS(rs);
    }
    if (curRef) {
      const rs = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (!rs) return;
      this.enqueueRS(rs);
      // A pod that just became ready turns available after minReadySeconds: check again then.
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.enqueueRSAfter(rs, minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.getPodReplicaSets(cur)) this.enqueueRS(rs);
  }

  private deletePod(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = fromTombstone(obj);
    const ref = getControllerOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!rs) return;
    const key = keyFunc(rs);
    this.expectations.podDeletionObserved(key, keyFunc(pod));
    this.queue.add(key);
  }

  /** syncReplicaSet brings one replica set's pods and status in line with its spec. */
  async syncReplicaSet(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.adapter.get(namespace, name);
    if (!cached) {
      this.expectations.deleteExpectations(key);
      return;
    }
    // Events and owner references name the real kind (a ReplicationController stays one).
    const rs: ReplicaSet = { ...cached, apiVersion: this.adapter.gvk.apiVersion, kind: this.adapter.gvk.kind };
    const rsNeedsSync = this.expectations.satisfiedExpectations(key);
    let selector;
    try {
      selector = labelSelectorAsSelector(rs.spec?.selector);
    } catch {
      return; // an invalid selector cannot be fixed by retrying
    }
    // The pods it controls and the namespace's orphans: pods of other controllers are never claimed.
    const allRSPods = filterPodsByOwner(this.opts.podInformer.informer().getIndexer(), rs.metadata, this.adapter.gvk.kind, true);
    let filteredPods = filterActivePods(allRSPods);
    filteredPods = await this.claimPods(rs, selector, filteredPods);

    let manageReplicasErr: unknown;
    if (rsNeedsSync && !rs.metadata.deletionTimestamp) {
      try {
        await this.manageReplicas(filteredPods, rs);
      } catch (err) {
        manageReplicasErr = err;
      }
    }
    const now = this.opts.clock.now();
    const newStatus = calculateStatus(rs, filteredPods, manageReplicasErr, now);
    const statusClient = { get: (ns: string, n: string) => this.adapter.fetch(ns, n), updateStatus: (r: ReplicaSet) => this.adapter.updateStatus(r) };
    const updated = await updateReplicaSetStatus(statusClient, rs, newStatus);
    const replicas = updated.spec?.replicas ?? 1;
    const minReady = updated.spec?.minReadySeconds ?? 0;
    if (manageReplicasErr === undefined && minReady > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
      this.queue.addAfter(key, minReady * 1000);
    }
    if (manageReplicasErr !== undefined) throw manageReplicasErr;
  }

  /** claimPods adopts matching orphans and releases owned pods that stopped matching. */
  private claimPods(rs: ReplicaSet, selector: ReturnType<typeof labelSelectorAsSelector>, pods: Pod[]): Promise<Pod[]> {
    const ns = rs.metadata.namespace ?? '';
    return claimObjects(pods, {
      controller: rs,
      controllerRef: newControllerRef(rs, this.adapter.gvk),
      selector,
      canAdopt: recheckDeletionTimestamp(() => this.adapter.fetch(ns, rs.metadata.name ?? ''), rs, this.adapter.gvk.kind),
      client: (podNs) => this.opts.client.coreV1().pods(podNs),
    });
  }

  /** manageReplicas creates or deletes pods (at most burstReplicas) to reach spec.replicas. */
  async manageReplicas(filteredPods: Pod[], rs: ReplicaSet): Promise<void> {
    let diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    const key = keyFunc(rs);
    if (diff < 0) {
      diff = Math.min(-diff, this.burstReplicas);
      // Expect the creations before making them: the watch may report them before we return.
      this.expectations.expectCreations(key, diff);
      const template = rs.spec?.template ?? {};
      const ref = newControllerRef(rs, this.adapter.gvk);
      const { successes, error } = await slowStartBatch(diff, SlowStartInitialBatchSize, () =>
        this.podControl.createPods(rs.metadata.namespace ?? '', template, rs, ref),
      );
      // Creations never attempted will never be observed.
      for (let i = successes; i < diff; i++) this.expectations.creationObserved(key);
      if (error !== undefined) throw error;
      return;
    }
    if (diff > 0) {
      diff = Math.min(diff, this.burstReplicas);
      const podsToDelete = getPodsToDelete(filteredPods, filteredPods, diff);
      this.expectations.expectPodDeletions(key, podsToDelete.map((p) => keyFunc(p)));
      const results = await Promise.allSettled(
        podsToDelete.map(async (pod) => {
          try {
            await this.podControl.deletePod(rs.metadata.namespace ?? '', pod.metadata.name ?? '', rs);
          } catch (err) {
            // The delete will not be observed: lower the expectation ourselves.
            this.expectations.podDeletionObserved(key, keyFunc(pod));
            if (!isNotFound(err)) throw err;
          }
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }
}

/**
 * getPodsToDelete picks diff pods, the least valuable first (ActivePodsWithRanks): a pod ranks
 * higher the more related pods share its node, so doubled-up nodes are thinned first.
 */
export function getPodsToDelete(filteredPods: Pod[], relatedPods: Pod[], diff: number): Pod[] {
  const pods = [...filteredPods];
  if (diff < pods.length) {
    const onNode = new Map<string, number>();
    for (const p of relatedPods) {
      if (p.spec?.nodeName && !p.metadata.deletionTimestamp) onNode.set(p.spec.nodeName, (onNode.get(p.spec.nodeName) ?? 0) + 1);
    }
    const ranks = new Map(pods.map((p) => [p, onNode.get(p.spec?.nodeName ?? '') ?? 0]));
    sortActivePods(pods, ranks);
  }
  return pods.slice(0, diff);
}

/** replicaSetAdapter views apps/v1 ReplicaSets through their informer and client. */
export function replicaSetAdapter(informer: GenericInformer<ReplicaSet>, client: Clientset): ReplicaSetAdapter {
  return {
    gvk: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
    addEventHandler: (h) => void informer.informer().addEventHandler(h),
    hasSynced: () => informer.informer().hasSynced(),
    list: (ns) => informer.lister().byNamespace(ns).list(),
    get: (ns, name) => informer.informer().getIndexer().getByKey(`${ns}/${name}`),
    fetch: (ns, name) => client.appsV1().replicaSets(ns).get(name),
    updateStatus: (rs) => client.appsV1().replicaSets(rs.metadata.namespace ?? '').updateStatus(rs),
  };
}

/** newReplicaSetController wires the controller to the shared informers (NewReplicaSetController). */
export function newReplicaSetController(rsInformer: GenericInformer<ReplicaSet>, podInformer: GenericInformer<Pod>, client: Clientset, recorder: EventRecorder, clock: Clock, burstReplicas = BurstReplicas): ReplicaSetController {
  return new ReplicaSetController({ adapter: replicaSetAdapter(rsInformer, client), podInformer, client, recorder, clock, burstReplicas, name: 'replicaset' });
}
