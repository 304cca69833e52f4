// Mirrors the generated OpenAPI definitions of k8s.io/api discovery/v1 (EndpointSlice). Field sets
// match engine/api/discovery/v1/types.ts; deprecatedTopology is left out as there.
import { CORE, T, bool, int32, listDef, listOf, ref, refP, str, struct, type TypeDef, topLevel as top } from './builder.js';

export const DISCOVERY = 'io.k8s.api.discovery.v1.';
const d = (name: string) => DISCOVERY + name;

export const discoveryDefs: TypeDef[] = [
  top(DISCOVERY, 'discovery.k8s.io', 'EndpointSlice', 'A subset of the endpoints that implement a service; the controller keeps at most 100 endpoints per slice by default.', {
    addressType: str('Type of address in every endpoint of this slice: IPv4, IPv6 or FQDN. Immutable.', { required: true, enum: ['FQDN', 'IPv4', 'IPv6'] }),
    endpoints: listOf(T.ref(d('Endpoint')), 'Unique endpoints of this slice; at most 1000.', { listType: 'atomic' }, { required: true }),
    ports: listOf(T.ref(d('EndpointPort')), 'Network ports every endpoint of this slice exposes; at most 100.', { listType: 'atomic' }),
  }),
  struct(d('Endpoint'), 'A single logical backend of a service.', {
    addresses: listOf(T.str, 'Addresses of this endpoint, of the slice\'s address type; consumers use the first.', { listType: 'set' }, { required: true }),
    conditions: ref(d('EndpointConditions'), 'The current state of the endpoint.'),
    hostname: str('Hostname of this endpoint (a DNS label).'),
    targetRef: refP(CORE + 'ObjectReference', 'The object (usually a pod) that provides this endpoint.'),
    nodeName: str('The node hosting this endpoint.'),
    zone: str('The zone this endpoint exists in.'),
    hints: refP(d('EndpointHints'), 'Information to help consumers route to this endpoint.'),
  }),
  struct(d('EndpointConditions'), 'The current condition of an endpoint.', {
    ready: bool('The endpoint is ready to receive traffic: serving and not terminating.'),
    serving: bool('The endpoint passes its readiness checks, terminating or not.'),
    terminating: bool('The endpoint is terminating.'),
  }),
  struct(d('EndpointHints'), 'Hints for how an endpoint should be consumed.', {
    forZones: listOf(T.ref(d('ForZone')), 'Zones this endpoint should serve under topology aware routing; at most 8.', { listType: 'atomic' }),
  }),
  struct(d('ForZone'), 'A zone an endpoint should be consumed by.', { name: str('The name of the zone.', { required: true }) }),
  struct(d('EndpointPort'), 'A port used by an EndpointSlice.', {
    name: str('Name of this port: the service port\'s name; unique in the slice.'),
    protocol: str('IP protocol of this port: TCP, UDP or SCTP. Default TCP.'),
    port: int32('Port number of the endpoint; unset means every port.'),
    appProtocol: str('Application protocol of this port.'),
  }),
  listDef(DISCOVERY, 'EndpointSlice', 'discovery.k8s.io', 'v1', 'endpoint slices'),
];
