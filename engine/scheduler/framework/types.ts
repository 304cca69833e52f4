// Mirrors pkg/scheduler/framework/types.go: NodeInfo (a node with the pods on it and what they
// request, each pod's requests computed once), PodInfo / QueuedPodInfo, and host-port bookkeeping.
// Pod affinity terms and image states are left out (ImageLocality indexes node images itself).
import type { Node, Pod } from '../../api/core/v1/types.js';
import { cloneResource, newResource, podRequests, resourceFromList, type Resource } from '../util/pod-resources.js';

/** PodInfo wraps a pod with what the scheduler precomputes about it. */
export interface PodInfo {
  pod: Pod;
  /** cachedResource holds the pod's requests, computed once when it joins a node (as upstream's). */
  cachedResource?: PodResource;
}

/** PodResource is a pod's requests as NodeInfo adds them up. */
export interface PodResource {
  requested: Resource;
  nonZeroRequested: Resource;
  hasHostPorts: boolean;
}

function calculateResource(pod: Pod): PodResource {
  return { requested: podRequests(pod), nonZeroRequested: podRequests(pod, true), hasHostPorts: hostPortsOf(pod).length > 0 };
}

/** QueuedPodInfo is a pod in the scheduling queue with its attempts and timestamps. */
export interface QueuedPodInfo extends PodInfo {
  /** timestamp is when the pod was added to the queue (or last failed); it orders and backs off. */
  timestamp: number;
  /** initialAttemptTimestamp is when the pod first entered the queue. */
  initialAttemptTimestamp: number;
  attempts: number;
  /** unschedulablePlugins names the plugins that rejected the pod last time. */
  unschedulablePlugins: Set<string>;
}

/** podKey is the namespace/name the queue and cache key pods by. */
export const podKey = (pod: Pod): string => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;

/** HostPortInfo records the host ports in use on a node: ip → "protocol/port" set. */
export class HostPortInfo {
  private readonly ports = new Map<string, Set<string>>();

  add(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const key = ip || '0.0.0.0';
    let set = this.ports.get(key);
    if (!set) this.ports.set(key, (set = new Set()));
    set.add(`${protocol || 'TCP'}/${port}`);
  }

  /** checkConflict: 0.0.0.0 conflicts with every IP, as a wildcard bind does. */
  checkConflict(ip: string | undefined, protocol: string | undefined, port: number): boolean {
    if (port <= 0) return false;
    const key = ip || '0.0.0.0';
    const pp = `${protocol || 'TCP'}/${port}`;
    if (key === '0.0.0.0') return [...this.ports.values()].some((s) => s.has(pp));
    return Boolean(this.ports.get(key)?.has(pp) || this.ports.get('0.0.0.0')?.has(pp));
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, set] of this.ports) c.ports.set(ip, new Set(set));
    return c;
  }
}

/** hostPortsOf lists the host ports a pod's containers ask for. */
export function hostPortsOf(pod: Pod): { hostIP?: string; protocol?: string; hostPort: number }[] {
  const out: { hostIP?: string; protocol?: string; hostPort: number }[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.hostPort && p.hostPort > 0) out.push({ hostIP: p.hostIP, protocol: p.protocol, hostPort: p.hostPort });
  }
  return out;
}

/** NodeInfo is a node and the pods the scheduler believes run there (bound or assumed). */
export class NodeInfo {
  node: Node | undefined;
  pods: PodInfo[] = [];
  /** requested sums the pods' requests; nonZeroRequested uses the scoring defaults. */
  requested: Resource = newResource();
  nonZeroRequested: Resource = newResource();
  allocatable: Resource = newResource();
  usedPorts = new HostPortInfo();
  /** generation changes with every change, so the cache re-copies only changed nodes per cycle. */
  generation = 0;

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.generation++;
    // Nodes written without allocatable (as early kubelets did) offer their capacity.
    this.allocatable = resourceFromList((node.status?.allocatable ?? node.status?.capacity) as Record<string, string | number> | undefined);
  }

  nodeName(): string {
    return this.node?.metadata.name ?? '';
  }

  addPod(pod: Pod): void {
    const info: PodInfo = { pod, cachedResource: calculateResource(pod) };
    this.pods.push(info);
    this.update(info, 1);
  }

  /** removePod takes a pod out by uid (or namespace/name); false when it was not here. */
  removePod(pod: Pod): boolean {
    const i = this.pods.findIndex((p) => samePod(p.pod, pod));
    if (i < 0) return false;
    const [removed] = this.pods.splice(i, 1);
    this.update(removed!, -1);
    return true;
  }

  private update(info: PodInfo, sign: 1 | -1): void {
    this.generation++;
    const res = (info.cachedResource ??= calculateResource(info.pod));
    const req = res.requested;
    const nz = res.nonZeroRequested;
    this.requested.milliCPU += sign * req.milliCPU;
    this.requested.memory += sign * req.memory;
    this.requested.ephemeralStorage += sign * req.ephemeralStorage;
    for (const k in req.scalarResources) this.requested.scalarResources[k] = (this.requested.scalarResources[k] ?? 0) + sign * req.scalarResources[k]!;
    this.nonZeroRequested.milliCPU += sign * nz.milliCPU;
    this.nonZeroRequested.memory += sign * nz.memory;
    if (!res.hasHostPorts) return;
    if (sign > 0) for (const p of hostPortsOf(info.pod)) this.usedPorts.add(p.hostIP, p.protocol, p.hostPort);
    else {
      this.usedPorts = new HostPortInfo();
      for (const { pod: other } of this.pods) for (const p of hostPortsOf(other)) this.usedPorts.add(p.hostIP, p.protocol, p.hostPort);
    }
  }

  /** snapshot copies the node info so a scheduling cycle can add a pod without touching the cache. */
  snapshot(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.pods = [...this.pods];
    c.requested = cloneResource(this.requested);
    c.nonZeroRequested = cloneResource(this.nonZeroRequested);
    c.allocatable = cloneResource(this.allocatable);
    c.usedPorts = this.usedPorts.clone();
    return c;
  }
}

/** samePod compares by uid when both have one, else by namespace/name. */
export function samePod(a: Pod, b: Pod): boolean {
  if (a.metadata.uid && b.metadata.uid) return a.metadata.uid === b.metadata.uid;
  return podKey(a) === podKey(b);
}

/** podPriority is spec.priority, 0 when unset (corev1helpers.PodPriority). */
export const podPriority = (pod: Pod): number => pod.spec?.priority ?? 0;
