// Mirrors pkg/proxy/endpoints.go: BaseEndpointInfo, EndpointsChangeTracker and EndpointsMap, fed by
// the legacy Endpoints objects (what pkg/proxy did before EndpointSlices). Endpoints are sorted by
// "ip:port" so two syncs of the same state write identical rules.
import type { EndpointSubset, Endpoints, Protocol } from '../api/core/v1/types.js';
import { servicePortNameKey, type ServicePortName } from './types.js';

export interface EndpointInfo {
  ip: string;
  port: number;
  /** isLocal: the endpoint runs on this proxier's node. */
  isLocal: boolean;
  ready: boolean;
  nodeName?: string;
  hostname?: string;
}

/** endpointString prints "ip:port" (net.JoinHostPort). */
export function endpointString(ep: EndpointInfo): string {
  return `${ep.ip}:${ep.port}`;
}

export interface ServiceEndpoints {
  name: ServicePortName;
  endpoints: EndpointInfo[];
}

/** EndpointsMap maps servicePortNameKey → that service port's endpoints. */
export type EndpointsMap = Map<string, ServiceEndpoints>;

const collator = new Intl.Collator();

/**
 * sharedMaps keeps each Endpoints object's map as seen from no node (isLocal false everywhere): the
 * kube-proxies of one process share their informer's objects, so the conversion and its sort are
 * done once per object, and each proxier only marks its own node's endpoints.
 */
const sharedMaps = new WeakMap<Endpoints, EndpointsMap>();

/** endpointsToEndpointsMap explodes an Endpoints object's subsets into one list per port name. */
export function endpointsToEndpointsMap(endpoints: Endpoints | undefined, hostname: string): EndpointsMap {
  if (!endpoints) return new Map();
  let base = sharedMaps.get(endpoints);
  if (!base) sharedMaps.set(endpoints, (base = buildEndpointsMap(endpoints)));
  const map: EndpointsMap = new Map();
  for (const [key, entry] of base) {
    // Endpoint infos are never changed once built; only this node's own get a copy marked local.
    const local = hostname !== '' && entry.endpoints.some((ep) => ep.nodeName === hostname);
    map.set(key, local ? { name: entry.name, endpoints: entry.endpoints.map((ep) => (ep.nodeName === hostname ? { ...ep, isLocal: true } : ep)) } : entry);
  }
  return map;
}

function buildEndpointsMap(endpoints: Endpoints): EndpointsMap {
  const map: EndpointsMap = new Map();
  const namespace = endpoints.metadata.namespace ?? 'default';
  const name = endpoints.metadata.name ?? '';
  for (const subset of endpoints.subsets ?? []) addSubset(map, namespace, name, subset);
  for (const entry of map.values()) {
    // Sort on keys computed once: a comparator that formats both sides costs more than the sort.
    const keyed = entry.endpoints.map((ep) => ({ ep, key: endpointString(ep) }));
    keyed.sort((a, b) => collator.compare(a.key, b.key));
    entry.endpoints = keyed.map((k) => k.ep);
  }
  return map;
}

/** servicePortKeysOf lists the service port keys an Endpoints object has (endpointsToEndpointsMap's keys). */
function servicePortKeysOf(endpoints: Endpoints | undefined): Set<string> {
  const keys = new Set<string>();
  if (!endpoints) return keys;
  const namespace = endpoints.metadata.namespace ?? 'default';
  const name = endpoints.metadata.name ?? '';
  for (const subset of endpoints.subsets ?? []) {
    for (const port of subset.ports ?? []) if (port.port) keys.add(servicePortNameKey({ namespace, name, port: port.name ?? '', protocol: (port.protocol ?? 'TCP') as Protocol }));
  }
  return keys;
}

function addSubset(map: EndpointsMap, namespace: string, name: string, subset: EndpointSubset): void {
  for (const port of subset.ports ?? []) {
    // Upstream skips ports without a number and addresses without an IP ("got invalid endpoint").
    if (!port.port) continue;
    const spn: ServicePortName = { namespace, name, port: port.name ?? '', protocol: (port.protocol ?? 'TCP') as Protocol };
    const key = servicePortNameKey(spn);
    let entry = map.get(key);
    if (!entry) map.set(key, (entry = { name: spn, endpoints: [] }));
    for (const addr of subset.addresses ?? []) {
      if (!addr.ip) continue;
      entry.endpoints.push({ ip: addr.ip, port: port.port, isLocal: false, ready: true, nodeName: addr.nodeName, hostname: addr.hostname });
    }
  }
}

interface EndpointsChange {
  /** previous lists the service ports the object had at the last sync (only their keys matter). */
  previous: Set<string>;
  current: EndpointsMap;
}

/** PendingChange is one object's state at the last sync and now, converted only at checkout. */
interface PendingChange {
  previous: Endpoints | undefined;
  current: Endpoints | undefined;
}

/**
 * EndpointsChangeTracker accumulates endpoints changes between syncs. Upstream converts each
 * update into an EndpointsMap at once and drops the change when the maps come out equal; here an
 * update only records the objects, and the conversion happens once per sync in checkoutChanges —
 * with --iptables-min-sync-period coalescing a stream of updates of an Endpoints object with
 * thousands of addresses, converting each one on every node was most of kube-proxy's work. A change
 * back to the very object of the last sync (a resync) is dropped, as upstream's equal maps are.
 */
export class EndpointsChangeTracker {
  private items = new Map<string, PendingChange>();

  constructor(private readonly hostname: string) {}

  /** update records a change and returns true when changes are pending afterwards. */
  update(previous: Endpoints | undefined, current: Endpoints | undefined): boolean {
    const eps = current ?? previous;
    if (!eps) return false;
    const key = `${eps.metadata.namespace ?? ''}/${eps.metadata.name ?? ''}`;
    let change = this.items.get(key);
    if (!change) {
      change = { previous, current: undefined };
      this.items.set(key, change);
    }
    change.current = current;
    if (change.previous === change.current || sameVersion(change.previous, change.current)) this.items.delete(key);
    return this.items.size > 0;
  }

  pending(): number {
    return this.items.size;
  }

  checkoutChanges(): EndpointsChange[] {
    const changes = [...this.items.values()].map((c) => ({ previous: servicePortKeysOf(c.previous), current: endpointsToEndpointsMap(c.current, this.hostname) }));
    this.items = new Map();
    return changes;
  }
}

/** sameVersion: both states are the same stored version of the object (an informer resync). */
function sameVersion(a: Endpoints | undefined, b: Endpoints | undefined): boolean {
  const rv = a?.metadata.resourceVersion;
  return !!a && !!b && !!rv && rv === b.metadata.resourceVersion && a.metadata.uid === b.metadata.uid;
}

/** applyEndpointsChanges mirrors EndpointsMap.Update; it returns the service ports whose endpoints changed. */
export function applyEndpointsChanges(map: EndpointsMap, tracker: EndpointsChangeTracker): { changedServices: Set<string> } {
  const changedServices = new Set<string>();
  for (const change of tracker.checkoutChanges()) {
    for (const key of change.previous) {
      map.delete(key);
      changedServices.add(key);
    }
    for (const [key, entry] of change.current) {
      map.set(key, entry);
      changedServices.add(key);
    }
  }
  return { changedServices };
}
