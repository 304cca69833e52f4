// Mirrors pkg/controller/garbagecollector/garbagecollector.go: workers take nodes from
// attemptToDelete (delete objects whose owners are all gone or waiting in the foreground; finish a
// foreground deletion once no blocking dependent is left) and attemptToOrphan (strip the owner's
// references from its dependents, then drop the orphan finalizer). Owners are checked against the
// API server, never only the cache.
import type { KubeObject, DeletionPropagation, OwnerReference } from '../../apimachinery/apis/meta/v1/types.js';
import { isConflict, isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { SharedInformerFactory } from '../../client/informers/factory.js';
import { StrategicMergePatchType } from '../../client/rest/client.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { deleteOwnerRefStrategicMergePatch } from '../controller-ref-manager.js';
import { FinalizerDeleteDependents, FinalizerOrphanDependents, GraphBuilder } from './graph-builder.js';
import type { Node, ObjectReference } from './graph.js';
import { restMapping } from './restmapper.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';

export class GarbageCollector {
  readonly attemptToDelete: RateLimitingType<Node>;
  readonly attemptToOrphan: RateLimitingType<Node>;
  readonly dependencyGraphBuilder: GraphBuilder;
  onError: (err: unknown) => void = () => {};

  constructor(
    readonly client: Clientset,
    readonly factory: SharedInformerFactory,
    readonly clock: Clock,
  ) {
    this.attemptToDelete = newRateLimitingQueue<Node>(clock);
    this.attemptToOrphan = newRateLimitingQueue<Node>(clock);
    this.dependencyGraphBuilder = new GraphBuilder(this.attemptToDelete, this.attemptToOrphan);
    this.dependencyGraphBuilder.syncMonitors(factory);
  }

  /** run waits for every monitor to sync, then runs workers of both queues. */
  run(workers: number, signal: AbortSignal): Promise<void> {
    // Each worker is one attemptToDelete worker and one attemptToOrphan worker, as upstream starts both per Run.
    const worker = async () =>
      void (await Promise.all([this.worker(this.attemptToDelete, (n) => this.attemptToDeleteItem(n)), this.worker(this.attemptToOrphan, (n) => this.attemptToOrphanItem(n))]));
    return runWhenSynced(workers, this.attemptToDelete, this.clock, signal, [() => this.dependencyGraphBuilder.isSynced()], worker, { alsoShutDown: [this.attemptToOrphan] });
  }

  private async worker(queue: RateLimitingType<Node>, fn: (n: Node) => Promise<void>): Promise<void> {
    while (await processNextWorkItem(queue, fn, { onError: (_item, err) => this.onError(err) }));
  }

  private clientFor(identity: ObjectReference) {
    const mapping = restMapping(identity.apiVersion, identity.kind);
    if (!mapping) throw new Error(`unable to get REST mapping for ${identity.apiVersion}/${identity.kind}.`);
    return this.client.resource<KubeObject>(mapping.resource, mapping.namespaced ? identity.namespace : undefined);
  }

  private getObject(identity: ObjectReference): Promise<KubeObject> {
    return this.clientFor(identity).get(identity.name);
  }

  private async deleteObject(identity: ObjectReference, policy: DeletionPropagation): Promise<void> {
    try {
      await this.clientFor(identity).delete(identity.name, { preconditions: { uid: identity.uid }, propagationPolicy: policy });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private async patch(identity: ObjectReference, data: unknown): Promise<void> {
    try {
      await this.clientFor(identity).patch(identity.name, StrategicMergePatchType, data);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** attemptToDeleteItem decides, from the owners' live state, whether item must go. */
  async attemptToDeleteItem(item: Node): Promise<void> {
    // Already on its way out, and not waiting for dependents: wait for the delete event.
    if (item.beingDeleted && !item.deletingDependents) return;
    let latest: KubeObject;
    try {
      latest = await this.getObject(item.identity);
    } catch (err) {
      if (isNotFound(err)) {
        this.dependencyGraphBuilder.enqueueVirtualDeleteEvent(item.identity);
        return;
      }
      throw err;
    }
    if (latest.metadata.uid !== item.identity.uid) {
      this.dependencyGraphBuilder.enqueueVirtualDeleteEvent(item.identity);
      return;
    }
    if (item.deletingDependents) return this.processDeletingDependentsItem(item);
    const ownerReferences = latest.metadata.ownerReferences ?? [];
    if (!ownerReferences.length) return;
    const { solid, dangling, waiting } = await this.classifyReferences(item, ownerReferences);
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // Another owner keeps it alive: just drop the references to the gone or going ones.
      const uids = [...dangling, ...waiting].map((r) => r.uid);
      await this.patch(item.identity, deleteOwnerRefStrategicMergePatch(item.identity.uid, ...uids));
      return;
    }
    if (waiting.length && item.dependents.size) {
      for (const dep of item.dependents) {
        if (dep.deletingDependents) {
          // A cycle of foreground deletions would wait forever: stop blocking our owners.
          await this.patch(item.identity, item.unblockOwnerReferencesPatch());
          break;
        }
      }
      return this.deleteObject(item.identity, 'Foreground');
    }
    const fin = latest.metadata.finalizers ?? [];
    const policy: DeletionPropagation = fin.includes(FinalizerOrphanDependents) ? 'Orphan' : fin.includes(FinalizerDeleteDependents) ? 'Foreground' : 'Background';
    return this.deleteObject(item.identity, policy);
  }

  /** classifyReferences sorts owner references into solid, dangling and waiting-for-dependents. */
  private async classifyReferences(item: Node, refs: OwnerReference[]) {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const { isDangling, owner } = await this.isDangling(ref, item);
      if (isDangling) dangling.push(ref);
      else if (owner?.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FinalizerDeleteDependents)) waiting.push(ref);
      else solid.push(ref);
    }
    return { solid, dangling, waiting };
  }

  private async isDangling(ref: OwnerReference, item: Node): Promise<{ isDangling: boolean; owner?: KubeObject }> {
    if (this.dependencyGraphBuilder.absentOwnerCache.has(ref.uid)) return { isDangling: true };
    const identity: ObjectReference = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace: item.identity.namespace };
    let owner: KubeObject;
    try {
      owner = await this.getObject(identity);
    } catch (err) {
      if (isNotFound(err)) {
        this.dependencyGraphBuilder.absentOwnerCache.add(ref.uid);
        return { isDangling: true };
      }
      throw err;
    }
    if (owner.metadata.uid !== ref.uid) {
      this.dependencyGraphBuilder.absentOwnerCache.add(ref.uid);
      return { isDangling: true };
    }
    return { isDangling: false, owner };
  }

  /** processDeletingDependentsItem finishes a foreground deletion once nothing blocks it. */
  private async processDeletingDependentsItem(item: Node): Promise<void> {
    const blocking = item.blockingDependents();
    if (!blocking.length) return this.removeFinalizer(item, FinalizerDeleteDependents);
    for (const dep of blocking) if (!dep.deletingDependents) this.attemptToDelete.add(dep);
  }

  /** attemptToOrphanItem removes owner's references from its dependents, then its orphan finalizer. */
  async attemptToOrphanItem(owner: Node): Promise<void> {
    const results = await Promise.allSettled(
      [...owner.dependents].map((dep) => this.patch(dep.identity, deleteOwnerRefStrategicMergePatch(dep.identity.uid, owner.identity.uid))),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await this.removeFinalizer(owner, FinalizerOrphanDependents);
  }

  /** removeFinalizer drops one finalizer, retrying on conflicts. */
  private async removeFinalizer(owner: Node, target: string): Promise<void> {
    const client = this.clientFor(owner.identity);
    for (let i = 0; i < 5; i++) {
      let obj: KubeObject;
      try {
        obj = await client.get(owner.identity.name);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      if (obj.metadata.uid !== owner.identity.uid) return;
      const fin = obj.metadata.finalizers ?? [];
      if (!fin.includes(target)) return;
      obj.metadata.finalizers = fin.filter((f) => f !== target);
      try {
        await client.update(obj);
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err)) throw err;
      }
    }
    throw new Error(`failed to remove finalizer ${target} from ${owner.identity.kind} ${owner.identity.name}`);
  }
}

/** newGarbageCollector mirrors NewGarbageCollector. */
export function newGarbageCollector(client: Clientset, factory: SharedInformerFactory, clock: Clock): GarbageCollector {
  return new GarbageCollector(client, factory, clock);
}
