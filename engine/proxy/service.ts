// Mirrors pkg/proxy/service.go: BaseServicePortInfo (what a proxier needs of one service port),
// ServiceChangeTracker (pending changes per service, merged until the next sync) and ServicePortMap.
// Dual-stack, topology and UDP conntrack bookkeeping are left out.
import type { Protocol, Service, ServicePort } from '../api/core/v1/types.js';
import { servicePortNameKey, type ServicePortName } from './types.js';

/** defaultStickyMaxAgeSeconds is ClientIP affinity's default timeout (3 hours). */
export const defaultStickyMaxAgeSeconds = 10800;

export interface ServicePortInfo {
  name: ServicePortName;
  clusterIP: string;
  port: number;
  protocol: Protocol;
  nodePort: number;
  /** targetPort is the service port's targetPort (a number or a container port name). */
  targetPort: number | string;
  sessionAffinityType: 'ClientIP' | 'None';
  stickyMaxAgeSeconds: number;
  externalIPs: string[];
  loadBalancerSourceRanges: string[];
  loadBalancerVIPs: string[];
  healthCheckNodePort: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
}

/** externallyAccessible: reachable through a NodePort, an external IP or a load balancer IP. */
export function externallyAccessible(info: ServicePortInfo): boolean {
  return info.nodePort !== 0 || info.externalIPs.length > 0 || info.loadBalancerVIPs.length > 0;
}

/** usesLocalEndpoints is true when any traffic policy is Local. */
export function usesLocalEndpoints(info: ServicePortInfo): boolean {
  return info.internalPolicyLocal || (info.externalPolicyLocal && externallyAccessible(info));
}

/** newBaseServicePortInfo mirrors newBaseServiceInfo. */
export function newBaseServicePortInfo(service: Service, port: ServicePort): ServicePortInfo {
  const spec = service.spec ?? {};
  const protocol = port.protocol ?? 'TCP';
  const affinity = spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None';
  const type = spec.type ?? 'ClusterIP';
  const externalAccess = type === 'NodePort' || type === 'LoadBalancer';
  return {
    name: { namespace: service.metadata.namespace ?? 'default', name: service.metadata.name ?? '', port: port.name ?? '', protocol },
    clusterIP: spec.clusterIP ?? '',
    port: port.port,
    protocol,
    nodePort: port.nodePort ?? 0,
    targetPort: port.targetPort ?? port.port,
    sessionAffinityType: affinity,
    stickyMaxAgeSeconds: affinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? defaultStickyMaxAgeSeconds) : 0,
    externalIPs: [...(spec.externalIPs ?? [])],
    // Upstream trims whitespace and ignores invalid ranges rather than failing the whole sync.
    loadBalancerSourceRanges: (spec.loadBalancerSourceRanges ?? []).map((r) => r.trim()).filter((r) => r !== ''),
    loadBalancerVIPs: type === 'LoadBalancer' ? (service.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : [])) : [],
    healthCheckNodePort: spec.healthCheckNodePort ?? 0,
    externalPolicyLocal: externalAccess && spec.externalTrafficPolicy === 'Local',
    internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
  };
}

/** ServicePortMap maps servicePortNameKey → info. */
export type ServicePortMap = Map<string, ServicePortInfo>;

/** serviceToServiceMap mirrors ServiceChangeTracker.serviceToServiceMap: headless and ExternalName services have no ports to proxy. */
export function serviceToServiceMap(service: Service | undefined): ServicePortMap {
  const map: ServicePortMap = new Map();
  if (!service) return map;
  const spec = service.spec ?? {};
  if (!spec.clusterIP || spec.clusterIP === 'None' || spec.type === 'ExternalName') return map;
  for (const port of spec.ports ?? []) {
    const info = newBaseServicePortInfo(service, port);
    map.set(servicePortNameKey(info.name), info);
  }
  return map;
}

interface ServiceChange {
  previous: ServicePortMap;
  current: ServicePortMap;
}

/** ServiceChangeTracker accumulates service changes between syncs. */
export class ServiceChangeTracker {
  private items = new Map<string, ServiceChange>();

  /**
   * update records a change (previous undefined = add, current undefined = delete). It returns true
   * when there are pending changes for the service afterwards.
   */
  update(previous: Service | undefined, current: Service | undefined): boolean {
    const svc = current ?? previous;
    if (!svc) return false;
    const key = `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
    let change = this.items.get(key);
    if (!change) {
      change = { previous: serviceToServiceMap(previous), current: new Map() };
      this.items.set(key, change);
    }
    change.current = serviceToServiceMap(current);
    // A change that ends where it started is no change at all.
    if (sameServicePortMaps(change.previous, change.current)) this.items.delete(key);
    return this.items.size > 0;
  }

  pending(): number {
    return this.items.size;
  }

  /** checkoutChanges hands the pending changes to the caller and resets the tracker. */
  checkoutChanges(): ServiceChange[] {
    const changes = [...this.items.values()];
    this.items = new Map();
    return changes;
  }
}

/** applyServiceChanges mirrors ServicePortMap.Update: merge the tracker's changes into the map. */
export function applyServiceChanges(map: ServicePortMap, tracker: ServiceChangeTracker): { deletedPorts: ServicePortInfo[] } {
  const deletedPorts: ServicePortInfo[] = [];
  for (const change of tracker.checkoutChanges()) {
    for (const [key, info] of change.previous) {
      if (change.current.has(key)) continue;
      map.delete(key);
      deletedPorts.push(info);
    }
    for (const [key, info] of change.current) map.set(key, info);
  }
  return { deletedPorts };
}

function sameServicePortMaps(a: ServicePortMap, b: ServicePortMap): boolean {
  if (a.size !== b.size) return false;
  for (const [key, info] of a) {
    const other = b.get(key);
    if (!other || JSON.stringify(info) !== JSON.stringify(other)) return false;
  }
  return true;
}
