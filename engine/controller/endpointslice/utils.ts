// Mirrors staging/src/k8s.io/endpointslice/utils.go and util/controller_utils.go: a pod as an
// endpoint (addresses of the slice's family, ready/serving/terminating, nodeName, zone, targetRef,
// hostname), a service's ports as a pod exposes them, new slices and their labels, the keys that
// group endpoints by ports and identify an endpoint. Leaves out topology hints and the trigger-time
// annotation.
import type { Node, Pod, Service } from '../../api/core/v1/types.js';
import { ControllerName, LabelManagedBy, LabelServiceName, type AddressType, type Endpoint, type EndpointPort, type EndpointSlice } from '../../api/discovery/v1/types.js';
import { deepEqual } from '../../apimachinery/api/equality/semantic.js';
import { nameIsDNSSubdomain } from '../../apimachinery/api/validation/generic.js';
import { IsHeadlessService } from '../endpoint/endpoints-controller.js';
import { findPort, isPodReady } from '../pod-util.js';

/** LabelTopologyZone is the node label a slice copies into each endpoint's zone. */
export const LabelTopologyZone = 'topology.kubernetes.io/zone';

const isIPv6 = (ip: string) => ip.includes(':');

/** getAddressTypesForService: the service's ipFamilies, else its cluster IP's family, else both (headless). */
export function getAddressTypesForService(service: Service): Set<AddressType> {
  const types = new Set<AddressType>();
  for (const family of service.spec?.ipFamilies ?? []) {
    if (family === 'IPv4') types.add('IPv4');
    if (family === 'IPv6') types.add('IPv6');
  }
  if (types.size) return types;
  const clusterIP = service.spec?.clusterIP;
  if (clusterIP && clusterIP !== 'None') return new Set([isIPv6(clusterIP) ? 'IPv6' : 'IPv4']);
  return new Set(['IPv4', 'IPv6']);
}

/** getEndpointAddresses lists the pod IPs of the slice's family. */
function getEndpointAddresses(pod: Pod, addressType: AddressType): string[] {
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
  return ips.filter((ip) => isIPv6(ip) === (addressType === 'IPv6'));
}

/** shouldSetHostname: a pod with hostname and subdomain = service name gets a DNS name of its own. */
function shouldSetHostname(pod: Pod, service: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace;
}

/**
 * podToEndpoint: serving is the pod's readiness; ready is serving and not terminating (or always,
 * with publishNotReadyAddresses), so a terminating pod stops taking new connections at once.
 */
export function podToEndpoint(pod: Pod, node: Node | undefined, service: Service, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp != null;
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: Endpoint = {
    addresses: getEndpointAddresses(pod, addressType),
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[LabelTopologyZone];
  if (zone) ep.zone = zone;
  if (shouldSetHostname(pod, service)) ep.hostname = pod.spec!.hostname;
  return ep;
}

/** getEndpointPorts resolves each service port on the pod; ports the pod does not expose are left out. */
export function getEndpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const ports: EndpointPort[] = [];
  // A headless service may have no ports.
  if (!service.spec?.ports?.length && service.spec?.clusterIP === 'None') return ports;
  for (const sp of service.spec?.ports ?? []) {
    let port: number;
    try {
      port = findPort(pod, sp);
    } catch {
      continue;
    }
    const ep: EndpointPort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    ports.push(ep);
  }
  return ports;
}

/** portMapKey identifies a set of ports, whatever their order (NewPortMapKey). */
export function portMapKey(ports: EndpointPort[] | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}/${p.protocol ?? ''}/${p.port ?? ''}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

/** endpointKey identifies an endpoint by what hashEndpoint hashes: addresses, hostname, target. */
export function endpointKey(ep: Endpoint): string {
  const addresses = ep.addresses.length === 1 ? ep.addresses[0] : [...ep.addresses].sort().join(',');
  return `${addresses}|${ep.hostname ?? ''}|${ep.targetRef?.namespace ?? ''}/${ep.targetRef?.name ?? ''}`;
}

/** endpointsEqualBeyondHash compares what endpointKey leaves out: conditions, node, zone, hints, target. */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  const ca = a.conditions ?? {};
  const cb = b.conditions ?? {};
  if ((a.nodeName ?? '') !== (b.nodeName ?? '') || (a.zone ?? '') !== (b.zone ?? '')) return false;
  if (ca.ready !== cb.ready || ca.serving !== cb.serving || ca.terminating !== cb.terminating) return false;
  if (!deepEqual(a.hints ?? null, b.hints ?? null)) return false;
  const ta = a.targetRef;
  const tb = b.targetRef;
  if (!ta || !tb) return !ta && !tb;
  return ta.kind === tb.kind && ta.namespace === tb.namespace && ta.name === tb.name && ta.uid === tb.uid;
}

const isReservedLabelKey = (key: string) => key === LabelServiceName || key === LabelManagedBy || key === IsHeadlessService;

/**
 * setEndpointSliceLabels computes a slice's labels: the service's own (reserved keys aside), the
 * headless mark, the service name and the manager. changed says the copied service labels differ.
 */
export function setEndpointSliceLabels(slice: EndpointSlice, service: Service, controllerName = ControllerName): { labels: Record<string, string>; changed: boolean } {
  const own: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice.metadata.labels ?? {})) if (!isReservedLabelKey(k)) own[k] = v;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) if (!isReservedLabelKey(k)) labels[k] = v;
  const changed = !deepEqual(own, labels);
  const clusterIP = service.spec?.clusterIP;
  if (!clusterIP || clusterIP === 'None') labels[IsHeadlessService] = '';
  labels[LabelServiceName] = service.metadata.name ?? '';
  labels[LabelManagedBy] = controllerName;
  return { labels, changed };
}

/** getEndpointSlicePrefix is "<service>-", or the bare name when the dash would not make a valid prefix. */
function getEndpointSlicePrefix(serviceName: string): string {
  const prefix = `${serviceName}-`;
  return nameIsDNSSubdomain(prefix, true).length ? serviceName : prefix;
}

/** newEndpointSlice is an empty slice of the service, owned by it (controller reference), with generateName. */
export function newEndpointSlice(service: Service, ports: EndpointPort[], addressType: AddressType, controllerName = ControllerName): EndpointSlice {
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: getEndpointSlicePrefix(service.metadata.name ?? ''),
      namespace: service.metadata.namespace,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: service.metadata.name ?? '', uid: service.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
  slice.metadata.labels = setEndpointSliceLabels(slice, service, controllerName).labels;
  return slice;
}

/** ownedBy: the slice carries an owner reference to this very service (same UID). */
export function ownedBy(slice: EndpointSlice, service: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o) => o.uid === service.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** getSliceToFill picks the slice that comes closest to full once numEndpoints are added to it. */
export function getSliceToFill(slices: EndpointSlice[], numEndpoints: number, maxEndpoints: number): EndpointSlice | undefined {
  let closestDiff = maxEndpoints;
  let closest: EndpointSlice | undefined;
  for (const slice of slices) {
    const diff = maxEndpoints - (numEndpoints + slice.endpoints.length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = slice;
      if (diff === 0) return closest;
    }
  }
  return closest;
}

/** shouldPodBeInEndpoints (includeTerminating): the pod has an IP and is not terminal (Succeeded or Failed). */
export function shouldPodBeInEndpoints(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return !!pod.status?.podIP || !!pod.status?.podIPs?.length;
}
