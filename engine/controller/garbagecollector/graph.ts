// Mirrors pkg/controller/garbagecollector/graph.go: a node per object that has owners or is an
// owner, with its identity, its ownerReferences and its dependents. Virtual nodes stand for owners
// only known from a dependent's reference until an informer or the API server confirms them.
import type { OwnerReference } from '../../apimachinery/apis/meta/v1/types.js';

/** ObjectReference identifies an object: an owner reference plus the namespace. */
export interface ObjectReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  namespace: string;
}

export const identityString = (r: ObjectReference) => `[${r.apiVersion}/${r.kind}, namespace: ${r.namespace}, name: ${r.name}, uid: ${r.uid}]`;

export class Node {
  readonly dependents = new Set<Node>();
  owners: OwnerReference[] = [];
  /** beingDeleted: the object has a deletionTimestamp. */
  beingDeleted = false;
  /** deletingDependents: being deleted with the foregroundDeletion finalizer. */
  deletingDependents = false;
  /** virtual: known only from a reference; observed once an informer reports it. */
  virtual = false;
  observed = true;

  constructor(public identity: ObjectReference) {}

  addDependent(n: Node): void {
    this.dependents.add(n);
  }

  deleteDependent(n: Node): void {
    this.dependents.delete(n);
  }

  /** blockingDependents are dependents whose reference to us has blockOwnerDeletion. */
  blockingDependents(): Node[] {
    return [...this.dependents].filter((dep) => dep.owners.some((o) => o.uid === this.identity.uid && o.blockOwnerDeletion));
  }

  /** unblockOwnerReferencesPatch clears blockOwnerDeletion on our references (a strategic merge patch). */
  unblockOwnerReferencesPatch(): unknown {
    const refs = this.owners.filter((o) => o.blockOwnerDeletion).map((o) => ({ uid: o.uid, blockOwnerDeletion: false }));
    return { metadata: { ownerReferences: refs, uid: this.identity.uid } };
  }
}

/** referencesDiffs compares two reference lists by uid (added, removed, changed). */
export function referencesDiffs(old: OwnerReference[], cur: OwnerReference[]) {
  const oldByUID = new Map(old.map((r) => [r.uid, r]));
  const curByUID = new Map(cur.map((r) => [r.uid, r]));
  const added = cur.filter((r) => !oldByUID.has(r.uid));
  const removed = old.filter((r) => !curByUID.has(r.uid));
  const changed: { oldRef: OwnerReference; newRef: OwnerReference }[] = [];
  for (const r of cur) {
    const o = oldByUID.get(r.uid);
    if (o && JSON.stringify(o) !== JSON.stringify(r)) changed.push({ oldRef: o, newRef: r });
  }
  return { added, removed, changed };
}
