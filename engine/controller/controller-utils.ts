// Mirrors pkg/controller/controller_utils.go: ControllerExpectations (and the UID-tracking variant),
// PodControl (create pods from a template with a controllerRef, delete pods, with events),
// FilterActivePods and the ActivePods deletion order, slowStartBatch, ComputeHash and the pod index
// by controller UID (FilterPodsByOwner). Metrics and logging are left out; durations are
// milliseconds on the injected clock.
import type { OwnerReference, ObjectMeta } from '../apimachinery/apis/meta/v1/types.js';
import type { Pod, PodTemplateSpec } from '../api/core/v1/types.js';
import { deepCopy } from '../apimachinery/api/equality/semantic.js';
import type { Clock } from '../util/clock.js';
import type { Clientset } from '../client/kubernetes/clientset.js';
import type { EventRecorder } from '../client/tools/record/event.js';
import { metaNamespaceKeyFunc } from '../client/tools/cache/store.js';
import { DeletedFinalStateUnknown } from '../client/tools/cache/controller.js';
import type { Indexer, Indexers } from '../client/tools/cache/index.js';
import { safeEncodeString } from '../apimachinery/util/rand/rand.js';
import { isPodReady, podReadyTime } from './pod-util.js';

export { isPodReady, isPodAvailable, getPodReadyCondition } from './pod-util.js';

/** ExpectationsTimeout: expectations older than this are treated as satisfied (5 minutes). */
export const ExpectationsTimeout = 5 * 60 * 1000;
/** SlowStartInitialBatchSize is the first batch of slowStartBatch. */
export const SlowStartInitialBatchSize = 1;

export const FailedCreatePodReason = 'FailedCreate';
export const SuccessfulCreatePodReason = 'SuccessfulCreate';
export const FailedDeletePodReason = 'FailedDelete';
export const SuccessfulDeletePodReason = 'SuccessfulDelete';

type Obj = { apiVersion?: string; kind?: string; metadata: ObjectMeta };

/** keyFunc is the controllers' queue key ("<namespace>/<name>"), tolerant of tombstones. */
export function keyFunc(obj: Obj | DeletedFinalStateUnknown<Obj>): string {
  return obj instanceof DeletedFinalStateUnknown ? obj.key : metaNamespaceKeyFunc(obj);
}

/** ControlleeExpectations track the adds and deletes a controller still waits to see. */
interface ControlleeExpectations {
  add: number;
  del: number;
  timestamp: number;
}

/**
 * ControllerExpectations is a cache of what a controller expects to observe in its informers before
 * it acts again, so a sync that runs before its own creates are visible does not create twice.
 */
export class ControllerExpectations {
  private readonly store = new Map<string, ControlleeExpectations>();
  constructor(protected readonly clock: Clock) {}

  getExpectations(key: string): ControlleeExpectations | undefined {
    return this.store.get(key);
  }

  deleteExpectations(key: string): void {
    this.store.delete(key);
  }

  /** satisfiedExpectations is true when everything expected was seen, the record expired, or none exists. */
  satisfiedExpectations(key: string): boolean {
    const exp = this.store.get(key);
    if (!exp) return true; // a new controller, or one whose expectations were deleted
    if (exp.add <= 0 && exp.del <= 0) return true;
    return this.clock.now() - exp.timestamp > ExpectationsTimeout;
  }

  setExpectations(key: string, add: number, del: number): void {
    this.store.set(key, { add, del, timestamp: this.clock.now() });
  }

  expectCreations(key: string, adds: number): void {
    this.setExpectations(key, adds, 0);
  }

  expectDeletions(key: string, dels: number): void {
    this.setExpectations(key, 0, dels);
  }

  raiseExpectations(key: string, add: number, del: number): void {
    const exp = this.store.get(key);
    if (!exp) return;
    exp.add += add;
    exp.del += del;
  }

  lowerExpectations(key: string, add: number, del: number): void {
    const exp = this.store.get(key);
    if (!exp) return;
    exp.add -= add;
    exp.del -= del;
  }

  creationObserved(key: string): void {
    this.lowerExpectations(key, 1, 0);
  }

  deletionObserved(key: string): void {
    this.lowerExpectations(key, 0, 1);
  }
}

/**
 * UIDTrackingControllerExpectations also remembers which pods it expects to see deleted, so a pod
 * that is both marked for deletion and then removed lowers the count only once.
 */
export class UIDTrackingControllerExpectations extends ControllerExpectations {
  private readonly uidStore = new Map<string, Set<string>>();

  getUIDs(controllerKey: string): Set<string> | undefined {
    return this.uidStore.get(controllerKey);
  }

  expectPodDeletions(rcKey: string, deletedKeys: string[]): void {
    this.uidStore.set(rcKey, new Set(deletedKeys));
    this.expectDeletions(rcKey, deletedKeys.length);
  }

  /** podDeletionObserved records the deletion of podKey if it was expected. */
  podDeletionObserved(rcKey: string, deleteKey: string): void {
    const uids = this.uidStore.get(rcKey);
    if (uids?.has(deleteKey)) {
      this.lowerExpectations(rcKey, 0, 1);
      uids.delete(deleteKey);
    }
  }

  override deleteExpectations(rcKey: string): void {
    super.deleteExpectations(rcKey);
    this.uidStore.delete(rcKey);
  }
}

/** PodControlInterface creates and deletes pods on behalf of a controller (faked in tests). */
export interface PodControlInterface {
  createPods(namespace: string, template: PodTemplateSpec, object: Obj, controllerRef: OwnerReference): Promise<void>;
  deletePod(namespace: string, podID: string, object: Obj): Promise<void>;
}

/** getPodsPrefix is the generateName of a controller's pods: "<controller>-". */
export function getPodsPrefix(controllerName: string): string {
  return `${controllerName}-`;
}

/** getPodFromTemplate builds the pod a controller creates from its template. */
export function getPodFromTemplate(template: PodTemplateSpec, parent: Obj, controllerRef?: OwnerReference): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      labels: { ...(meta.labels ?? {}) },
      annotations: { ...(meta.annotations ?? {}) },
      generateName: getPodsPrefix(parent.metadata.name ?? ''),
      ...(meta.finalizers?.length ? { finalizers: [...meta.finalizers] } : {}),
    },
    spec: deepCopy(template.spec ?? { containers: [] }),
  };
  if (controllerRef) pod.metadata.ownerReferences = [controllerRef];
  return pod;
}

/** RealPodControl talks to the API server and records SuccessfulCreate/SuccessfulDelete events. */
export class RealPodControl implements PodControlInterface {
  constructor(
    private readonly client: Clientset,
    private readonly recorder: EventRecorder,
  ) {}

  async createPods(namespace: string, template: PodTemplateSpec, object: Obj, controllerRef: OwnerReference): Promise<void> {
    const pod = getPodFromTemplate(template, object, controllerRef);
    if (!Object.keys(pod.metadata.labels ?? {}).length) throw new Error('unable to create pods, no labels');
    let created: Pod;
    try {
      created = await this.client.coreV1().pods(namespace).create(pod);
    } catch (err) {
      this.recorder.eventf(object, 'Warning', FailedCreatePodReason, 'Error creating: %v', errMessage(err));
      throw err;
    }
    this.recorder.eventf(object, 'Normal', SuccessfulCreatePodReason, 'Created pod: %v', created.metadata.name);
  }

  async deletePod(namespace: string, podID: string, object: Obj): Promise<void> {
    try {
      await this.client.coreV1().pods(namespace).delete(podID);
    } catch (err) {
      this.recorder.eventf(object, 'Warning', FailedDeletePodReason, 'Error deleting: %v', errMessage(err));
      throw err;
    }
    this.recorder.eventf(object, 'Normal', SuccessfulDeletePodReason, 'Deleted pod: %v', podID);
  }
}

export const errMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** isPodActive: not finished and not being deleted. */
export function isPodActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

export function filterActivePods(pods: Pod[]): Pod[] {
  return pods.filter(isPodActive);
}

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));
const created = (p: Pod) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;

/**
 * activePodsLess orders pods so the ones to delete first come first (ActivePodsWithRanks.Less):
 * unassigned < assigned; Pending < Unknown < Running; not ready < ready; more doubled-up pods on
 * the node < fewer; ready for less time < longer; more restarts < fewer; newer < older.
 */
export function activePodsLess(a: Pod, b: Pod, rankA = 0, rankB = 0): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const pa = phaseRank[a.status?.phase ?? 'Pending'] ?? 0;
  const pb = phaseRank[b.status?.phase ?? 'Pending'] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a);
  if (rankA !== rankB) return rankA > rankB;
  if (isPodReady(a) && isPodReady(b)) {
    const ra = podReadyTime(a);
    const rb = podReadyTime(b);
    if (ra !== rb) return ra > rb;
  }
  if (restarts(a) !== restarts(b)) return restarts(a) > restarts(b);
  if (created(a) !== created(b)) return created(a) > created(b);
  return false;
}

/** sortActivePods sorts in place by activePodsLess (ranks by pod UID, optional). */
export function sortActivePods(pods: Pod[], ranks?: Map<Pod, number>): Pod[] {
  return pods.sort((a, b) => {
    const ra = ranks?.get(a) ?? 0;
    const rb = ranks?.get(b) ?? 0;
    if (activePodsLess(a, b, ra, rb)) return -1;
    if (activePodsLess(b, a, rb, ra)) return 1;
    return 0;
  });
}

/**
 * slowStartBatch calls fn count times in batches of 1, 2, 4, … so a failing create (quota, bad
 * template) fails once rather than hundreds of times. It stops after the first batch with an error
 * and returns how many calls succeeded and that error.
 */
export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batchSize = Math.min(remaining, initialBatchSize); batchSize > 0; batchSize = Math.min(2 * batchSize, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batchSize }, () => fn()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batchSize - failed.length;
    if (failed.length) return { successes, error: failed[0]!.reason };
    remaining -= batchSize;
  }
  return { successes };
}

/** newControllerRef builds the ownerReference a controller puts on what it creates. */
export function newControllerRef(owner: Obj, gvk: { apiVersion: string; kind: string }): OwnerReference {
  return { apiVersion: gvk.apiVersion, kind: gvk.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** getControllerOf returns the ownerReference with controller: true, if any. */
export function getControllerOf(obj: { metadata: ObjectMeta }): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

/** getObjectFromTombstone unwraps a DeletedFinalStateUnknown. */
export function fromTombstone<T>(obj: T | DeletedFinalStateUnknown<T>): T {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}

const fnvOffset32 = 0x811c9dc5;
const fnvPrime32 = 0x01000193;

/** fnv32a hashes bytes with FNV-1a, 32 bits (Go's hash/fnv New32a), continuing from seed. */
export function fnv32a(bytes: Uint8Array, seed = fnvOffset32): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, fnvPrime32) >>> 0;
  }
  return h >>> 0;
}

/**
 * canonicalJSON prints a value with object keys sorted and undefined fields left out, so equal
 * templates hash equally (hashutil.DeepHashObject hashes a spew dump; we hash this instead).
 */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJSON(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * computeHash is ComputeHash: the FNV-32a hash of a pod template (plus the collision count as four
 * little-endian bytes), printed in decimal and safe-encoded — pod-template-hash and
 * controller-revision-hash. Values differ from a real cluster's (see canonicalJSON) but keep their
 * shape and stability.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJSON(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(4);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(extra, h);
  }
  return safeEncodeString(String(h));
}

/** PodControllerUIDIndex names the pod index by the UID of the pod's controllerRef. */
export const PodControllerUIDIndex = 'podControllerUID';
const podControllerUIDIndexOrphanPrefix = 'orphan/';

/** orphanPodIndexKeyForNamespace is the index value of the pods of namespace without a controller. */
export function orphanPodIndexKeyForNamespace(namespace: string): string {
  return podControllerUIDIndexOrphanPrefix + namespace;
}

/**
 * addPodControllerUIDIndexer indexes a pod informer's cache by controllerRef UID (orphans by
 * namespace), once however many controllers ask, so a controller reads its own pods without
 * listing the namespace.
 */
export function addPodControllerUIDIndexer(informer: { getIndexer(): Indexer<Pod>; addIndexers(indexers: Indexers<Pod>): void }): void {
  if (PodControllerUIDIndex in informer.getIndexer().getIndexers()) return;
  informer.addIndexers({
    [PodControllerUIDIndex]: (pod) => {
      const ref = getControllerOf(pod);
      return [ref ? (ref.uid ?? '') : orphanPodIndexKeyForNamespace(pod.metadata.namespace ?? '')];
    },
  });
}

/**
 * filterPodsByOwner returns the pods an owner controls and, with includeOrphanedObjects, the pods of
 * its namespace without a controller (which it may adopt). The objects are the cache's.
 */
export function filterPodsByOwner(podIndexer: Indexer<Pod>, owner: ObjectMeta, ownerKind: string, includeOrphanedObjects: boolean): Pod[] {
  if (!owner.namespace) throw new Error('no owner namespace provided');
  if (!owner.uid) throw new Error('no owner uid provided');
  if (!ownerKind) throw new Error('no owner kind provided');
  const pods = podIndexer.byIndex(PodControllerUIDIndex, owner.uid);
  if (includeOrphanedObjects) for (const p of podIndexer.byIndex(PodControllerUIDIndex, orphanPodIndexKeyForNamespace(owner.namespace))) pods.push(p);
  return pods;
}
