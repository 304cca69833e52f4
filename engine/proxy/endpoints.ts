// Mirrors pkg/proxy/endpoints.go: BaseEndpointInfo, EndpointsChangeTracker and EndpointsMap, fed by
// EndpointSlices (EndpointSliceUpdate) through the EndpointSliceCache. A change only records the
// slice; the merge happens once per sync in checkoutChanges, so a stream of updates coalesced by
// --iptables-min-sync-period is converted once. Endpoints are sorted by "ip:port" so two syncs of the
// same state write identical rules.
import type { Endpoints } from '../api/core/v1/types.js';
import type { EndpointSlice } from '../api/discovery/v1/types.js';
import { EndpointSliceCache, endpointsMapFor, supportedAddressType } from './endpointslicecache.js';
import { endpointsToSlices } from './legacy-endpoints.js';
import type { ServicePortName } from './types.js';

export interface EndpointInfo {
  ip: string;
  port: number;
  /** isLocal: the endpoint runs on this proxier's node. */
  isLocal: boolean;
  /** ready: the endpoint takes new connections (serving and not terminating). */
  ready: boolean;
  serving?: boolean;
  terminating?: boolean;
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

/** endpointsToEndpointsMap merges the slices a legacy Endpoints object stands for, as seen from hostname. */
export function endpointsToEndpointsMap(endpoints: Endpoints | undefined, hostname: string): EndpointsMap {
  return endpoints ? endpointsMapFor(endpointsToSlices(endpoints), hostname) : new Map();
}

/** EndpointsChangeTracker accumulates EndpointSlice changes between syncs. */
export class EndpointsChangeTracker {
  private readonly cache: EndpointSliceCache;

  constructor(hostname: string) {
    this.cache = new EndpointSliceCache(hostname);
  }

  /**
   * endpointSliceUpdate records a slice added, updated or (remove) deleted, and returns true when it
   * changed what the next sync will see. Slices of address types kube-proxy does not read are ignored.
   */
  endpointSliceUpdate(slice: EndpointSlice, remove: boolean): boolean {
    if (!supportedAddressType(slice)) return false;
    return this.cache.updatePending(slice, remove) && this.cache.pending() > 0;
  }

  /**
   * update records a change of a legacy Endpoints object as the slices it stands for (see
   * legacy-endpoints.ts); it returns true when changes are pending afterwards.
   */
  update(previous: Endpoints | undefined, current: Endpoints | undefined): boolean {
    const next = current ? endpointsToSlices(current) : [];
    const names = new Set(next.map((s) => s.metadata.name));
    let changed = false;
    for (const old of previous ? endpointsToSlices(previous) : []) if (!names.has(old.metadata.name)) changed = this.cache.updatePending(old, true) || changed;
    for (const slice of next) changed = this.cache.updatePending(slice, false) || changed;
    return changed && this.cache.pending() > 0;
  }

  pending(): number {
    return this.cache.pending();
  }

  checkoutChanges() {
    return this.cache.checkoutChanges();
  }
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
