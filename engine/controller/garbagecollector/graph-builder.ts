// Mirrors pkg/controller/garbagecollector/graph_builder.go: monitors (one shared informer per
// resource that can have owners) feed the dependency graph; changes that matter queue work for the
// collector — dependents of a deleted owner, owners starting foreground or orphan deletion.
// Simplified: handlers apply graph changes at once (JS handlers run one at a time) instead of
// through a graphChanges queue; virtual delete events are applied the same way.
import type { KubeObject, ObjectMeta, OwnerReference } from '../../apimachinery/apis/meta/v1/types.js';
import type { SharedInformerFactory } from '../../client/informers/factory.js';
import type { DeletedFinalStateUnknown } from '../../client/tools/cache/controller.js';
import type { RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import { fromTombstone } from '../controller-utils.js';
import { Node, referencesDiffs, type ObjectReference } from './graph.js';
import { monitoredResources } from './restmapper.js';

export const FinalizerOrphanDependents = 'orphan';
export const FinalizerDeleteDependents = 'foregroundDeletion';

type Obj = { metadata: ObjectMeta };

const hasFinalizer = (o: Obj | undefined, f: string) => !!o?.metadata.finalizers?.includes(f);
const beingDeleted = (o: Obj) => !!o.metadata.deletionTimestamp;

/** deletionStartsWithFinalizer: obj is now being deleted with finalizer f, and was not before. */
function deletionStartsWithFinalizer(old: Obj | undefined, cur: Obj, f: string): boolean {
  if (!beingDeleted(cur) || !hasFinalizer(cur, f)) return false;
  return !old || !beingDeleted(old) || !hasFinalizer(old, f);
}

export class GraphBuilder {
  readonly uidToNode = new Map<string, Node>();
  /** absentOwnerCache remembers owners confirmed gone, sparing API lookups. */
  readonly absentOwnerCache = new Set<string>();
  private readonly synced: (() => boolean)[] = [];

  constructor(
    readonly attemptToDelete: RateLimitingType<Node>,
    readonly attemptToOrphan: RateLimitingType<Node>,
  ) {}

  /** startMonitors adds a handler to each monitored resource's shared informer. */
  syncMonitors(factory: SharedInformerFactory): void {
    for (const { apiVersion, kind, mapping } of monitoredResources()) {
      const informer = factory.forResource<KubeObject>(mapping.resource).informer();
      const identity = (o: Obj): ObjectReference => ({ apiVersion, kind, name: o.metadata.name ?? '', uid: o.metadata.uid ?? '', namespace: o.metadata.namespace ?? '' });
      informer.addEventHandler({
        onAdd: (o) => this.processEvent('add', identity(o), o, undefined),
        onUpdate: (old, cur) => this.processEvent('update', identity(cur), cur, old),
        onDelete: (o: KubeObject | DeletedFinalStateUnknown<KubeObject>) => {
          const obj = fromTombstone(o);
          this.processEvent('delete', identity(obj), obj, undefined);
        },
      });
      this.synced.push(() => informer.hasSynced());
    }
  }

  isSynced(): boolean {
    return this.synced.every((s) => s());
  }

  /** processEvent is processGraphChanges for one event. */
  processEvent(type: 'add' | 'update' | 'delete', identity: ObjectReference, obj: Obj, oldObj: Obj | undefined, virtual = false): void {
    let existing = this.uidToNode.get(identity.uid);
    if (existing && !existing.observed && !virtual) {
      // The first real sighting of a virtual node fixes its identity.
      if (JSON.stringify(existing.identity) !== JSON.stringify(identity)) {
        for (const dep of existing.dependents) this.attemptToDelete.add(dep);
        existing.identity = identity;
      }
      existing.observed = true;
      existing.virtual = false;
    }
    const owners = obj.metadata.ownerReferences ?? [];
    if (type !== 'delete') {
      if (!existing) {
        const n = new Node(identity);
        n.owners = owners;
        n.beingDeleted = beingDeleted(obj);
        n.deletingDependents = n.beingDeleted && hasFinalizer(obj, FinalizerDeleteDependents);
        this.insertNode(n);
        this.processTransitions(oldObj, obj, n);
        return;
      }
      const { added, removed, changed } = referencesDiffs(existing.owners, owners);
      if (added.length || removed.length || changed.length) {
        // Owners waiting on this dependent may now go ahead.
        this.addUnblockedOwnersToDeleteQueue(removed, changed);
        existing.owners = owners;
        this.addDependentToOwners(existing, added);
        this.removeDependentFromOwners(existing, removed);
      }
      if (beingDeleted(obj)) existing.beingDeleted = true;
      this.processTransitions(oldObj, obj, existing);
      return;
    }
    if (!existing) return;
    if (virtual && existing.observed && existing.identity.uid !== identity.uid) return;
    this.removeNode(existing);
    if (existing.dependents.size) this.absentOwnerCache.add(identity.uid);
    for (const dep of existing.dependents) this.attemptToDelete.add(dep);
    for (const owner of existing.owners) {
      const ownerNode = this.uidToNode.get(owner.uid);
      // An owner deleting in the foreground may be waiting for exactly this dependent.
      if (ownerNode?.deletingDependents) this.attemptToDelete.add(ownerNode);
    }
  }

  /** enqueueVirtualDeleteEvent removes a node the API server says does not exist. */
  enqueueVirtualDeleteEvent(identity: ObjectReference): void {
    this.processEvent('delete', identity, { metadata: { name: identity.name, namespace: identity.namespace, uid: identity.uid } }, undefined, true);
  }

  private processTransitions(oldObj: Obj | undefined, obj: Obj, n: Node): void {
    if (deletionStartsWithFinalizer(oldObj, obj, FinalizerOrphanDependents)) {
      this.attemptToOrphan.add(n);
      return;
    }
    if (deletionStartsWithFinalizer(oldObj, obj, FinalizerDeleteDependents)) {
      n.deletingDependents = true;
      for (const dep of n.dependents) this.attemptToDelete.add(dep);
      this.attemptToDelete.add(n);
    }
  }

  private insertNode(n: Node): void {
    this.uidToNode.set(n.identity.uid, n);
    this.addDependentToOwners(n, n.owners);
  }

  private removeNode(n: Node): void {
    this.uidToNode.delete(n.identity.uid);
    this.removeDependentFromOwners(n, n.owners);
  }

  /** addDependentToOwners links n under its owners, creating virtual owners to be verified. */
  private addDependentToOwners(n: Node, owners: OwnerReference[]): void {
    for (const owner of owners) {
      let ownerNode = this.uidToNode.get(owner.uid);
      if (!ownerNode) {
        ownerNode = new Node({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, namespace: n.identity.namespace });
        ownerNode.virtual = true;
        ownerNode.observed = false;
        this.uidToNode.set(owner.uid, ownerNode);
        ownerNode.addDependent(n);
        this.attemptToDelete.add(ownerNode);
        continue;
      }
      ownerNode.addDependent(n);
    }
  }

  private removeDependentFromOwners(n: Node, owners: OwnerReference[]): void {
    for (const owner of owners) this.uidToNode.get(owner.uid)?.deleteDependent(n);
  }

  private addUnblockedOwnersToDeleteQueue(removed: OwnerReference[], changed: { oldRef: OwnerReference; newRef: OwnerReference }[]): void {
    for (const ref of removed) {
      const node = ref.blockOwnerDeletion ? this.uidToNode.get(ref.uid) : undefined;
      if (node) this.attemptToDelete.add(node);
    }
    for (const { oldRef, newRef } of changed) {
      const node = oldRef.blockOwnerDeletion && !newRef.blockOwnerDeletion ? this.uidToNode.get(newRef.uid) : undefined;
      if (node) this.attemptToDelete.add(node);
    }
  }
}
