// Mirrors pkg/controller/endpointslicemirroring (endpointslicemirroring_controller.go, reconciler.go,
// utils.go): the Endpoints of a service without a selector — written by hand or by another
// controller — are mirrored into EndpointSlices (managed by endpointslicemirroring-controller.k8s.io,
// owned by the Endpoints), so kube-proxy, which reads only slices, serves them. Endpoints labelled
// endpointslice.kubernetes.io/skip-mirror=true are not mirrored. Simplified: one slice per set of
// ports and address type, at most 1000 addresses per subset (--mirroring-max-endpoints-per-subset);
// no batching and no events.
import type { EndpointAddress, Endpoints, Service } from '../../api/core/v1/types.js';
import { LabelManagedBy, LabelServiceName, type AddressType, type Endpoint, type EndpointPort, type EndpointSlice } from '../../api/discovery/v1/types.js';
import { deepEqual } from '../../apimachinery/api/equality/semantic.js';
import { selectorFromSet } from '../../apimachinery/labels/selector.js';
import type { GenericInformer } from '../../client/informers/generic.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import { splitMetaNamespaceKey } from '../../client/tools/cache/store.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../util/clock.js';
import { fromTombstone, keyFunc } from '../controller-utils.js';
import { IsHeadlessService } from '../endpoint/endpoints-controller.js';
import { endpointSlicesResource } from '../endpointslice/reconciler.js';
import { portMapKey } from '../endpointslice/utils.js';
import { processNextWorkItem, runWhenSynced } from '../worker.js';

/** ControllerName is the managed-by value of mirrored slices. */
export const ControllerName = 'endpointslicemirroring-controller.k8s.io';
/** LabelSkipMirror on an Endpoints object keeps it from being mirrored. */
export const LabelSkipMirror = 'endpointslice.kubernetes.io/skip-mirror';
const maxEndpointsPerSubset = 1000;
const maxRetries = 15;

const addressTypeOf = (ip: string): AddressType => (ip.includes(':') ? 'IPv6' : 'IPv4');

function addressToEndpoint(a: EndpointAddress, ready: boolean): Endpoint {
  const ep: Endpoint = { addresses: [a.ip], conditions: { ready } };
  if (a.targetRef) ep.targetRef = a.targetRef;
  if (a.hostname) ep.hostname = a.hostname;
  if (a.nodeName) ep.nodeName = a.nodeName;
  return ep;
}

interface Desired {
  ports: EndpointPort[];
  addressType: AddressType;
  endpoints: Map<string, Endpoint>;
}

/** desiredSlices groups the Endpoints' addresses by ports and address type, 1000 per subset at most. */
export function desiredSlices(endpoints: Endpoints): Desired[] {
  const byKey = new Map<string, Desired>();
  for (const subset of endpoints.subsets ?? []) {
    const ports: EndpointPort[] = (subset.ports ?? []).map((p) => {
      const port: EndpointPort = { name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port };
      if (p.appProtocol) port.appProtocol = p.appProtocol;
      return port;
    });
    let n = 0;
    for (const [list, ready] of [[subset.addresses, true], [subset.notReadyAddresses, false]] as const) {
      for (const a of list ?? []) {
        if (!a.ip || n >= maxEndpointsPerSubset) continue;
        n++;
        const addressType = addressTypeOf(a.ip);
        const key = `${portMapKey(ports)}|${addressType}`;
        let d = byKey.get(key);
        if (!d) byKey.set(key, (d = { ports, addressType, endpoints: new Map() }));
        // Not ready trumps ready for the same address.
        if (!d.endpoints.has(a.ip) || !ready) d.endpoints.set(a.ip, addressToEndpoint(a, ready));
      }
    }
  }
  return [...byKey.values()];
}

const without = (m: Record<string, string> | undefined, ...keys: string[]) => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m ?? {})) if (!keys.includes(k)) out[k] = v;
  return out;
};

export class EndpointSliceMirroringController {
  readonly queue: RateLimitingType<string>;
  onError: (err: unknown) => void = () => {};

  constructor(
    readonly endpointsInformer: GenericInformer<Endpoints>,
    readonly serviceInformer: GenericInformer<Service>,
    readonly endpointSliceInformer: GenericInformer<EndpointSlice>,
    readonly client: Clientset,
    readonly clock: Clock,
  ) {
    this.queue = newRateLimitingQueue<string>(clock);
    const queue = (obj: { metadata: { namespace?: string; name?: string } }) => this.queue.add(keyFunc(obj as Endpoints));
    endpointsInformer.informer().addEventHandler({ onAdd: queue, onUpdate: (_o, n) => queue(n), onDelete: (e) => queue(fromTombstone(e)) });
    serviceInformer.informer().addEventHandler({ onAdd: queue, onUpdate: (_o, n) => queue(n), onDelete: (s) => queue(fromTombstone(s)) });
    const onSlice = (s: EndpointSlice) => {
      const name = s.metadata.labels?.[LabelServiceName];
      if (name && s.metadata.labels?.[LabelManagedBy] === ControllerName) this.queue.addAfter(`${s.metadata.namespace ?? ''}/${name}`, 1000);
    };
    endpointSliceInformer.informer().addEventHandler({ onUpdate: (_o, n) => onSlice(n), onDelete: (s) => onSlice(fromTombstone(s)) });
  }

  run(workers: number, signal: AbortSignal): Promise<void> {
    const synced = [this.endpointsInformer, this.serviceInformer, this.endpointSliceInformer].map((i) => () => i.informer().hasSynced());
    return runWhenSynced(workers, this.queue, this.clock, signal, synced, async () => {
      while (await processNextWorkItem(this.queue, (key) => this.syncEndpoints(key), { onError: (_k, err) => this.onError(err), maxRetries }));
    });
  }

  /** syncEndpoints mirrors one Endpoints object, or removes its slices when it should not be mirrored. */
  async syncEndpoints(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const slices = this.client.resource<EndpointSlice>(endpointSlicesResource, namespace);
    const existing = this.endpointSliceInformer
      .lister()
      .byNamespace(namespace)
      .list(selectorFromSet({ [LabelServiceName]: name, [LabelManagedBy]: ControllerName }))
      .filter((s) => !s.metadata.deletionTimestamp);
    const service = this.serviceInformer.informer().getIndexer().getByKey(key);
    const endpoints = this.endpointsInformer.informer().getIndexer().getByKey(key);
    const mirror = !!service && !service.spec?.selector && !!endpoints && endpoints.metadata.labels?.[LabelSkipMirror] !== 'true';
    if (!mirror) {
      for (const s of existing) await slices.delete(s.metadata.name ?? '');
      return;
    }
    const labels = { ...without(endpoints.metadata.labels, LabelManagedBy, LabelServiceName, IsHeadlessService), [LabelServiceName]: name, [LabelManagedBy]: ControllerName };
    const annotations = without(endpoints.metadata.annotations, 'endpoints.kubernetes.io/last-change-trigger-time', 'kubectl.kubernetes.io/last-applied-configuration');
    const owner = { apiVersion: 'v1', kind: 'Endpoints', name, uid: endpoints.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
    const unused = [...existing];
    for (const d of desiredSlices(endpoints)) {
      const body = { addressType: d.addressType, endpoints: [...d.endpoints.values()], ports: d.ports };
      const i = unused.findIndex((s) => s.addressType === d.addressType && portMapKey(s.ports) === portMapKey(d.ports));
      const current = i >= 0 ? unused.splice(i, 1)[0] : undefined;
      if (current) {
        const same = deepEqual(current.endpoints ?? [], body.endpoints) && deepEqual(current.ports ?? [], body.ports) && deepEqual(current.metadata.labels ?? {}, labels) && deepEqual(current.metadata.annotations ?? {}, annotations);
        if (!same) await slices.update({ ...current, ...body, metadata: { ...current.metadata, labels, annotations } });
        continue;
      }
      await slices.create({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { generateName: `${name}-`, namespace, labels, annotations, ownerReferences: [owner] },
        ...body,
      });
    }
    for (const s of unused) await slices.delete(s.metadata.name ?? '');
  }
}

export function newEndpointSliceMirroringController(
  endpointsInformer: GenericInformer<Endpoints>,
  serviceInformer: GenericInformer<Service>,
  endpointSliceInformer: GenericInformer<EndpointSlice>,
  client: Clientset,
  clock: Clock,
): EndpointSliceMirroringController {
  return new EndpointSliceMirroringController(endpointsInformer, serviceInformer, endpointSliceInformer, client, clock);
}
