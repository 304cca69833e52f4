// No single upstream twin: the handler methods every upstream proxier (iptables, ipvs, nftables)
// repeats — feed the change trackers, mark the proxier initialized once services and endpoints
// have synced, and ask the BoundedFrequencyRunner for a sync.
import type { Endpoints, Service } from '../api/core/v1/types.js';
import type { EndpointSlice } from '../api/discovery/v1/types.js';
import type { Clock } from '../util/clock.js';
import { applyEndpointsChanges, EndpointsChangeTracker, type EndpointsMap } from './endpoints.js';
import { applyServiceChanges, ServiceChangeTracker, type ServicePortInfo, type ServicePortMap } from './service.js';
import type { Provider } from './types.js';
import { BoundedFrequencyRunner } from './util/async/bounded-frequency-runner.js';

export interface BaseProxierOptions {
  clock: Clock;
  /** hostname is this node's name: endpoints with this nodeName are local. */
  hostname: string;
  /** minSyncPeriod is --iptables-min-sync-period (ms, default 1s). */
  minSyncPeriod?: number;
  /** syncPeriod is --iptables-sync-period (ms, default 30s). */
  syncPeriod?: number;
  /** onError sees sync failures (default console.error). */
  onError?: (err: unknown) => void;
}

export abstract class BaseProxier implements Provider {
  readonly serviceMap: ServicePortMap = new Map();
  readonly endpointsMap: EndpointsMap = new Map();
  protected readonly serviceChanges = new ServiceChangeTracker();
  protected readonly endpointsChanges: EndpointsChangeTracker;
  protected readonly clock: Clock;
  protected readonly hostname: string;
  protected readonly syncRunner: BoundedFrequencyRunner;
  protected readonly onError: (err: unknown) => void;
  private servicesSynced = false;
  private endpointsSynced = false;
  /** syncCount counts completed syncProxyRules runs (for tests and metrics). */
  syncCount = 0;

  constructor(options: BaseProxierOptions) {
    this.clock = options.clock;
    this.hostname = options.hostname;
    this.endpointsChanges = new EndpointsChangeTracker(options.hostname);
    this.onError = options.onError ?? ((err) => console.error(err));
    this.syncRunner = new BoundedFrequencyRunner('sync-runner', () => this.syncProxyRules(), this.clock, options.minSyncPeriod ?? 1000, options.syncPeriod ?? 30_000);
  }

  /** isInitialized: both informers have delivered their first lists (no partial rule sets). */
  isInitialized(): boolean {
    return this.servicesSynced && this.endpointsSynced;
  }

  sync(): void {
    if (this.isInitialized()) this.syncRunner.run();
  }

  syncLoop(signal: AbortSignal): Promise<void> {
    return this.syncRunner.loop(signal);
  }

  onServiceAdd(service: Service): void {
    this.onServiceUpdate(undefined, service);
  }
  onServiceUpdate(oldService: Service | undefined, service: Service): void {
    if (this.serviceChanges.update(oldService, service)) this.sync();
  }
  onServiceDelete(service: Service): void {
    if (this.serviceChanges.update(service, undefined)) this.sync();
  }
  onServiceSynced(): void {
    this.servicesSynced = true;
    this.syncIfInitialized();
  }

  onEndpointSliceAdd(slice: EndpointSlice): void {
    if (this.endpointsChanges.endpointSliceUpdate(slice, false)) this.sync();
  }
  onEndpointSliceUpdate(_oldSlice: EndpointSlice, slice: EndpointSlice): void {
    if (this.endpointsChanges.endpointSliceUpdate(slice, false)) this.sync();
  }
  onEndpointSliceDelete(slice: EndpointSlice): void {
    if (this.endpointsChanges.endpointSliceUpdate(slice, true)) this.sync();
  }
  onEndpointSlicesSynced(): void {
    this.endpointsSynced = true;
    this.syncIfInitialized();
  }

  // The legacy Endpoints handler: each object is fed as the slices it stands for.
  onEndpointsAdd(endpoints: Endpoints): void {
    this.onEndpointsUpdate(undefined, endpoints);
  }
  onEndpointsUpdate(oldEndpoints: Endpoints | undefined, endpoints: Endpoints): void {
    if (this.endpointsChanges.update(oldEndpoints, endpoints)) this.sync();
  }
  onEndpointsDelete(endpoints: Endpoints): void {
    if (this.endpointsChanges.update(endpoints, undefined)) this.sync();
  }
  onEndpointsSynced(): void {
    this.endpointsSynced = true;
    this.syncIfInitialized();
  }

  private syncIfInitialized(): void {
    // Upstream calls syncProxyRules directly here: the first full sync happens at once.
    if (this.isInitialized()) void this.syncProxyRules();
  }

  /** applyChanges merges pending tracker changes into serviceMap and endpointsMap. */
  protected applyChanges(): { deletedPorts: ServicePortInfo[]; changedServices: Set<string> } {
    const { deletedPorts } = applyServiceChanges(this.serviceMap, this.serviceChanges);
    const { changedServices } = applyEndpointsChanges(this.endpointsMap, this.endpointsChanges);
    return { deletedPorts, changedServices };
  }

  /** syncProxyRules brings the dataplane in line with serviceMap and endpointsMap. */
  abstract syncProxyRules(): void | Promise<void>;
}
