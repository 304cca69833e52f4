// Mirrors pkg/controller/endpointslice/endpointslice_controller.go: every Service with a selector
// gets EndpointSlices (discovery.k8s.io/v1) listing its pods, at most --max-endpoints-per-slice
// (default 100) endpoints each, so a change of one pod rewrites one small slice instead of one
// Endpoints object listing them all. Pod-driven syncs wait --endpointslice-updates-batch-period.
// Leaves out topology-aware hints, the trigger-time annotation and metrics.
import type { Node, Pod, Service } from '../../api/core/v1/types.js';
import { ControllerName, LabelManagedBy, LabelServiceName, type EndpointSlice } from '../../api/discovery/v1/types.js';
import { selectorFromSet } from '../../apimachinery/labels/selector.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { DeletedFinalStateUnknown } from '../../client/tools/cache/controller.js';
import { splitMetaNamespaceKey } from '../../client/tools/cache/store.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { fromTombstone, keyFunc } from '../controller-utils.js';
import { getPodServiceMemberships, getServicesToUpdateOnPodChange } from '../endpoint/pod-services.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';
import { EndpointSliceTracker } from './endpointslice-tracker.js';
import { Reconciler } from './reconciler.js';

/** maxRetries is how many times a service is retried before it is dropped from the queue. */
const maxRetries = 15;
/** defaultMaxEndpointsPerSlice is --max-endpoints-per-slice's default. */
export const defaultMaxEndpointsPerSlice = 100;
/** endpointSliceChangeMinSyncDelay (ms) is the least wait before a slice change queues its service. */
const endpointSliceChangeMinSyncDelay = 1000;

export interface EndpointSliceControllerOptions {
  maxEndpointsPerSlice?: number;
  /** endpointUpdatesBatchPeriod (ms) is --endpointslice-updates-batch-period. */
  endpointUpdatesBatchPeriod?: number;
}

export class EndpointSliceController {
  readonly queue: RateLimitingType<string>;
  readonly tracker = new EndpointSliceTracker();
  readonly reconciler: Reconciler;
  readonly maxEndpointsPerSlice: number;
  endpointUpdatesBatchPeriod: number;
  onError: (err: unknown) => void = () => {};

  constructor(
    readonly podInformer: GenericInformer<Pod>,
    readonly serviceInformer: GenericInformer<Service>,
    readonly nodeInformer: GenericInformer<Node>,
    readonly endpointSliceInformer: GenericInformer<EndpointSlice>,
    readonly client: Clientset,
    readonly clock: Clock,
    options: EndpointSliceControllerOptions = {},
  ) {
    this.maxEndpointsPerSlice = options.maxEndpointsPerSlice ?? defaultMaxEndpointsPerSlice;
    this.endpointUpdatesBatchPeriod = options.endpointUpdatesBatchPeriod ?? 0;
    this.queue = newRateLimitingQueue<string>(clock);
    const nodes = nodeInformer.informer().getIndexer();
    this.reconciler = new Reconciler({ client, tracker: this.tracker, maxEndpointsPerSlice: this.maxEndpointsPerSlice, nodeByName: (name) => nodes.getByKey(name) });
    serviceInformer.informer().addEventHandler({
      onAdd: (s) => this.queue.add(keyFunc(s)),
      onUpdate: (_o, n) => this.queue.add(keyFunc(n)),
      onDelete: (s) => this.queue.add(keyFunc(s)),
    });
    podInformer.informer().addEventHandler({
      onAdd: (p) => this.addPod(p),
      onUpdate: (o, n) => this.updatePod(o, n),
      onDelete: (p) => this.addPod(fromTombstone(p)),
    });
    endpointSliceInformer.informer().addEventHandler({
      onAdd: (s) => this.onEndpointSliceAdd(s),
      onUpdate: (o, n) => this.onEndpointSliceUpdate(o, n),
      onDelete: (s) => this.onEndpointSliceDelete(s),
    });
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    const synced = [this.podInformer, this.serviceInformer, this.nodeInformer, this.endpointSliceInformer].map((i) => () => i.informer().hasSynced());
    return runWhenSynced(workers, this.queue, this.clock, signal, synced, () => this.worker());
  }

  private async worker(): Promise<void> {
    while (await this.processNextWorkItem());
  }

  processNextWorkItem(): Promise<boolean> {
    return processNextWorkItem(this.queue, (key) => this.syncService(key), { onError: (_key, err) => this.onError(err), maxRetries });
  }

  /** syncService reconciles one service's slices from the caches. */
  async syncService(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const service = this.serviceInformer.informer().getIndexer().getByKey(key);
    if (!service) {
      // Its slices are the garbage collector's now (they are owned by the service).
      this.tracker.deleteService(namespace, name);
      return;
    }
    // ExternalName services have no endpoints; services without a selector get slices written by others.
    if (service.spec?.type === 'ExternalName' || !service.spec?.selector) return;
    const pods = this.podInformer.lister().byNamespace(namespace).list(selectorFromSet(service.spec.selector));
    const selector = selectorFromSet({ [LabelServiceName]: name, [LabelManagedBy]: this.reconciler.controllerName });
    // Slices being deleted are as good as gone.
    const slices = this.endpointSliceInformer.lister().byNamespace(namespace).list(selector).filter((s) => !s.metadata.deletionTimestamp);
    if (this.tracker.staleSlices(namespace, name, slices)) throw new Error('EndpointSlice informer cache is out of date');
    await this.reconciler.reconcile(service, pods, slices);
  }

  private enqueueForPod(key: string): void {
    if (this.endpointUpdatesBatchPeriod > 0) this.queue.addAfter(key, this.endpointUpdatesBatchPeriod);
    else this.queue.add(key);
  }

  private addPod(pod: Pod): void {
    for (const key of getPodServiceMemberships(this.serviceInformer.lister(), pod)) this.enqueueForPod(key);
  }

  private updatePod(old: Pod, cur: Pod): void {
    for (const key of getServicesToUpdateOnPodChange(this.serviceInformer.lister(), old, cur)) this.enqueueForPod(key);
  }

  /** queueServiceForSlice queues the service a managed slice belongs to. */
  private queueServiceForSlice(slice: EndpointSlice): void {
    const name = slice.metadata.labels?.[LabelServiceName];
    if (!name) return;
    this.queue.addAfter(`${slice.metadata.namespace ?? ''}/${name}`, Math.max(endpointSliceChangeMinSyncDelay, this.endpointUpdatesBatchPeriod));
  }

  private managed(slice: EndpointSlice): boolean {
    return slice.metadata.labels?.[LabelManagedBy] === this.reconciler.controllerName;
  }

  private onEndpointSliceAdd(slice: EndpointSlice): void {
    if (this.managed(slice) && this.tracker.shouldSync(slice)) this.queueServiceForSlice(slice);
  }

  /** onEndpointSliceUpdate: a slice changed by someone else, or taken over or given away, is put right. */
  private onEndpointSliceUpdate(old: EndpointSlice, cur: EndpointSlice): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    if (!this.managed(old) && !this.managed(cur)) return;
    const oldService = old.metadata.labels?.[LabelServiceName];
    const curService = cur.metadata.labels?.[LabelServiceName];
    if (oldService !== curService || this.managed(old) !== this.managed(cur)) {
      this.queueServiceForSlice(old);
      this.queueServiceForSlice(cur);
      return;
    }
    if (this.tracker.shouldSync(cur)) this.queueServiceForSlice(cur);
  }

  private onEndpointSliceDelete(obj: EndpointSlice | DeletedFinalStateUnknown<EndpointSlice>): void {
    const slice = fromTombstone(obj);
    if (this.managed(slice) && this.tracker.has(slice)) {
      // A deletion this controller did not ask for is undone.
      if (this.tracker.handleDeletion(slice)) this.queueServiceForSlice(slice);
    }
  }
}

/** newController mirrors NewController: the controller name is the manager's constant. */
export function newEndpointSliceController(
  podInformer: GenericInformer<Pod>,
  serviceInformer: GenericInformer<Service>,
  nodeInformer: GenericInformer<Node>,
  endpointSliceInformer: GenericInformer<EndpointSlice>,
  client: Clientset,
  clock: Clock,
  options: EndpointSliceControllerOptions = {},
): EndpointSliceController {
  return new EndpointSliceController(podInformer, serviceInformer, nodeInformer, endpointSliceInformer, client, clock, options);
}

export { ControllerName };
