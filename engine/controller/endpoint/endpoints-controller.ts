// Mirrors pkg/controller/endpoint/endpoints_controller.go: for every Service with a selector, an
// Endpoints object of the same name lists the matching pods' IPs — ready ones as addresses, others
// as notReadyAddresses (all as addresses with publishNotReadyAddresses) — per resolved target port,
// repacked into subsets (RepackSubsets). Services without a selector are left alone.
// Simplified: no last-change-trigger-time annotation and no over-capacity truncation.
import type { EndpointAddress, EndpointPort, Endpoints, EndpointSubset, Pod, Service } from '../../api/core/v1/types.js';
import { isNotFound } from '../../apimachinery/api/errors/errors.js';
import { deepEqual } from '../../apimachinery/api/equality/semantic.js';
import { selectorFromSet } from '../../apimachinery/labels/selector.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import type { DeletedFinalStateUnknown } from '../../client/tools/cache/controller.js';
import { splitMetaNamespaceKey } from '../../client/tools/cache/store.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { fromTombstone, keyFunc } from '../controller-utils.js';
import { findPort, isPodReady } from '../pod-util.js';
import { repackSubsets } from './repack.js';
import { getPodServiceMemberships, getServicesToUpdateOnPodChange } from './pod-services.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';

const maxRetries = 15;
/** labelHeadless marks the endpoints of a headless service. */
export const IsHeadlessService = 'service.kubernetes.io/headless';

export class EndpointController {
  readonly queue: RateLimitingType<string>;
  syncHandler: (key: string) => Promise<void> = (key) => this.syncService(key);
  onError: (err: unknown) => void = () => {};
  /**
   * endpointUpdatesBatchPeriod (--endpoint-updates-batch-period, ms) delays syncs caused by pod
   * changes so that many pod changes make one Endpoints write (each write goes to every kube-proxy).
   */
  endpointUpdatesBatchPeriod = 0;

  constructor(
    readonly podInformer: GenericInformer<Pod>,
    readonly serviceInformer: GenericInformer<Service>,
    readonly endpointsInformer: GenericInformer<Endpoints>,
    readonly client: Clientset,
    readonly clock: Clock,
  ) {
    this.queue = newRateLimitingQueue<string>(clock);
    serviceInformer.informer().addEventHandler({
      onAdd: (s) => this.onServiceUpdate(s),
      onUpdate: (_o, n) => this.onServiceUpdate(n),
      onDelete: (s) => this.onServiceDelete(s),
    });
    podInformer.informer().addEventHandler({
      onAdd: (p) => this.addPod(p),
      onUpdate: (o, n) => this.updatePod(o, n),
      onDelete: (p) => this.deletePod(p),
    });
    // An endpoints object changed or deleted behind our back is put right again.
    endpointsInformer.informer().addEventHandler({
      onUpdate: (o, n) => o.metadata.resourceVersion !== n.metadata.resourceVersion && this.queue.add(keyFunc(n)),
      onDelete: (e) => this.queue.add(keyFunc(e)),
    });
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    const synced = [this.podInformer, this.serviceInformer, this.endpointsInformer].map((i) => () => i.informer().hasSynced());
    return runWhenSynced(workers, this.queue, this.clock, signal, synced, () => this.worker());
  }

  private async worker(): Promise<void> {
    while (await this.processNextWorkItem());
  }

  processNextWorkItem(): Promise<boolean> {
    return processNextWorkItem(this.queue, (key) => this.syncHandler(key), { onError: (_key, err) => this.onError(err), maxRetries });
  }

  private onServiceUpdate(s: Service): void {
    this.queue.add(keyFunc(s));
  }

  private onServiceDelete(s: Service | DeletedFinalStateUnknown<Service>): void {
    this.queue.add(keyFunc(s));
  }

  /** enqueueForPod queues a service for a pod change, after the batch period as upstream's AddAfter. */
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

  private deletePod(obj: Pod | DeletedFinalStateUnknown<Pod>): void {
    this.addPod(fromTombstone(obj));
  }

  /** syncService computes the endpoints of one service and writes them if they changed. */
  async syncService(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const service = this.serviceInformer.informer().getIndexer().getByKey(key);
    const endpoints = this.client.coreV1().endpoints(namespace);
    if (!service) {
      // The service is gone: so are its endpoints.
      try {
        await endpoints.delete(name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return;
    }
    if (service.spec?.type === 'ExternalName') return;
    if (!service.spec?.selector) return;
    const pods = this.podInformer.lister().byNamespace(namespace).list(selectorFromSet(service.spec.selector));
    const subsets = repackSubsets(computeSubsets(service, pods));

    const current = this.endpointsInformer.informer().getIndexer().getByKey(key);
    const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
    if (service.spec.clusterIP === 'None') labels[IsHeadlessService] = '';
    if (current && deepEqual(current.subsets ?? [], subsets) && deepEqual(current.metadata.labels ?? {}, labels)) return;
    const next: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: current ? { ...current.metadata, labels } : { name, namespace, labels },
      subsets,
    };
    if (!Object.keys(labels).length) delete next.metadata.labels;
    if (current) await endpoints.update(next);
    else await endpoints.create(next);
  }
}

/** shouldPodBeInEndpoints: the pod has an IP, is not terminating, and will run again if it stopped. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  if (pod.spec?.restartPolicy === 'Never') return phase !== 'Failed' && phase !== 'Succeeded';
  if (pod.spec?.restartPolicy === 'OnFailure') return phase !== 'Succeeded';
  return true;
}

function podToEndpointAddress(service: Service, pod: Pod): EndpointAddress {
  const addr: EndpointAddress = { ip: pod.status?.podIP ?? pod.status!.podIPs![0]!.ip };
  // A pod with hostname and subdomain = service name gets a DNS name of its own.
  if (pod.spec?.hostname && pod.spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace) addr.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
  addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return addr;
}

/** computeSubsets makes one subset per pod and port, before repacking. */
export function computeSubsets(service: Service, pods: Pod[]): EndpointSubset[] {
  const tolerateUnready = service.spec?.publishNotReadyAddresses === true;
  const subsets: EndpointSubset[] = [];
  const add = (pod: Pod, addr: EndpointAddress, port?: EndpointPort) => {
    const ports = port ? [port] : [];
    if (tolerateUnready || isPodReady(pod)) subsets.push({ addresses: [addr], ports });
    else subsets.push({ notReadyAddresses: [addr], ports });
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const addr = podToEndpointAddress(service, pod);
    const ports = service.spec?.ports ?? [];
    // A headless service without ports still lists its pods.
    if (!ports.length) {
      if (service.spec?.clusterIP === 'None') add(pod, addr);
      continue;
    }
    for (const sp of ports) {
      let portNum: number;
      try {
        portNum = findPort(pod, sp);
      } catch {
        continue; // this pod does not expose the named port
      }
      const ep: EndpointPort = { port: portNum, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      add(pod, addr, ep);
    }
  }
  return subsets;
}

/** newEndpointController mirrors NewEndpointController. */
export function newEndpointController(podInformer: GenericInformer<Pod>, serviceInformer: GenericInformer<Service>, endpointsInformer: GenericInformer<Endpoints>, client: Clientset, clock: Clock, endpointUpdatesBatchPeriod = 0): EndpointController {
  const c = new EndpointController(podInformer, serviceInformer, endpointsInformer, client, clock);
  c.endpointUpdatesBatchPeriod = endpointUpdatesBatchPeriod;
  return c;
}
