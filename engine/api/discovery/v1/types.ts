// Mirrors k8s.io/api/discovery/v1/types.go and well_known_labels.go: EndpointSlice, a piece of a
// service's endpoints (at most 1000 endpoints, 100 by the controller's default). Leaves out the
// deprecatedTopology map, which nothing here reads or writes.
import type { ObjectMeta, TypeMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import type { ObjectReference, Protocol } from '../../core/v1/types-pod.js';

/** AddressType is the kind of address every endpoint of one slice carries. */
export type AddressType = 'IPv4' | 'IPv6' | 'FQDN';

export interface EndpointConditions {
  /** ready: the endpoint can take new connections (a ready pod that is not terminating). */
  ready?: boolean;
  /** serving: like ready, but also set for a terminating pod that still passes its readiness probe. */
  serving?: boolean;
  terminating?: boolean;
}

export interface ForZone {
  name: string;
}

export interface EndpointHints {
  forZones?: ForZone[];
}

export interface Endpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  targetRef?: ObjectReference;
  nodeName?: string;
  zone?: string;
  hints?: EndpointHints;
}

export interface EndpointPort {
  name?: string;
  protocol?: Protocol;
  /** port unset means "all ports" (a slice of a service without ports). */
  port?: number;
  appProtocol?: string;
}

export interface EndpointSlice extends TypeMeta {
  metadata: ObjectMeta;
  addressType: AddressType;
  endpoints: Endpoint[];
  ports?: EndpointPort[];
}

/** LabelServiceName names the service a slice belongs to (kubernetes.io/service-name). */
export const LabelServiceName = 'kubernetes.io/service-name';
/** LabelManagedBy names the controller or user that manages a slice. */
export const LabelManagedBy = 'endpointslice.kubernetes.io/managed-by';
/** ControllerName is the managed-by value of the EndpointSlice controller's slices. */
export const ControllerName = 'endpointslice-controller.k8s.io';
