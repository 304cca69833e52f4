// Mirrors pkg/proxy/endpointslicecache.go: the EndpointSlices of every service, applied (as of the
// last sync) and pending, merged per service port at checkout into one endpoint list deduplicated
// by "ip:port". Ready endpoints serve; the fallback to serving-terminating endpoints when none is
// ready, topology hints and the IPv6 family are left out. The merge of one state of a service's
// slices is shared by the kube-proxies of one process (they share the informer's objects): only
// the marking of a node's own endpoints as local is done per proxier.
import type { Protocol } from '../api/core/v1/types.js';
import type { EndpointSlice } from '../api/discovery/v1/types.js';
import { servicePortNameKey, type ServicePortName } from './types.js';
import type { EndpointInfo, EndpointsMap } from './endpoints.js';
import { endpointString } from './endpoints.js';

/** LabelServiceName is the label naming a slice's service (discovery.LabelServiceName). */
export const LabelServiceName = 'kubernetes.io/service-name';

const collator = new Intl.Collator();

/** serviceKeyOf is "namespace/service" of a slice, or undefined for a slice without the service label. */
export function serviceKeyOf(slice: EndpointSlice): string | undefined {
  const name = slice.metadata.labels?.[LabelServiceName];
  return name ? `${slice.metadata.namespace ?? ''}/${name}` : undefined;
}

/** supportedAddressType: kube-proxy reads IP slices; this one only IPv4 (FQDN slices are not for it). */
export const supportedAddressType = (slice: EndpointSlice) => slice.addressType === 'IPv4';

/** servicePortName of one slice port; undefined for a port kube-proxy ignores (no name or no number). */
function servicePortNameOf(slice: EndpointSlice, port: NonNullable<EndpointSlice['ports']>[number]): ServicePortName | undefined {
  if (port.name == null || !port.port) return undefined;
  return { namespace: slice.metadata.namespace ?? '', name: slice.metadata.labels?.[LabelServiceName] ?? '', port: port.name, protocol: (port.protocol ?? 'TCP') as Protocol };
}

/** servicePortKeysOf lists the service port keys a set of slices has. */
export function servicePortKeysOf(slices: Iterable<EndpointSlice>): Set<string> {
  const keys = new Set<string>();
  for (const slice of slices) {
    for (const port of slice.ports ?? []) {
      const spn = servicePortNameOf(slice, port);
      if (spn) keys.add(servicePortNameKey(spn));
    }
  }
  return keys;
}

/** mergeSlices builds the endpoints of each service port from slices, as seen from no node. */
function mergeSlices(slices: EndpointSlice[]): EndpointsMap {
  const bySP = new Map<string, { name: ServicePortName; set: Map<string, EndpointInfo> }>();
  for (const slice of slices) {
    for (const port of slice.ports ?? []) {
      const spn = servicePortNameOf(slice, port);
      if (!spn) continue;
      const key = servicePortNameKey(spn);
      let entry = bySP.get(key);
      if (!entry) bySP.set(key, (entry = { name: spn, set: new Map() }));
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses?.[0];
        // Invalid endpoints and ones of the other IP family are skipped.
        if (!ip || ip.includes(':')) continue;
        const c = ep.conditions ?? {};
        const info: EndpointInfo = {
          ip,
          port: port.port!,
          isLocal: false,
          ready: c.ready == null || c.ready,
          serving: c.serving == null || c.serving,
          terminating: c.terminating === true,
          nodeName: ep.nodeName,
          hostname: ep.hostname,
        };
        const k = endpointString(info);
        if (!entry.set.has(k)) entry.set.set(k, info);
      }
    }
  }
  const map: EndpointsMap = new Map();
  for (const [key, { name, set }] of bySP) {
    // Sorted by "ip:port" so two syncs of the same state write identical rules.
    const keyed = [...set].sort((a, b) => collator.compare(a[0], b[0]));
    map.set(key, { name, endpoints: keyed.map(([, ep]) => ep) });
  }
  return map;
}

/**
 * sharedMerges keeps the last merges of a service's slices, keyed by the first slice object: a
 * merge is reused when every slice is the very object it was built from.
 */
const sharedMerges = new WeakMap<EndpointSlice, { slices: EndpointSlice[]; map: EndpointsMap }[]>();

function sharedMerge(slices: EndpointSlice[]): EndpointsMap {
  if (!slices.length) return new Map();
  let entries = sharedMerges.get(slices[0]!);
  const hit = entries?.find((e) => e.slices.length === slices.length && e.slices.every((s, i) => s === slices[i]));
  if (hit) return hit.map;
  const map = mergeSlices(slices);
  if (!entries) sharedMerges.set(slices[0]!, (entries = []));
  entries.unshift({ slices, map });
  entries.length = Math.min(entries.length, 2);
  return map;
}

/** endpointsMapFor merges slices (any order) and marks the endpoints on hostname local. */
export function endpointsMapFor(slices: EndpointSlice[], hostname: string): EndpointsMap {
  const sorted = [...slices].sort((a, b) => collator.compare(a.metadata.name ?? '', b.metadata.name ?? ''));
  const base = sharedMerge(sorted);
  const map: EndpointsMap = new Map();
  for (const [key, entry] of base) {
    // Endpoint infos are never changed once built; only this node's own get a copy marked local.
    const local = hostname !== '' && entry.endpoints.some((ep) => ep.nodeName === hostname);
    map.set(key, local ? { name: entry.name, endpoints: entry.endpoints.map((ep) => (ep.nodeName === hostname ? { ...ep, isLocal: true } : ep)) } : entry);
  }
  return map;
}

/** sameSlice: the same object, or the same stored version of it (an informer resync). */
function sameSlice(a: EndpointSlice | undefined, b: EndpointSlice | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const rv = a.metadata.resourceVersion;
  return !!rv && rv === b.metadata.resourceVersion && a.metadata.uid === b.metadata.uid;
}

interface ServiceTracker {
  applied: Map<string, EndpointSlice>;
  /** pending holds each changed slice by name; undefined marks a removal. */
  pending: Map<string, EndpointSlice | undefined>;
}

export interface EndpointsChange {
  /** previous lists the service ports the service had at the last sync (only their keys matter). */
  previous: Set<string>;
  current: EndpointsMap;
}

export class EndpointSliceCache {
  private readonly trackers = new Map<string, ServiceTracker>();
  private pendingServices = new Set<string>();

  constructor(private readonly hostname: string) {}

  /** updatePending records a slice change; it returns whether the change differs from the known state. */
  updatePending(slice: EndpointSlice, remove: boolean): boolean {
    const serviceKey = serviceKeyOf(slice);
    if (!serviceKey) return false;
    const name = slice.metadata.name ?? '';
    let t = this.trackers.get(serviceKey);
    if (!t) this.trackers.set(serviceKey, (t = { applied: new Map(), pending: new Map() }));
    const next = remove ? undefined : slice;
    const known = t.pending.has(name) ? t.pending.get(name) : t.applied.get(name);
    if (sameSlice(known, next)) return false;
    // A change back to the state of the last sync cancels the pending one.
    if (sameSlice(t.applied.get(name), next)) t.pending.delete(name);
    else t.pending.set(name, next);
    if (t.pending.size) this.pendingServices.add(serviceKey);
    else {
      this.pendingServices.delete(serviceKey);
      if (!t.applied.size) this.trackers.delete(serviceKey);
    }
    return true;
  }

  /** pending counts the services with changes since the last checkout. */
  pending(): number {
    return this.pendingServices.size;
  }

  /** checkoutChanges applies the pending slices and returns each changed service's before and after. */
  checkoutChanges(): EndpointsChange[] {
    const changes: EndpointsChange[] = [];
    for (const serviceKey of this.pendingServices) {
      const t = this.trackers.get(serviceKey)!;
      const previous = servicePortKeysOf(t.applied.values());
      for (const [name, slice] of t.pending) {
        if (slice) t.applied.set(name, slice);
        else t.applied.delete(name);
      }
      t.pending.clear();
      changes.push({ previous, current: endpointsMapFor([...t.applied.values()], this.hostname) });
      if (!t.applied.size) this.trackers.delete(serviceKey);
    }
    this.pendingServices = new Set();
    return changes;
  }
}
