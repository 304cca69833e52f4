// Mirrors staging/src/k8s.io/endpointslice/reconciler.go: for one service and its pods, per address
// type and per set of ports, keep the endpoints in slices of at most maxEndpointsPerSlice — update
// endpoints in place, fill slices that change anyway, then the unchanged slice that comes closest to
// full, and only then create new slices; reuse the names of slices about to be deleted; keep one
// empty placeholder slice for a service without endpoints. Leaves out topology hints and metrics.
import type { Node, Pod, Service } from '../../api/core/v1/types.js';
import { ControllerName, type AddressType, type Endpoint, type EndpointPort, type EndpointSlice } from '../../api/discovery/v1/types.js';
import { statusOf } from '../../apimachinery/api/errors/errors.js';
import { deepCopy, deepEqual } from '../../apimachinery/api/equality/semantic.js';
import type { Clientset } from '../../client/kubernetes/clientset.js';
import { gvr } from '../../client/informers/generic.js';
import type { EndpointSliceTracker } from './endpointslice-tracker.js';
import {
  endpointKey,
  endpointsEqualBeyondHash,
  getAddressTypesForService,
  getEndpointPorts,
  getSliceToFill,
  newEndpointSlice,
  ownedBy,
  podToEndpoint,
  portMapKey,
  setEndpointSliceLabels,
  shouldPodBeInEndpoints,
} from './utils.js';

/** namespaceTerminating: creates in a terminating namespace keep failing; the item is dropped. */
const namespaceTerminating = (err: unknown) => {
  const st = statusOf(err);
  return st.code === 403 && /because it is being terminated/.test(st.message ?? '');
};

export const endpointSlicesResource = gvr('discovery.k8s.io', 'v1', 'endpointslices');

/** EndpointSet is a set of endpoints by endpointKey, popped in insertion order. */
class EndpointSet {
  readonly items = new Map<string, Endpoint>();
  insert(ep: Endpoint): void {
    this.items.set(endpointKey(ep), ep);
  }
  get(key: string): Endpoint | undefined {
    return this.items.get(key);
  }
  delete(key: string): void {
    this.items.delete(key);
  }
  popAny(): Endpoint {
    const [key, ep] = this.items.entries().next().value as [string, Endpoint];
    this.items.delete(key);
    return ep;
  }
  get size(): number {
    return this.items.size;
  }
}

/** placeholderEqual compares what matters of a placeholder: namespace, labels, type, endpoints, ports. */
function placeholderEqual(a: EndpointSlice, b: EndpointSlice): boolean {
  return (
    a.metadata.namespace === b.metadata.namespace &&
    deepEqual(a.metadata.labels ?? {}, b.metadata.labels ?? {}) &&
    a.addressType === b.addressType &&
    !(a.endpoints ?? []).length &&
    !(b.endpoints ?? []).length &&
    !(a.ports ?? []).length &&
    !(b.ports ?? []).length
  );
}

export interface ReconcilerOptions {
  client: Clientset;
  nodeByName: (name: string) => Node | undefined;
  tracker: EndpointSliceTracker;
  maxEndpointsPerSlice: number;
  controllerName?: string;
}

export class Reconciler {
  readonly controllerName: string;

  constructor(private readonly o: ReconcilerOptions) {
    this.controllerName = o.controllerName ?? ControllerName;
  }

  private slices(namespace: string) {
    return this.o.client.resource<EndpointSlice>(endpointSlicesResource, namespace);
  }

  /** reconcile brings the service's slices in line with its pods. */
  async reconcile(service: Service, pods: Pod[], existingSlices: EndpointSlice[]): Promise<void> {
    const errs: string[] = [];
    const supported = getAddressTypesForService(service);
    const toDelete: EndpointSlice[] = [];
    const byType = new Map<AddressType, EndpointSlice[]>();
    for (const slice of existingSlices) {
      if (!supported.has(slice.addressType)) {
        toDelete.push(slice);
        continue;
      }
      let list = byType.get(slice.addressType);
      if (!list) byType.set(slice.addressType, (list = []));
      list.push(slice);
    }
    for (const addressType of supported) {
      try {
        await this.reconcileByAddressType(service, pods, byType.get(addressType) ?? [], addressType, errs);
      } catch (err) {
        errs.push(String(err instanceof Error ? err.message : err));
      }
    }
    for (const slice of toDelete) {
      try {
        await this.slices(service.metadata.namespace ?? '').delete(slice.metadata.name ?? '');
        this.o.tracker.expectDeletion(slice);
      } catch (err) {
        errs.push(`error deleting ${slice.metadata.name} EndpointSlice for Service ${service.metadata.namespace}/${service.metadata.name}: ${err instanceof Error ? err.message : err}`);
      }
    }
    if (errs.length) throw new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
  }

  private async reconcileByAddressType(service: Service, pods: Pod[], existingSlices: EndpointSlice[], addressType: AddressType, errs: string[]): Promise<void> {
    const toCreate: EndpointSlice[] = [];
    const toUpdate: EndpointSlice[] = [];
    const toDelete: EndpointSlice[] = [];

    const existingByPortMap = new Map<string, EndpointSlice[]>();
    for (const slice of existingSlices) {
      if (!ownedBy(slice, service)) {
        toDelete.push(slice); // left by an older service of the same name
        continue;
      }
      const key = portMapKey(slice.ports);
      let list = existingByPortMap.get(key);
      if (!list) existingByPortMap.set(key, (list = []));
      list.push(slice);
    }

    const desiredPorts = new Map<string, EndpointPort[]>();
    const desiredEndpoints = new Map<string, EndpointSet>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod)) continue;
      const ports = getEndpointPorts(service, pod);
      const key = portMapKey(ports);
      if (!desiredEndpoints.has(key)) {
        desiredEndpoints.set(key, new EndpointSet());
        desiredPorts.set(key, ports);
      }
      const node = this.o.nodeByName(pod.spec?.nodeName ?? '');
      if (!node && service.spec?.publishNotReadyAddresses !== true) {
        // Left out now and retried: a pod on a node that does not exist must not hold the slice back.
        errs.push(`skipping Pod ${pod.metadata.name} for Service ${service.metadata.namespace}/${service.metadata.name}: Node ${pod.spec?.nodeName ?? ''} Not Found`);
        continue;
      }
      const ep = podToEndpoint(pod, node, service, addressType);
      if (ep.addresses.length) desiredEndpoints.get(key)!.insert(ep);
    }

    for (const [key, desired] of desiredEndpoints) {
      const r = this.reconcileByPortMapping(service, existingByPortMap.get(key) ?? [], desired, desiredPorts.get(key)!, addressType);
      toCreate.push(...r.toCreate);
      toUpdate.push(...r.toUpdate);
      toDelete.push(...r.toDelete);
    }
    // Slices of port sets no longer wanted go.
    for (const [key, slices] of existingByPortMap) if (!desiredEndpoints.has(key)) toDelete.push(...slices);

    // A service without endpoints keeps one empty placeholder slice.
    if (existingSlices.length === toDelete.length && toCreate.length < 1) {
      const placeholder = newEndpointSlice(service, [], addressType, this.controllerName);
      if (toDelete.length === 1 && placeholderEqual(toDelete[0]!, placeholder)) toDelete.length = 0;
      else toCreate.push(placeholder);
    }
    await this.finalize(service, toCreate, toUpdate, toDelete);
  }

  private reconcileByPortMapping(service: Service, existingSlices: EndpointSlice[], desired: EndpointSet, ports: EndpointPort[], addressType: AddressType) {
    const max = this.o.maxEndpointsPerSlice;
    const byName = new Map<string, EndpointSlice>();
    const unchanged = new Set<string>();
    const toUpdateNames = new Set<string>();
    const toDeleteNames = new Set<string>();

    // 1. Drop endpoints no longer desired and refresh those that changed.
    for (const existing of existingSlices) {
      const name = existing.metadata.name ?? '';
      byName.set(name, existing);
      const kept: Endpoint[] = [];
      let updated = false;
      for (const ep of existing.endpoints ?? []) {
        const key = endpointKey(ep);
        const got = desired.get(key);
        if (!got) continue;
        kept.push(got);
        if (!endpointsEqualBeyondHash(got, ep)) updated = true;
        desired.delete(key);
      }
      const { labels, changed } = setEndpointSliceLabels(existing, service, this.controllerName);
      if (updated || (existing.endpoints ?? []).length !== kept.length) {
        if (!kept.length) toDeleteNames.add(name);
        else {
          const copy = deepCopy(existing);
          copy.endpoints = kept;
          copy.metadata.labels = labels;
          byName.set(name, copy);
          toUpdateNames.add(name);
        }
      } else if (changed) {
        const copy = deepCopy(existing);
        copy.metadata.labels = labels;
        byName.set(name, copy);
        toUpdateNames.add(name);
      } else unchanged.add(name);
    }

    // 2. Fill the slices that are written anyway, the fullest first.
    if (desired.size && toUpdateNames.size) {
      const slices = [...toUpdateNames].map((n) => byName.get(n)!).sort((a, b) => b.endpoints.length - a.endpoints.length);
      for (const slice of slices) while (desired.size && slice.endpoints.length < max) slice.endpoints.push(desired.popAny());
    }

    // 3. Put what is left in the unchanged slice it fills best, or in new slices.
    const toCreate: EndpointSlice[] = [];
    while (desired.size) {
      let fill: EndpointSlice | undefined;
      if (desired.size < max && unchanged.size) fill = getSliceToFill([...unchanged].map((n) => byName.get(n)!), desired.size, max);
      if (!fill) fill = newEndpointSlice(service, ports, addressType, this.controllerName);
      else {
        fill = deepCopy(fill);
        byName.set(fill.metadata.name ?? '', fill);
      }
      while (desired.size && fill.endpoints.length < max) fill.endpoints.push(desired.popAny());
      if (fill.metadata.name) {
        toUpdateNames.add(fill.metadata.name);
        unchanged.delete(fill.metadata.name);
      } else toCreate.push(fill);
    }
    return { toCreate, toUpdate: [...toUpdateNames].map((n) => byName.get(n)!), toDelete: [...toDeleteNames].map((n) => byName.get(n)!) };
  }

  /** finalize turns creates into updates of slices about to be deleted, then writes. */
  private async finalize(service: Service, toCreate: EndpointSlice[], toUpdate: EndpointSlice[], toDelete: EndpointSlice[]): Promise<void> {
    for (let i = 0; i < toDelete.length && toCreate.length; ) {
      const del = toDelete[i]!;
      const slice = toCreate[toCreate.length - 1]!;
      if (del.addressType === slice.addressType && ownedBy(del, service)) {
        slice.metadata.name = del.metadata.name;
        toCreate.pop();
        toUpdate.push(slice);
        toDelete.splice(i, 1);
      } else i++;
    }
    const ns = service.metadata.namespace ?? '';
    const client = this.slices(ns);
    const svc = `${ns}/${service.metadata.name}`;
    // No new slices for a service being deleted: the garbage collector is removing them.
    if (!service.metadata.deletionTimestamp) {
      for (const slice of toCreate) {
        try {
          this.o.tracker.update(await client.create(slice));
        } catch (err) {
          if (namespaceTerminating(err)) return;
          throw new Error(`failed to create EndpointSlice for Service ${svc}: ${err instanceof Error ? err.message : err}`);
        }
      }
    }
    for (const slice of toUpdate) {
      try {
        this.o.tracker.update(await client.update(slice));
      } catch (err) {
        throw new Error(`failed to update ${slice.metadata.name} EndpointSlice for Service ${svc}: ${err instanceof Error ? err.message : err}`);
      }
    }
    for (const slice of toDelete) {
      try {
        await client.delete(slice.metadata.name ?? '');
        this.o.tracker.expectDeletion(slice);
      } catch (err) {
        throw new Error(`failed to delete ${slice.metadata.name} EndpointSlice for Service ${svc}: ${err instanceof Error ? err.message : err}`);
      }
    }
  }
}
