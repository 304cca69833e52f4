// Mirrors pkg/proxy/userspace/roundrobin.go: LoadBalancerRR picks endpoints of a service port in
// turn, and with ClientIP session affinity sends a client back to the endpoint it used last until
// the affinity has been idle for its timeout (read from the injected clock). Endpoints are kept in
// sorted order instead of shuffled, so tests can predict the rotation.
import type { Clock } from '../../util/clock.js';

export class ErrMissingServiceEntry extends Error {
  constructor(service: string) {
    super(`missing service entry ${service}`);
  }
}
export class ErrMissingEndpoints extends Error {
  constructor(service: string) {
    super(`missing endpoints for ${service}`);
  }
}

interface AffinityState {
  clientIP: string;
  endpoint: string;
  lastUsed: number;
}

interface BalancerState {
  endpoints: string[];
  index: number;
  affinityType: 'ClientIP' | 'None';
  ttlSeconds: number;
  affinityMap: Map<string, AffinityState>;
}

export class LoadBalancerRR {
  private readonly services = new Map<string, BalancerState>();

  constructor(private readonly clock: Clock) {}

  /** newService registers a service port (or updates its affinity settings). */
  newService(service: string, affinityType: 'ClientIP' | 'None', ttlSeconds: number): void {
    const state = this.services.get(service);
    if (state) {
      state.affinityType = affinityType;
      state.ttlSeconds = ttlSeconds;
      return;
    }
    this.services.set(service, { endpoints: [], index: 0, affinityType, ttlSeconds, affinityMap: new Map() });
  }

  deleteService(service: string): void {
    this.services.delete(service);
  }

  /** serviceHasEndpoints reports whether nextEndpoint can succeed. */
  serviceHasEndpoints(service: string): boolean {
    return (this.services.get(service)?.endpoints.length ?? 0) > 0;
  }

  /**
   * nextEndpoint returns the "ip:port" to use for a new connection from srcIP. With
   * sessionAffinityReset (a retry after a failed dial) the client's affinity is ignored.
   */
  nextEndpoint(service: string, srcIP: string | undefined, sessionAffinityReset = false): string {
    const state = this.services.get(service);
    if (!state) throw new ErrMissingServiceEntry(service);
    if (state.endpoints.length === 0) throw new ErrMissingEndpoints(service);
    const now = this.clock.now();
    const sticky = state.affinityType === 'ClientIP' && srcIP !== undefined;
    if (sticky && !sessionAffinityReset) {
      const affinity = state.affinityMap.get(srcIP);
      // Affinity lasts while the client keeps coming back within the timeout.
      if (affinity && now - affinity.lastUsed < state.ttlSeconds * 1000 && state.endpoints.includes(affinity.endpoint)) {
        affinity.lastUsed = now;
        return affinity.endpoint;
      }
    }
    const endpoint = state.endpoints[state.index];
    state.index = (state.index + 1) % state.endpoints.length;
    if (sticky) state.affinityMap.set(srcIP, { clientIP: srcIP, endpoint, lastUsed: now });
    return endpoint;
  }

  /** updateEndpoints replaces a service port's endpoints; affinities to removed endpoints go. */
  updateEndpoints(service: string, endpoints: string[]): void {
    const state = this.services.get(service);
    if (!state) return;
    const next = [...endpoints].sort();
    if (next.join(',') === state.endpoints.join(',')) return;
    state.endpoints = next;
    state.index = 0;
    for (const [ip, a] of state.affinityMap) if (!next.includes(a.endpoint)) state.affinityMap.delete(ip);
  }

  /** cleanupStaleStickySessions drops affinities idle for longer than the timeout. */
  cleanupStaleStickySessions(service: string): void {
    const state = this.services.get(service);
    if (!state) return;
    const now = this.clock.now();
    for (const [ip, a] of state.affinityMap) if (now - a.lastUsed >= state.ttlSeconds * 1000) state.affinityMap.delete(ip);
  }
}
