// Mirrors pkg/controller/service (cloud-provider's service controller: syncService,
// ensureLoadBalancer, patchStatus) with a lab "cloud": LoadBalancer services get an address from a
// configured pool, written to status.loadBalancer.ingress through the services/status subresource.
// Services that stop being LoadBalancers (or are deleted) give their address back.
import type { Service } from '../../api/core/v1/types.js';
import type { SharedInformerFactory } from '../../client/informers/factory.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import { DeletedFinalStateUnknown } from '../../client/tools/cache/controller.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { IPPool } from './ip-pool.js';

export interface LoadBalancerControllerOptions {
  client: Clientset;
  factory: SharedInformerFactory;
  clock: Clock;
  /** pool lists the addresses to hand out (CIDRs and first-last ranges, comma separated). */
  pool: string;
  onError?: (err: unknown) => void;
}

const keyOf = (svc: Service) => `${svc.metadata.namespace}/${svc.metadata.name}`;

export class LoadBalancerController {
  readonly pool: IPPool;
  private readonly queue: RateLimitingType<string>;
  private readonly client: Clientset;
  private readonly lister;
  private readonly informer;
  private readonly onError: (err: unknown) => void;
  /** syncHandler is injectable for tests, as upstream's. */
  syncHandler: (key: string) => Promise<void> = (key) => this.syncService(key);

  constructor(options: LoadBalancerControllerOptions) {
    this.pool = new IPPool(options.pool);
    this.client = options.client;
    this.queue = newRateLimitingQueue<string>(options.clock);
    this.onError = options.onError ?? ((err) => console.error(err));
    const services = options.factory.core().v1().services();
    this.lister = services.lister();
    this.informer = services.informer();
    this.informer.addEventHandler({
      onAdd: (svc) => this.enqueue(svc),
      onUpdate: (_old, svc) => this.enqueue(svc),
      onDelete: (obj) => {
        const svc = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
        this.pool.release(keyOf(svc));
      },
    });
  }

  private enqueue(svc: Service): void {
    // Addresses already in status survive restarts: claim them before anyone else asks.
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && svc.spec?.type === 'LoadBalancer') this.pool.claim(keyOf(svc), ing.ip);
    this.queue.add(keyOf(svc));
  }

  /** run processes the queue until signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.queue.shutDown(), { once: true });
    while (await this.processNextWorkItem());
  }

  private async processNextWorkItem(): Promise<boolean> {
    const [key, shutdown] = await this.queue.get();
    if (shutdown || key === undefined) return false;
    try {
      await this.syncHandler(key);
      this.queue.forget(key);
    } catch (err) {
      this.onError(err);
      this.queue.addRateLimited(key);
    } finally {
      this.queue.done(key);
    }
    return true;
  }

  // #region syncService
  async syncService(key: string): Promise<void> {
    const [namespace, name] = key.split('/');
    let svc: Service;
    try {
      svc = this.lister.get(namespace, name);
    } catch {
      this.pool.release(key);
      return;
    }
    const current = svc.status?.loadBalancer?.ingress ?? [];
    if (svc.spec?.type !== 'LoadBalancer') {
      this.pool.release(key);
      if (current.length) await this.patchStatus(svc, []);
      return;
    }
    const ip = this.pool.allocate(key, svc.spec.loadBalancerIP || undefined);
    if (!ip) throw new Error(`failed to allocate a load balancer address for ${key}: ${svc.spec.loadBalancerIP ? `${svc.spec.loadBalancerIP} is not available` : 'pool exhausted'}`);
    if (current.length === 1 && current[0].ip === ip) return;
    await this.patchStatus(svc, [{ ip, ipMode: 'VIP' }]);
  }
  // #endregion syncService

  private async patchStatus(svc: Service, ingress: { ip: string; ipMode: 'VIP' }[]): Promise<void> {
    // A merge patch removes a field only when told null.
    const status = { loadBalancer: { ingress: ingress.length ? ingress : null } };
    await this.client.coreV1().services(svc.metadata.namespace ?? '').patch(svc.metadata.name ?? '', 'application/merge-patch+json', { status }, undefined, 'status');
  }
}
