// Mirrors pkg/proxy/types.go: ServicePortName (a service port's identity) and the Provider interface
// the config handlers feed with services and EndpointSlices. The legacy Endpoints handler is kept
// beside it for feeding a proxier Endpoints objects directly (its tests do); kube-proxy's server
// wires only slices, as upstream's.
import type { Endpoints, Protocol, Service } from '../api/core/v1/types.js';
import type { EndpointSlice } from '../api/discovery/v1/types.js';

/** ServicePortName names one port of one service; port is the port's name ("" when unnamed). */
export interface ServicePortName {
  namespace: string;
  name: string;
  port: string;
  protocol: Protocol;
}

/** servicePortNameString prints "ns/name:port" (no ":port" for an unnamed port), as upstream's String(). */
export function servicePortNameString(spn: ServicePortName): string {
  return `${spn.namespace}/${spn.name}${spn.port ? `:${spn.port}` : ''}`;
}

/** servicePortNameKey is the map key of a service port: the name plus the protocol. */
export function servicePortNameKey(spn: ServicePortName): string {
  return `${servicePortNameString(spn)}/${spn.protocol}`;
}

/** ServiceHandler receives service changes (pkg/proxy/config.ServiceHandler). */
export interface ServiceHandler {
  onServiceAdd(service: Service): void;
  onServiceUpdate(oldService: Service, service: Service): void;
  onServiceDelete(service: Service): void;
  onServiceSynced(): void;
}

/** EndpointSliceHandler receives EndpointSlice changes (pkg/proxy/config.EndpointSliceHandler). */
export interface EndpointSliceHandler {
  onEndpointSliceAdd(slice: EndpointSlice): void;
  onEndpointSliceUpdate(oldSlice: EndpointSlice, slice: EndpointSlice): void;
  onEndpointSliceDelete(slice: EndpointSlice): void;
  onEndpointSlicesSynced(): void;
}

/** EndpointsHandler receives legacy endpoints changes (the pre-EndpointSlice EndpointsHandler). */
export interface EndpointsHandler {
  onEndpointsAdd(endpoints: Endpoints): void;
  onEndpointsUpdate(oldEndpoints: Endpoints, endpoints: Endpoints): void;
  onEndpointsDelete(endpoints: Endpoints): void;
  onEndpointsSynced(): void;
}

/** Provider is what every proxier mode implements. */
export interface Provider extends ServiceHandler, EndpointSliceHandler, EndpointsHandler {
  /** sync asks for an immediate (rate-limited) resync of the dataplane. */
  sync(): void;
  /** syncLoop runs periodic syncs until the signal aborts. */
  syncLoop(signal: AbortSignal): Promise<void>;
}
