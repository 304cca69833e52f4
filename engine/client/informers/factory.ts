// Mirrors k8s.io/client-go/informers/factory.go: SharedInformerFactory hands out one shared informer
// per resource, so every controller in a process shares one watch and one cache per resource;
// start() runs the ones not yet running and waitForCacheSync() waits for their first lists. The
// generated Core().V1().Pods() accessors become core().v1().pods() over forResource().
import type { ObjectMeta } from '../../apimachinery/apis/meta/v1/types.js';
import type { GroupVersionResource } from '../../apimachinery/runtime/schema/group-version.js';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../../api/apps/v1/types.js';
import type { CronJob, Job } from '../../api/batch/v1/types.js';
import type {
  ConfigMap,
  Endpoints,
  Event,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ReplicationController,
  ResourceQuota,
  Secret,
  Service,
  ServiceAccount,
} from '../../api/core/v1/types.js';
import type { Clock } from '../../util/clock.js';
import type { Clientset } from '../kubernetes/clientset.js';
import { newFilteredListWatchFromClient, type TweakListOptionsFunc } from '../tools/cache/listwatch.js';
import { Lister } from '../tools/cache/listers.js';
import { namespaceIndexers } from '../tools/cache/store.js';
import { SharedIndexInformer, waitForCacheSync } from '../tools/cache/shared-informer.js';
import { gvr, isNamespaced, type GenericInformer } from './generic.js';

type Obj = { metadata: ObjectMeta };

export interface SharedInformerFactoryOptions {
  clock: Clock;
  /** defaultResync is every informer's resync period (ms, 0 = none). */
  defaultResync?: number;
  /** namespace limits namespaced informers to one namespace (WithNamespace). */
  namespace?: string;
  /** tweakListOptions narrows every list and watch (WithTweakListOptions). */
  tweakListOptions?: TweakListOptionsFunc;
}

export class SharedInformerFactory {
  private readonly informers = new Map<string, SharedIndexInformer<Obj>>();
  private readonly startedInformers = new Set<string>();
  private readonly running: Promise<void>[] = [];
  private readonly controller = new AbortController();

  constructor(
    readonly client: Clientset,
    readonly options: SharedInformerFactoryOptions,
  ) {}

  /** forResource returns the shared informer and lister of any resource (ForResource). */
  forResource<T extends Obj>(resource: GroupVersionResource): GenericInformer<T> {
    const key = `${resource.group}/${resource.version}/${resource.resource}`;
    let informer = this.informers.get(key) as SharedIndexInformer<T> | undefined;
    if (!informer) {
      const namespace = isNamespaced(resource) ? (this.options.namespace ?? '') : undefined;
      const client = this.client.resource<T>(resource, namespace);
      informer = new SharedIndexInformer<T>(newFilteredListWatchFromClient(client, this.options.tweakListOptions), {
        clock: this.options.clock,
        resyncPeriod: this.options.defaultResync ?? 0,
        indexers: namespaceIndexers<T>(),
        name: key,
      });
      this.informers.set(key, informer as unknown as SharedIndexInformer<Obj>);
    }
    const lister = new Lister<T>(informer.getIndexer(), { group: resource.group, resource: resource.resource });
    const shared = informer;
    return { informer: () => shared, lister: () => lister };
  }

  /** start runs every informer requested so far that is not running yet; signal stops them. */
  start(signal: AbortSignal): void {
    const stop = () => this.controller.abort();
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    for (const [key, informer] of this.informers) {
      if (this.startedInformers.has(key)) continue;
      this.startedInformers.add(key);
      this.running.push(informer.run(this.controller.signal));
    }
  }

  /** waitForCacheSync waits until every started informer has synced; the map says which did. */
  async waitForCacheSync(signal: AbortSignal): Promise<Map<string, boolean>> {
    const started = [...this.informers].filter(([key]) => this.startedInformers.has(key));
    await waitForCacheSync(this.options.clock, signal, ...started.map(([, inf]) => () => inf.hasSynced()));
    return new Map(started.map(([key, inf]) => [key, inf.hasSynced()]));
  }

  /** shutdown stops every informer and waits for them to finish. */
  async shutdown(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.running);
  }

  core() {
    const of = <T extends Obj>(resource: string) => () => this.forResource<T>(gvr('', 'v1', resource));
    return {
      v1: () => ({
        pods: of<Pod>('pods'),
        services: of<Service>('services'),
        endpoints: of<Endpoints>('endpoints'),
        nodes: of<Node>('nodes'),
        namespaces: of<Namespace>('namespaces'),
        configMaps: of<ConfigMap>('configmaps'),
        secrets: of<Secret>('secrets'),
        serviceAccounts: of<ServiceAccount>('serviceaccounts'),
        events: of<Event>('events'),
        replicationControllers: of<ReplicationController>('replicationcontrollers'),
        persistentVolumes: of<PersistentVolume>('persistentvolumes'),
        persistentVolumeClaims: of<PersistentVolumeClaim>('persistentvolumeclaims'),
        resourceQuotas: of<ResourceQuota>('resourcequotas'),
      }),
    };
  }

  apps() {
    const of = <T extends Obj>(resource: string) => () => this.forResource<T>(gvr('apps', 'v1', resource));
    return {
      v1: () => ({
        deployments: of<Deployment>('deployments'),
        replicaSets: of<ReplicaSet>('replicasets'),
        daemonSets: of<DaemonSet>('daemonsets'),
        statefulSets: of<StatefulSet>('statefulsets'),
      }),
    };
  }

  batch() {
    const of = <T extends Obj>(resource: string) => () => this.forResource<T>(gvr('batch', 'v1', resource));
    return { v1: () => ({ jobs: of<Job>('jobs'), cronJobs: of<CronJob>('cronjobs') }) };
  }
}

/** newSharedInformerFactory mirrors informers.NewSharedInformerFactory. */
export function newSharedInformerFactory(client: Clientset, clock: Clock, defaultResync = 0): SharedInformerFactory {
  return new SharedInformerFactory(client, { clock, defaultResync });
}
