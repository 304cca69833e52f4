// Mirrors pkg/controller/deployment/deployment_controller.go: DeploymentController watches
// deployments, replica sets and pods, and syncDeployment drives each deployment through its
// replica sets: claim them, then pause/rollback/scale/rollout (sync.ts, rolling.ts, recreate.ts,
// rollback.ts, progress.ts). Simplified: status writes carry the working copy's fresh
// resourceVersion forward, so one sync does not conflict with itself.
import type { Deployment, ReplicaSet } from '../../api/apps/v1/types.js';
import type { Pod } from '../../api/core/v1/types.js';
import { deepCopy } from '../../apimachinery/api/equality/semantic.js';
import { labelSelectorAsSelector } from '../../apimachinery/apis/meta/v1/helpers.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import type { DeletedFinalStateUnknown } from '../../client/tools/cache/controller.js';
import { splitMetaNamespaceKey } from '../../client/tools/cache/store.js';
import type { EventRecorder } from '../../client/tools/record/event.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { claimObjects, recheckDeletionTimestamp } from '../controller-ref-manager.js';
import { fromTombstone, getControllerOf, keyFunc, newControllerRef } from '../controller-utils.js';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync.js';
import { rolloutRolling } from './rolling.js';
import { rolloutRecreate } from './recreate.js';
import { getRollbackTo, rollback } from './rollback.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';

/** maxRetries: a deployment failing this many syncs in a row is dropped from the queue. */
const maxRetries = 15;
export const controllerKind = { apiVersion: 'apps/v1', kind: 'Deployment' };

export class DeploymentController {
  readonly queue: RateLimitingType<string>;
  /** syncHandler is syncDeployment; tests replace it. */
  syncHandler: (key: string) => Promise<void> = (key) => this.syncDeployment(key);
  onError: (err: unknown) => void = () => {};

  constructor(
    readonly dInformer: GenericInformer<Deployment>,
    readonly rsInformer: GenericInformer<ReplicaSet>,
    readonly podInformer: GenericInformer<Pod>,
    readonly client: Clientset,
    readonly recorder: EventRecorder,
    readonly clock: Clock,
  ) {
    this.queue = newRateLimitingQueue<string>(clock);
    dInformer.informer().addEventHandler({
      onAdd: (d) => this.enqueueDeployment(d),
      onUpdate: (_o, n) => this.enqueueDeployment(n),
      onDelete: (d) => this.queue.add(keyFunc(d)),
    });
    rsInformer.informer().addEventHandler({
      onAdd: (rs) => this.addReplicaSet(rs),
      onUpdate: (o, n) => this.updateReplicaSet(o, n),
      onDelete: (rs) => this.deleteReplicaSet(rs),
    });
    podInformer.informer().addEventHandler({ onDelete: (p) => this.deletePod(p) });
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    const synced = [this.dInformer, this.rsInformer, this.podInformer].map((i) => () => i.informer().hasSynced());
    return runWhenSynced(workers, this.queue, this.clock, signal, synced, () => this.worker());
  }

  private async worker(): Promise<void> {
    while (await this.processNextWorkItem());
  }

  processNextWorkItem(): Promise<boolean> {
    return processNextWorkItem(this.queue, (key) => this.syncHandler(key), { onError: (_key, err) => this.onError(err), maxRetries });
  }

  enqueueDeployment(d: Deployment): void {
    this.queue.add(keyFunc(d));
  }

  enqueueAfter(d: Deployment, ms: number): void {
    this.queue.addAfter(keyFunc(d), ms);
  }

  enqueueRateLimited(d: Deployment): void {
    this.queue.addRateLimited(keyFunc(d));
  }

  private resolveControllerRef(namespace: string, rs: ReplicaSet): Deployment | undefined {
    const ref = getControllerOf(rs);
    if (!ref || ref.kind !== controllerKind.kind) return undefined;
    const d = this.dInformer.informer().getIndexer().getByKey(`${namespace}/${ref.name}`);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** getDeploymentsForReplicaSet finds deployments whose selector matches an orphan replica set. */
  private getDeploymentsForReplicaSet(rs: ReplicaSet): Deployment[] {
    return this.dInformer.lister().byNamespace(rs.metadata.namespace ?? '').list().filter((d) => {
      try {
        const sel = labelSelectorAsSelector(d.spec?.selector);
        return !sel.empty() && sel.matches(rs.metadata.labels ?? {});
      } catch {
        return false;
      }
    });
  }

  private addReplicaSet(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp) return this.deleteReplicaSet(rs);
    if (getControllerOf(rs)) {
      const d = this.resolveControllerRef(rs.metadata.namespace ?? '', rs);
      if (d) this.enqueueDeployment(d);
      return;
    }
    for (const d of this.getDeploymentsForReplicaSet(rs)) this.enqueueDeployment(d);
  }

  private updateReplicaSet(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const oldRef = getControllerOf(old);
    const curRef = getControllerOf(cur);
    if (oldRef && oldRef.uid !== curRef?.uid) {
      const d = this.resolveControllerRef(old.metadata.namespace ?? '', old);
      if (d) this.enqueueDeployment(d);
    }
    if (curRef) {
      const d = this.resolveControllerRef(cur.metadata.namespace ?? '', cur);
      if (d) this.enqueueDeployment(d);
      return;
    }
    for (const d of this.getDeploymentsForReplicaSet(cur)) this.enqueueDeployment(d);
  }

  private deleteReplicaSet(obj: ReplicaSet | DeletedFinalStateUnknown<ReplicaSet>): void {
    const rs = fromTombstone(obj);
    const d = this.resolveControllerRef(rs.metadata.namespace ?? '', rs);
    if (d) this.enqueueDeployment(d);
  }

  /** deletePod wakes a Recreate deployment once the last old pod is gone. */
  private deletePod(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = fromTombstone(obj);
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.rsInformer.informer().getIndexer().getByKey(`${pod.metadata.namespace}/${ref.name}`);
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const d = this.resolveControllerRef(pod.metadata.namespace ?? '', rs);
    if (d && d.spec?.strategy?.type === 'Recreate') this.enqueueDeployment(d);
  }

  /** getReplicaSetsForDeployment claims the replica sets the deployment should own. */
  async getReplicaSetsForDeployment(d: Deployment): Promise<ReplicaSet[]> {
    const ns = d.metadata.namespace ?? '';
    const rsList = this.rsInformer.lister().byNamespace(ns).list();
    return claimObjects(rsList, {
      controller: d,
      controllerRef: newControllerRef(d, controllerKind),
      selector: labelSelectorAsSelector(d.spec?.selector),
      canAdopt: recheckDeletionTimestamp(() => this.client.appsV1().deployments(ns).get(d.metadata.name ?? ''), d, 'Deployment'),
      client: (n) => this.client.appsV1().replicaSets(n),
    });
  }

  /** getPodMapForDeployment groups the deployment's pods by the uid of their replica set. */
  getPodMapForDeployment(d: Deployment, rsList: ReplicaSet[]): Map<string, Pod[]> {
    const selector = labelSelectorAsSelector(d.spec?.selector);
    const pods = this.podInformer.lister().byNamespace(d.metadata.namespace ?? '').list(selector);
    const podMap = new Map<string, Pod[]>(rsList.map((rs) => [rs.metadata.uid ?? '', []]));
    for (const pod of pods) {
      const ref = getControllerOf(pod);
      if (ref && podMap.has(ref.uid)) podMap.get(ref.uid)!.push(pod);
    }
    return podMap;
  }

  /** updateDeploymentStatus writes d's status and keeps d's resourceVersion current. */
  async updateDeploymentStatus(d: Deployment): Promise<Deployment> {
    const updated = await this.client.appsV1().deployments(d.metadata.namespace ?? '').updateStatus(d);
    d.metadata.resourceVersion = updated.metadata.resourceVersion;
    return updated;
  }

  /** syncDeployment reconciles one deployment, from its key. */
  async syncDeployment(key: string): Promise<void> {
    splitMetaNamespaceKey(key); // rejects malformed keys
    const cached = this.dInformer.informer().getIndexer().getByKey(key);
    if (!cached) return; // deleted: the garbage collector removes its replica sets
    const d: Deployment = { ...deepCopy(cached), apiVersion: controllerKind.apiVersion, kind: controllerKind.kind };
    const sel = d.spec?.selector;
    if (sel && !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
      this.recorder.eventf(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        await this.updateDeploymentStatus(d);
      }
      return;
    }
    const rsList = await this.getReplicaSetsForDeployment(d);
    const podMap = this.getPodMapForDeployment(d, rsList);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(this, d, rsList);
    await checkPausedConditions(this, d);
    if (d.spec?.paused) return sync(this, d, rsList);
    if (getRollbackTo(d) !== undefined) return rollback(this, d, rsList);
    if (await isScalingEvent(this, d, rsList)) return sync(this, d, rsList);
    if (d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(this, d, rsList, podMap);
    return rolloutRolling(this, d, rsList);
  }
}

/** newDeploymentController mirrors NewDeploymentController. */
export function newDeploymentController(dInformer: GenericInformer<Deployment>, rsInformer: GenericInformer<ReplicaSet>, podInformer: GenericInformer<Pod>, client: Clientset, recorder: EventRecorder, clock: Clock): DeploymentController {
  return new DeploymentController(dInformer, rsInformer, podInformer, client, recorder, clock);
}
