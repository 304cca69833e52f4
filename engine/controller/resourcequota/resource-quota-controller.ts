// Mirrors pkg/controller/resourcequota/resource_quota_controller.go: syncResourceQuota recomputes a
// quota's status.used (and copies spec.hard into status.hard) from the objects in its namespace;
// changes to pods, services, replication controllers, secrets, config maps and claims requeue the
// quotas of their namespace (the replenishment controller), and a full resync runs periodically.
// Enforcement at admission is the API server's job and is not here.
import type { ResourceQuota } from '../../api/core/v1/types.js';
import { isConflict, isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { ObjectMeta } from '../../apimachinery/apis/meta/v1/types.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { ControllerContext } from '../controller-context.js';
import { fromTombstone, keyFunc } from '../controller-utils.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';
import { claimUsage, maskToHard, objectCount, podMatchesScopes, podUsage, serviceUsage, type Usage } from '../../api/quota/v1/evaluator.js';

export interface ResourceQuotaControllerOptions {
  /** resyncPeriod is --resource-quota-sync-period (ms). */
  resyncPeriod: number;
}

type Obj = { metadata: ObjectMeta };

export class ResourceQuotaController {
  readonly queue: RateLimitingType<string>;
  readonly quotaLister: Lister<ResourceQuota>;
  private readonly listers;
  private readonly synced: (() => boolean)[];
  private readonly resyncPeriod: number;
  /** syncHandler is syncResourceQuotaFromKey; tests may replace it. */
  syncHandler: (key: string) => Promise<void> = (key) => this.syncResourceQuotaFromKey(key);

  constructor(private readonly ctx: ControllerContext<ResourceQuotaControllerOptions>) {
    this.resyncPeriod = ctx.options?.resyncPeriod ?? 5 * 60_000;
    this.queue = newRateLimitingQueue<string>(ctx.clock);
    const core = ctx.informerFactory.core().v1();
    const quotas = core.resourceQuotas();
    this.quotaLister = quotas.lister();
    const informers = {
      pods: core.pods(),
      services: core.services(),
      replicationcontrollers: core.replicationControllers(),
      secrets: core.secrets(),
      configmaps: core.configMaps(),
      persistentvolumeclaims: core.persistentVolumeClaims(),
    };
    this.listers = {
      pods: informers.pods.lister(),
      services: informers.services.lister(),
      replicationcontrollers: informers.replicationcontrollers.lister(),
      secrets: informers.secrets.lister(),
      configmaps: informers.configmaps.lister(),
      persistentvolumeclaims: informers.persistentvolumeclaims.lister(),
    };
    this.synced = [quotas, ...Object.values(informers)].map((i) => () => i.informer().hasSynced());
    quotas.informer().addEventHandler({
      onAdd: (q) => this.queue.add(keyFunc(q)),
      onUpdate: (o, n) => JSON.stringify(o.spec) !== JSON.stringify(n.spec) || JSON.stringify(n.spec?.hard) !== JSON.stringify(n.status?.hard) ? this.queue.add(keyFunc(n)) : undefined,
    });
    const replenish = (o: Obj) => this.enqueueNamespace(o.metadata.namespace ?? '');
    for (const inf of Object.values(informers)) {
      (inf.informer() as { addEventHandler(h: object): unknown }).addEventHandler({
        onAdd: replenish,
        onUpdate: (o: Obj, n: Obj) => o.metadata.resourceVersion !== n.metadata.resourceVersion && replenish(n),
        onDelete: (o: Obj) => replenish(fromTombstone(o)),
      });
    }
  }

  /** enqueueNamespace requeues every quota of a namespace after one of its objects changed. */
  enqueueNamespace(namespace: string): void {
    for (const q of this.quotaLister.byNamespace(namespace).list()) this.queue.add(keyFunc(q));
  }

  /** run waits for the caches, starts the full recalculation every resyncPeriod, then runs workers until signal aborts. */
  run(workers: number, signal: AbortSignal): Promise<void> {
    const resync = async () => {
      while (!signal.aborted) {
        await this.ctx.clock.sleep(this.resyncPeriod);
        for (const q of this.quotaLister.list()) this.queue.add(keyFunc(q));
      }
    };
    return runWhenSynced(workers, this.queue, this.ctx.clock, signal, this.synced, () => this.worker(), { onSynced: () => void resync() });
  }

  async worker(): Promise<void> {
    while (await processNextWorkItem(this.queue, this.syncHandler)) {
      /* keep going */
    }
  }

  async syncResourceQuotaFromKey(key: string): Promise<void> {
    const [ns, name] = key.split('/') as [string, string];
    let quota: ResourceQuota;
    try {
      quota = this.quotaLister.get(ns, name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await this.syncResourceQuota(quota);
  }

  /** calculateUsage adds up what the namespace's objects use of the quota's resources. */
  calculateUsage(quota: ResourceQuota): Usage {
    const ns = quota.metadata.namespace ?? '';
    const scopes = quota.spec?.scopes ?? [];
    const usage: Usage = new Map();
    for (const pod of this.listers.pods.byNamespace(ns).list()) if (podMatchesScopes(pod, scopes)) podUsage(usage, pod);
    // Scoped quotas track pods only.
    if (scopes.length) return usage;
    for (const svc of this.listers.services.byNamespace(ns).list()) serviceUsage(usage, svc);
    for (const pvc of this.listers.persistentvolumeclaims.byNamespace(ns).list()) claimUsage(usage, pvc);
    for (const r of ['replicationcontrollers', 'secrets', 'configmaps'] as const) objectCount(usage, r, this.listers[r].byNamespace(ns).list().length);
    return usage;
  }

  /** syncResourceQuota writes status.hard and status.used when either changed. */
  async syncResourceQuota(quota: ResourceQuota): Promise<void> {
    const hard = { ...(quota.spec?.hard ?? {}) };
    for (const k of Object.keys(hard)) hard[k] = String(hard[k]);
    const used = maskToHard(this.calculateUsage(quota), hard);
    const same = JSON.stringify(sorted(hard)) === JSON.stringify(sorted(quota.status?.hard ?? {})) && JSON.stringify(sorted(used)) === JSON.stringify(sorted(quota.status?.used ?? {}));
    if (same) return;
    const quotas = this.ctx.clientset.coreV1().resourceQuotas(quota.metadata.namespace ?? 'default');
    try {
      await quotas.updateStatus({ ...quota, status: { hard, used } });
    } catch (err) {
      if (!isConflict(err)) throw err;
      const fresh = await quotas.get(quota.metadata.name ?? '');
      await quotas.updateStatus({ ...fresh, status: { hard, used } });
    }
  }
}

function sorted(r: Record<string, unknown>): [string, unknown][] {
  return Object.entries(r).sort(([a], [b]) => a.localeCompare(b));
}

/** newResourceQuotaController is the constructor the controller manager registers as "resourcequota". */
export function newResourceQuotaController(ctx: ControllerContext<ResourceQuotaControllerOptions>): ResourceQuotaController {
  return new ResourceQuotaController(ctx);
}
