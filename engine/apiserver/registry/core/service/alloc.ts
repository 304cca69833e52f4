// Mirrors pkg/registry/core/service/storage/alloc.go: allocating cluster IPs and node ports when a
// service is created or updated, all-or-nothing (a failure releases what this request took), and
// releasing them when the service is deleted or changes type. Single-stack IPv4 only.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import { newInternalError, newInvalid } from '../../../../apimachinery/api/errors/errors.js';
import { invalid, type ErrorList } from '../../../../apimachinery/util/validation/field/errors.js';
import type { Service, ServicePort } from '../../../../api/core/v1/types.js';
import type { StrategyServices } from '../../rest/resource.js';

const serviceKind = { group: '', kind: 'Service' };

export const asService = (obj: KubeObject) => obj as unknown as Service;

/** needsClusterIP: every type but ExternalName gets a cluster IP (or is headless). */
export function needsClusterIP(svc: Service): boolean {
  return (svc.spec?.type ?? 'ClusterIP') !== 'ExternalName';
}

/** needsNodePort: NodePort services, and LoadBalancers unless allocateLoadBalancerNodePorts is false. */
export function needsNodePort(svc: Service): boolean {
  const t = svc.spec?.type;
  return t === 'NodePort' || (t === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false);
}

/** needsHCNodePort: LoadBalancers with externalTrafficPolicy Local get a health check node port. */
export function needsHCNodePort(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local';
}

/** clusterIPsOf lists the real addresses a service holds (not "None", not empty). */
export function clusterIPsOf(svc: Service): string[] {
  const ips = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
  return ips.filter((ip) => ip && ip !== 'None');
}

/** nodePortsOf lists the node ports a service holds, including the health check port. */
export function nodePortsOf(svc: Service): number[] {
  const ports = (svc.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p > 0);
  if (svc.spec?.healthCheckNodePort) ports.push(svc.spec.healthCheckNodePort);
  return [...new Set(ports)];
}

/** normalizeClusterIPs keeps clusterIP and clusterIPs[0] in step when only one was given. */
export function normalizeClusterIPs(svc: Service): void {
  const spec = (svc.spec ??= {});
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  else if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
}

/** Transaction records what one request allocated so a failure can give it all back. */
class Transaction {
  ips: string[] = [];
  ports: number[] = [];
  constructor(private readonly services: StrategyServices) {}
  revert(): void {
    for (const ip of this.ips) this.services.serviceIPs.release(ip);
    for (const p of this.ports) this.services.nodePorts.release(p);
  }

  /** nextIP takes a free cluster IP; a full range reverts the transaction and fails the request. */
  nextIP(): string {
    const ip = this.services.serviceIPs.allocateNext();
    if (ip === undefined) this.full('serviceIP');
    this.ips.push(ip);
    return ip;
  }

  /** nextNodePort takes a free node port, as nextIP does. */
  nextNodePort(): number {
    const port = this.services.nodePorts.allocateNext();
    if (port === undefined) this.full('nodePort');
    this.ports.push(port);
    return port;
  }

  private full(what: string): never {
    this.revert();
    throw newInternalError(new Error(`failed to allocate a ${what}: range is full`));
  }
}

function fail(tx: Transaction, svc: Service, errs: ErrorList): never {
  tx.revert();
  throw newInvalid(serviceKind, svc.metadata.name ?? '', errs);
}

function allocateClusterIPs(svc: Service, tx: Transaction, services: StrategyServices, errs: ErrorList): void {
  const spec = svc.spec!;
  normalizeClusterIPs(svc);
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  const ip = spec.clusterIPs?.[0];
  if (ip === 'None') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
    return;
  }
  if (ip) {
    const err = services.serviceIPs.allocate(ip);
    // Upstream reports the whole clusterIPs list (allocIPs in alloc.go).
    if (err) errs.push(invalid('spec.clusterIPs', spec.clusterIPs, `failed to allocate IP ${ip}: ${err}`));
    else tx.ips.push(ip);
    return;
  }
  const next = tx.nextIP();
  spec.clusterIP = next;
  spec.clusterIPs = [next];
}

/**
 * allocateNodePorts gives every port of svc a node port: requested ones are reserved unless `held`
 * (already owned by the old version of the service); ports sharing a port number with another
 * protocol share the node port, as upstream does.
 */
function allocateNodePorts(svc: Service, held: Set<number>, tx: Transaction, services: StrategyServices, errs: ErrorList): void {
  const ports: ServicePort[] = svc.spec?.ports ?? [];
  const taken = new Set<number>();
  const take = (np: number, field: string) => {
    if (held.has(np) || taken.has(np)) {
      taken.add(np);
      return;
    }
    const err = services.nodePorts.allocate(np);
    if (err) errs.push(invalid(field, np, err));
    else {
      tx.ports.push(np);
      taken.add(np);
    }
  };
  const byPort = new Map<number, number>();
  ports.forEach((p, i) => {
    if (p.nodePort) {
      take(p.nodePort, `spec.ports[${i}].nodePort`);
      byPort.set(p.port, p.nodePort);
    }
  });
  for (const p of ports) {
    if (p.nodePort) continue;
    const shared = byPort.get(p.port);
    if (shared) {
      p.nodePort = shared;
      continue;
    }
    const next = tx.nextNodePort();
    p.nodePort = next;
    byPort.set(p.port, next);
  }
  if (needsHCNodePort(svc)) {
    const spec = svc.spec!;
    if (spec.healthCheckNodePort) take(spec.healthCheckNodePort, 'spec.healthCheckNodePort');
    else spec.healthCheckNodePort = tx.nextNodePort();
  }
}

/** allocateForCreate reserves the new service's cluster IP and node ports, or throws 422/500. */
export function allocateForCreate(svc: Service, services: StrategyServices): void {
  svc.spec ??= {};
  const tx = new Transaction(services);
  const errs: ErrorList = [];
  if (needsClusterIP(svc)) allocateClusterIPs(svc, tx, services, errs);
  if (errs.length) fail(tx, svc, errs);
  if (needsNodePort(svc) || needsHCNodePort(svc)) {
    if (!needsNodePort(svc)) {
      allocateHealthCheckOnly(svc, new Set(), tx, services, errs);
    } else {
      allocateNodePorts(svc, new Set(), tx, services, errs);
    }
  }
  if (errs.length) fail(tx, svc, errs);
}

function allocateHealthCheckOnly(svc: Service, held: Set<number>, tx: Transaction, services: StrategyServices, errs: ErrorList): void {
  // A LoadBalancer without node ports still needs its health check port.
  const ports = svc.spec!.ports;
  svc.spec!.ports = [];
  try {
    allocateNodePorts(svc, held, tx, services, errs);
  } finally {
    svc.spec!.ports = ports;
  }
}

/**
 * allocateForUpdate takes what the new version needs beyond the old one and releases what the old
 * version held and the new one no longer uses — the releases only after everything succeeded.
 */
export function allocateForUpdate(svc: Service, old: Service, services: StrategyServices): void {
  svc.spec ??= {};
  const tx = new Transaction(services);
  const errs: ErrorList = [];
  if (!needsClusterIP(old) && needsClusterIP(svc)) allocateClusterIPs(svc, tx, services, errs);
  if (errs.length) fail(tx, svc, errs);
  const oldPorts = new Set(nodePortsOf(old));
  if (needsNodePort(svc)) allocateNodePorts(svc, oldPorts, tx, services, errs);
  else if (needsHCNodePort(svc)) allocateHealthCheckOnly(svc, oldPorts, tx, services, errs);
  if (errs.length) fail(tx, svc, errs);

  if (needsClusterIP(old) && !needsClusterIP(svc)) for (const ip of clusterIPsOf(old)) services.serviceIPs.release(ip);
  const keep = new Set(needsNodePort(svc) || needsHCNodePort(svc) ? nodePortsOf(svc) : []);
  for (const p of oldPorts) if (!keep.has(p)) services.nodePorts.release(p);
}

/** releaseAllocations frees everything a deleted service held. */
export function releaseAllocations(svc: Service, services: StrategyServices): void {
  for (const ip of clusterIPsOf(svc)) services.serviceIPs.release(ip);
  for (const p of nodePortsOf(svc)) services.nodePorts.release(p);
}

/**
 * patchAllocatedValues copies the old cluster IPs and node ports into an update that left them out
 * (an `apply` of a manifest without them), as upstream's beginUpdate does, so they are kept.
 */
export function patchAllocatedValues(svc: Service, old: Service): void {
  const spec = (svc.spec ??= {});
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!spec.clusterIP) spec.clusterIP = old.spec?.clusterIP;
    if (!spec.clusterIPs?.length && old.spec?.clusterIPs?.length && spec.clusterIP === old.spec.clusterIPs[0]) {
      spec.clusterIPs = [...old.spec.clusterIPs];
    }
    if (!spec.clusterIP) delete spec.clusterIP;
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const usedNew = new Set((spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p > 0));
    const byName = new Map((old.spec?.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const oldVal = byName.get(p.name ?? '') ?? 0;
      if (oldVal && !usedNew.has(oldVal)) p.nodePort = oldVal;
    }
  }
  if (needsHCNodePort(old) && needsHCNodePort(svc) && !spec.healthCheckNodePort && old.spec?.healthCheckNodePort) {
    spec.healthCheckNodePort = old.spec.healthCheckNodePort;
  }
}
