// Mirrors pkg/controller/namespace/namespace_controller.go: NamespaceController queues namespaces
// and, for those being deleted, runs the NamespacedResourcesDeleter; when content remains it checks
// again after the deleter's estimate.
import type { Namespace } from '../../api/core/v1/types.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import { ItemExponentialFailureRateLimiter } from '../../client/util/workqueue/default-rate-limiters.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { keyFunc } from '../controller-utils.js';
import { NamespacedResourcesDeleter, ResourcesRemainingError } from './deletion/namespaced-resources-deleter.js';
import { runWhenSynced } from '../worker.js';

export class NamespaceController {
  readonly queue: RateLimitingType<string>;
  readonly deleter: NamespacedResourcesDeleter;
  syncHandler: (key: string) => Promise<void> = (key) => this.syncNamespaceFromKey(key);
  onError: (err: unknown) => void = () => {};

  constructor(
    readonly client: Clientset,
    readonly nsInformer: GenericInformer<Namespace>,
    readonly clock: Clock,
    resyncPeriod = 5 * 60 * 1000,
  ) {
    // Deletion failures back off from 5ms to 60s, as upstream's namespace rate limiter.
    this.queue = newRateLimitingQueue<string>(clock, new ItemExponentialFailureRateLimiter<string>(5, 60_000));
    this.deleter = new NamespacedResourcesDeleter(client);
    nsInformer.informer().addEventHandler(
      {
        onAdd: (ns) => this.enqueueNamespace(ns),
        onUpdate: (_o, n) => this.enqueueNamespace(n),
      },
      resyncPeriod,
    );
  }

  /** enqueueNamespace queues only namespaces being deleted. */
  private enqueueNamespace(ns: Namespace): void {
    if (!ns.metadata.deletionTimestamp) return;
    this.queue.add(keyFunc(ns));
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    return runWhenSynced(workers, this.queue, this.clock, signal, [() => this.nsInformer.informer().hasSynced()], () => this.worker());
  }

  private async worker(): Promise<void> {
    for (;;) {
      const [key, quit] = await this.queue.get();
      if (quit || key === undefined) return;
      try {
        await this.syncHandler(key);
        this.queue.forget(key);
      } catch (err) {
        if (err instanceof ResourcesRemainingError) {
          this.queue.addAfter(key, err.estimate * 1000);
        } else {
          this.onError(err);
          this.queue.addRateLimited(key);
        }
      } finally {
        this.queue.done(key);
      }
    }
  }

  async syncNamespaceFromKey(key: string): Promise<void> {
    const ns = this.nsInformer.informer().getIndexer().getByKey(key);
    if (!ns) return;
    await this.deleter.delete(ns.metadata.name ?? '');
  }
}

/** newNamespaceController mirrors NewNamespaceController. */
export function newNamespaceController(client: Clientset, nsInformer: GenericInformer<Namespace>, clock: Clock, resyncPeriod?: number): NamespaceController {
  return new NamespaceController(client, nsInformer, clock, resyncPeriod);
}
