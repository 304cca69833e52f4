// Mirrors the worker half every controller in pkg/controller writes out (replica_set.go's worker and
// processNextWorkItem, Run's "go wait.Until(worker)"): take a key, run syncHandler, forget it on
// success or requeue it with back-off on error. Kept once here; controllers keep the names.
import type { RateLimitingInterface } from '../client/util/workqueue/rate-limiting-queue.js';
import { waitForCacheSync } from '../client/tools/cache/shared-informer.js';
import type { Clock } from '../util/clock.js';

export interface WorkItemOptions<T = string> {
  /** onError sees every sync error (the controllers' utilruntime.HandleError). */
  onError?: (key: T, err: unknown) => void;
  /** maxRetries drops a key after that many requeues (the endpoints controller's maxRetries). */
  maxRetries?: number;
}

/**
 * processNextWorkItem takes one key from the queue and runs sync on it, requeueing with back-off on
 * error. false means the queue shut down and the worker should return.
 */
export async function processNextWorkItem<T = string>(queue: RateLimitingInterface<T>, sync: (key: T) => Promise<void>, options: WorkItemOptions<T> = {}): Promise<boolean> {
  const [key, quit] = await queue.get();
  if (quit || key === undefined) return false;
  try {
    await sync(key);
    queue.forget(key);
  } catch (err) {
    options.onError?.(key, err);
    if (options.maxRetries === undefined || queue.numRequeues(key) < options.maxRetries) queue.addRateLimited(key);
    else queue.forget(key);
  } finally {
    queue.done(key);
  }
  return true;
}

/** RunOptions are what a Run body does beyond one queue and its workers. */
export interface RunOptions {
  /** alsoShutDown lists further queues the controller's workers drain (the PV binder's claim queue). */
  alsoShutDown?: { shutDown(): void }[];
  /** onSynced runs once the caches have synced, before the workers start (Run's `go wait.Until(resync)`). */
  onSynced?: () => void;
}

/**
 * runWhenSynced is the body of every controller's Run: shut the queues down when signal aborts (even
 * while caches are still syncing), wait for the informers' caches, then run n workers until the queue
 * shuts down. Returns early when the caches never sync (signal aborted first).
 */
export async function runWhenSynced<T>(
  n: number,
  queue: RateLimitingInterface<T>,
  clock: Clock,
  signal: AbortSignal,
  synced: (() => boolean)[],
  worker: () => Promise<void>,
  options: RunOptions = {},
): Promise<void> {
  const shutDown = () => {
    queue.shutDown();
    for (const q of options.alsoShutDown ?? []) q.shutDown();
  };
  signal.addEventListener('abort', shutDown, { once: true });
  if (signal.aborted) shutDown();
  if (!(await waitForCacheSync(clock, signal, ...synced))) return;
  options.onSynced?.();
  await Promise.all(Array.from({ length: n }, () => worker()));
}
