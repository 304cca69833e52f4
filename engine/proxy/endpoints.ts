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

/** endpointsToEndpointsMap explodes an Endpoints object's subsets into one list per port name. */
export function endpointsToEndpointsMap(endpoints: Endpoints | undefined, hostname: string): EndpointsMap {
  const map: EndpointsMap = new Map();
  if (!endpoints) return map;
  const namespace = endpoints.metadata.namespace ?? 'default';
  const name = endpoints.metadata.name ?? '';
  for (const subset of endpoints.subsets ?? []) addSubset(map, namespace, name, subset, hostname);
  for (const entry of map.values()) entry.endpoints.sort((a, b) => endpointString(a).localeCompare(endpointString(b)));
  return map;
}

function addSubset(map: EndpointsMap, namespace: string, name: string, subset: EndpointSubset, hostname: string): void {
  for (const port of subset.ports ?? []) {
    // Upstream skips ports without a number and addresses without an IP ("got invalid endpoint").
    if (!port.port) continue;
    const spn: ServicePortName = { namespace, name, port: port.name ?? '', protocol: (port.protocol ?? 'TCP') as Protocol };
    const key = servicePortNameKey(spn);
    let entry = map.get(key);
    if (!entry) map.set(key, (entry = { name: spn, endpoints: [] }));
    for (const addr of subset.addresses ?? []) {
      if (!addr.ip) continue;
      entry.endpoints.push({ ip: addr.ip, port: port.port, isLocal: !!addr.nodeName && addr.nodeName === hostname, ready: true, nodeName: addr.nodeName, hostname: addr.hostname });
    }
  }
}

interface EndpointsChange {
  previous: EndpointsMap;
  current: EndpointsMap;
}

/** EndpointsChangeTracker accumulates endpoints changes between syncs. */
export class EndpointsChangeTracker {
  private items = new Map<string, EndpointsChange>();

  constructor(private readonly hostname: string) {}

  /** update records a change and returns true when changes are pending afterwards. */
  update(previous: Endpoints | undefined, current: Endpoints | undefined): boolean {
    const eps = current ?? previous;
    if (!eps) return false;
    const key = `${eps.metadata.namespace ?? ''}/${eps.metadata.name ?? ''}`;
    let change = this.items.get(key);
    if (!change) {
      change = { previous: endpointsToEndpointsMap(previous, this.hostname), current: new Map() };
      this.items.set(key, change);
    }
    change.current = endpointsToEndpointsMap(current, this.hostname);
    if (JSON.stringify([...change.previous]) === JSON.stringify([...change.current])) this.items.delete(key);
    return this.items.size > 0;
  }

  pending(): number {
    return this.items.size;
  }

  checkoutChanges(): EndpointsChange[] {
    const changes = [...this.items.values()];
    this.items = new Map();
    return changes;
  }
}

/** applyEndpointsChanges mirrors EndpointsMap.Update; it returns the service ports whose endpoints changed. */
export function applyEndpointsChanges(map: EndpointsMap, tracker: EndpointsChangeTracker): { changedServices: Set<string> } {
  const changedServices = new Set<string>();
  for (const change of tracker.checkoutChanges()) {
    for (const key of change.previous.keys()) {
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
