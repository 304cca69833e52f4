// Mirrors pkg/controller/serviceaccount/serviceaccounts_controller.go: every active namespace has
// the service accounts listed in the options ("default"); a deleted one is made again.
import type { Namespace, ServiceAccount } from '../../api/core/v1/types.js';
import { isAlreadyExists } from '../../apimachinery/api/errors/errors.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { fromTombstone } from '../controller-utils.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';

export interface ServiceAccountsControllerOptions {
  /** serviceAccounts to ensure in every namespace (DefaultServiceAccountsControllerOptions: "default"). */
  serviceAccounts?: string[];
}

export class ServiceAccountsController {
  readonly queue: RateLimitingType<string>;
  readonly serviceAccountsToEnsure: string[];
  syncHandler: (key: string) => Promise<void> = (key) => this.syncNamespace(key);
  onError: (err: unknown) => void = () => {};

  constructor(
    readonly saInformer: GenericInformer<ServiceAccount>,
    readonly nsInformer: GenericInformer<Namespace>,
    readonly client: Clientset,
    readonly clock: Clock,
    options: ServiceAccountsControllerOptions = {},
  ) {
    this.serviceAccountsToEnsure = options.serviceAccounts ?? ['default'];
    this.queue = newRateLimitingQueue<string>(clock);
    saInformer.informer().addEventHandler({
      onDelete: (obj) => {
        // A deleted managed account is recreated by syncing its namespace.
        const sa = fromTombstone(obj);
        if (this.serviceAccountsToEnsure.includes(sa.metadata.name ?? '')) this.queue.add(sa.metadata.namespace ?? '');
      },
    });
    nsInformer.informer().addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata.name ?? ''),
      onUpdate: (_o, n) => this.queue.add(n.metadata.name ?? ''),
    });
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    return runWhenSynced(workers, this.queue, this.clock, signal, [() => this.saInformer.informer().hasSynced(), () => this.nsInformer.informer().hasSynced()], () => this.worker());
  }

  private async worker(): Promise<void> {
    while (await processNextWorkItem(this.queue, (key) => this.syncHandler(key), { onError: (_key, err) => this.onError(err) }));
  }

  /** syncNamespace creates the missing managed accounts of an active namespace. */
  async syncNamespace(key: string): Promise<void> {
    const ns = this.nsInformer.informer().getIndexer().getByKey(key);
    if (!ns || ns.status?.phase !== 'Active' || ns.metadata.deletionTimestamp) return;
    for (const name of this.serviceAccountsToEnsure) {
      if (this.saInformer.informer().getIndexer().getByKey(`${key}/${name}`)) continue;
      try {
        await this.client.coreV1().serviceAccounts(key).create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: key } });
      } catch (err) {
        // Created meanwhile (or a Forbidden for a namespace that started terminating): fine.
        if (!isAlreadyExists(err) && !(err instanceof Error && /being terminated/.test(err.message))) throw err;
      }
    }
  }
}

/** newServiceAccountsController mirrors NewServiceAccountsController. */
export function newServiceAccountsController(saInformer: GenericInformer<ServiceAccount>, nsInformer: GenericInformer<Namespace>, client: Clientset, clock: Clock, options?: ServiceAccountsControllerOptions): ServiceAccountsController {
  return new ServiceAccountsController(saInformer, nsInformer, client, clock, options);
}
