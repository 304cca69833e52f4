// The cluster view's data: what <ClusterView> draws, built in the lab worker from its informers'
// caches and posted to the page as plain JSON. Pod statuses follow kubectl get pods' STATUS column
// (the waiting reason, Terminating, Completed…), so the picture and the terminal agree.
import type { Endpoints, Node, Pod, Service } from '../../../engine/api/core/v1/types.js';

/** Health is the colour a pod or node is drawn in. */
export type Health = 'ok' | 'progress' | 'error' | 'done' | 'terminating';

export interface PodView {
  namespace: string;
  name: string;
  /** status is kubectl's STATUS column: Running, Pending, ContainerCreating, ErrImagePull, … */
  status: string;
  health: Health;
  /** ready is kubectl's READY column (e.g. 1/1). */
  ready: string;
  ip?: string;
  node?: string;
}

export interface MachineView {
  name: string;
  role: 'master' | 'node';
  ip?: string;
  podCIDR?: string;
  /** status is the node's condition (Ready, NotReady, Unknown, and SchedulingDisabled when cordoned). */
  status: string;
  health: Health;
  pods: PodView[];
}

export interface ServicePortView {
  name?: string;
  protocol: string;
  port: number;
  targetPort?: string;
  nodePort?: number;
}

export interface ServiceView {
  namespace: string;
  name: string;
  type: string;
  clusterIP?: string;
  ports: ServicePortView[];
  /** endpoints are the ready addresses behind the service (ip:port). */
  endpoints: string[];
}

/** ServerView is a server a terminal command opened on the master (kubectl proxy, port-forward). */
export interface ServerView {
  address: string;
  port: number;
  command: string;
}

export interface ClusterSnapshot {
  machines: MachineView[];
  /** pending are pods no node has been chosen for yet. */
  pending: PodView[];
  services: ServiceView[];
  /** servers are listening on the master for the terminal's commands; absent when none are. */
  servers?: ServerView[];
}

export interface SnapshotInput {
  master: { name: string; ip: string };
  nodes: Node[];
  pods: Pod[];
  services: Service[];
  endpoints: Endpoints[];
}

const byName = <T extends { namespace?: string; name: string }>(a: T, b: T) => `${a.namespace ?? ''}/${a.name}`.localeCompare(`${b.namespace ?? ''}/${b.name}`);

/** podStatus mirrors kubectl's printPod: the reason that best explains the pod's state. */
export function podStatus(pod: Pod): { status: string; health: Health } {
  const phase = pod.status?.phase ?? 'Pending';
  let reason = pod.status?.reason ?? phase;
  for (const c of pod.status?.initContainerStatuses ?? []) {
    if (c.state?.terminated && c.state.terminated.exitCode !== 0) reason = `Init:${c.state.terminated.reason ?? 'Error'}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
  }
  for (const c of pod.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated) reason = c.state.terminated.reason ?? (c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`);
  }
  if (pod.metadata.deletionTimestamp) return { status: pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating', health: 'terminating' };
  if (reason === 'Completed' || phase === 'Succeeded') return { status: reason, health: 'done' };
  if (phase === 'Failed' || /Err|BackOff|Error|OOMKilled|Invalid|ExitCode|Signal/.test(reason)) return { status: reason, health: 'error' };
  const allReady = (pod.status?.containerStatuses ?? []).length > 0 && pod.status!.containerStatuses!.every((c) => c.ready);
  return { status: reason, health: phase === 'Running' && allReady ? 'ok' : 'progress' };
}

function podView(pod: Pod): PodView {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers?.length ?? statuses.length;
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name!,
    ...podStatus(pod),
    ready: `${statuses.filter((c) => c.ready).length}/${total}`,
    ip: pod.status?.podIP,
    node: pod.spec?.nodeName,
  };
}

function nodeStatus(node: Node): { status: string; health: Health } {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const base = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  const status = node.spec?.unschedulable ? `${base},SchedulingDisabled` : base;
  return { status, health: base === 'Ready' ? (node.spec?.unschedulable ? 'progress' : 'ok') : 'error' };
}

function serviceView(svc: Service, endpoints: Endpoints | undefined): ServiceView {
  const addresses = (endpoints?.subsets ?? []).flatMap((s) => (s.addresses ?? []).flatMap((a) => (s.ports ?? [{ port: undefined }]).map((p) => (p.port ? `${a.ip}:${p.port}` : a.ip))));
  return {
    namespace: svc.metadata.namespace ?? 'default',
    name: svc.metadata.name!,
    type: svc.spec?.type ?? 'ClusterIP',
    clusterIP: svc.spec?.clusterIP,
    ports: (svc.spec?.ports ?? []).map((p) => ({
      name: p.name,
      protocol: p.protocol ?? 'TCP',
      port: p.port,
      targetPort: p.targetPort === undefined ? undefined : String(p.targetPort),
      nodePort: p.nodePort,
    })),
    endpoints: [...new Set(addresses)].sort(),
  };
}

/** buildSnapshot lays the objects out as machines holding their pods, plus the services. */
export function buildSnapshot(input: SnapshotInput): ClusterSnapshot {
  const pods = input.pods.map(podView).sort(byName);
  const nodes = [...input.nodes].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!, undefined, { numeric: true }));
  const machines: MachineView[] = [
    { name: input.master.name, role: 'master', ip: input.master.ip, status: 'Ready', health: 'ok', pods: [] },
    ...nodes.map((n) => ({
      name: n.metadata.name!,
      role: 'node' as const,
      ip: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address,
      podCIDR: n.spec?.podCIDR,
      ...nodeStatus(n),
      pods: pods.filter((p) => p.node === n.metadata.name),
    })),
  ];
  const known = new Set(nodes.map((n) => n.metadata.name));
  const endpoints = new Map(input.endpoints.map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e]));
  return {
    machines,
    pending: pods.filter((p) => !p.node || !known.has(p.node)),
    services: input.services.map((s) => serviceView(s, endpoints.get(`${s.metadata.namespace}/${s.metadata.name}`))).sort(byName),
  };
}

/** nodePorts lists the NodePorts a lab's services open, for the preview pane. */
export function nodePorts(snapshot: ClusterSnapshot): Array<{ service: string; port: number; endpoints: number }> {
  return snapshot.services.flatMap((s) =>
    s.ports.filter((p) => p.nodePort).map((p) => ({ service: s.namespace === 'default' ? s.name : `${s.namespace}/${s.name}`, port: p.nodePort!, endpoints: s.endpoints.length })),
  );
}
