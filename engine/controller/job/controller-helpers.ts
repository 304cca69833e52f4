// Mirrors the worker half of pkg/controller (the processNextWorkItem loop every controller repeats)
// plus the controller context the manager passes to constructors. Shared by the job, cronjob,
// daemon, statefulset, nodelifecycle, resourcequota and persistentvolume controllers; everything
// else comes from the shared controller-utils module, re-exported here for one import.
import type { ObjectMeta } from '../../apimachinery/apis/meta/v1/types.js';
import type { Pod, PodCondition } from '../../api/core/v1/types.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { SharedInformerFactory } from '../../client/informers/factory.js';
import type { EventRecorder } from '../../client/tools/record/event.js';
import type { RateLimitingInterface } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { safeEncodeString } from '../../apimachinery/util/rand/rand.js';

export {
  ControllerExpectations,
  RealPodControl,
  getPodFromTemplate,
  newControllerRef,
  getControllerOf,
  fromTombstone as unwrap,
  isPodActive,
  isPodReady,
  isPodAvailable,
  errMessage,
} from '../controller-utils.js';

/** ControllerContext is what the controller manager hands every controller constructor. */
export interface ControllerContext<O = Record<string, unknown>> {
  clientset: Clientset;
  informerFactory: SharedInformerFactory;
  clock: Clock;
  recorder: EventRecorder;
  options?: Partial<O>;
}

/**
 * processNextWorkItem takes one key from the queue and runs sync on it, requeueing with back-off
 * on error — the loop body every controller's worker repeats. false means the queue shut down.
 */
export async function processNextWorkItem(queue: RateLimitingInterface<string>, sync: (key: string) => Promise<void>, onError?: (key: string, err: unknown) => void): Promise<boolean> {
  const [key, quit] = await queue.get();
  if (quit || key === undefined) return false;
  try {
    await sync(key);
    queue.forget(key);
  } catch (err) {
    onError?.(key, err);
    queue.addRateLimited(key);
  } finally {
    queue.done(key);
  }
  return true;
}

/** runWorkers starts n workers over queue and shuts the queue down when signal aborts. */
export function runWorkers(n: number, queue: RateLimitingInterface<string>, worker: () => Promise<void>, signal: AbortSignal): Promise<void[]> {
  signal.addEventListener('abort', () => queue.shutDown(), { once: true });
  if (signal.aborted) queue.shutDown();
  return Promise.all(Array.from({ length: n }, () => worker()));
}

/** keyOf is cache.MetaNamespaceKeyFunc for objects. */
export function keyOf(obj: { metadata: ObjectMeta }): string {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name}` : (name ?? '');
}

/** getPodCondition finds a pod condition by type. */
export function getPodCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** now3339 prints the clock's time as a metav1.Time. */
export function now3339(clock: Clock): string {
  return rfc3339(clock.now());
}

/**
 * computeHash mirrors controller.ComputeHash: an FNV-32a hash of the pod template (and the
 * collision count), safe-encoded — the suffix of controller-revision-hash labels.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = 0x811c9dc5;
  const text = JSON.stringify(template) + (collisionCount ? String(collisionCount) : '');
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return safeEncodeString(String(h));
}
