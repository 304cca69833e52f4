// What the lab's boot progress waits for, read through the Kubernetes API as an operator would:
// each node's Ready condition posted by this boot's kubelet, and the controller manager holding
// its leader lock. "This boot" means written after the store's recovered revision: objects at or
// below it come from the lab's previous life (a reloaded page never stopped its cluster).
import type { Clientset } from '../../../../engine/client/kubernetes/clientset.js';
import type { ObjectMeta } from '../../../../engine/apimachinery/apis/meta/v1/types.js';
import type { Clock } from '../../../../engine/util/clock.js';

/** LEADER_ANNOTATION is where configmap locks keep their leader election record. */
export const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const CONTROLLER_LOCK = { namespace: 'kube-system', name: 'kube-controller-manager' };

/** newerThan says whether an object was written after the given store revision. */
export function newerThan(obj: { metadata: { resourceVersion?: string } }, revision: number): boolean {
  return Number(obj.metadata.resourceVersion ?? 0) > revision;
}

type NodeLease = { metadata: ObjectMeta };
const leaseResource = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };

/**
 * readyNodes names the nodes that are Ready and alive in this boot: the Ready condition is True
 * and either the node's status or its lease in kube-node-lease (the kubelet's heartbeat, which the
 * node lifecycle controller reads too) was written after revision.
 */
export async function readyNodes(client: Clientset, revision: number): Promise<Set<string>> {
  const [nodes, leases] = await Promise.all([
    client.coreV1().nodes().list(),
    client.resource<NodeLease>(leaseResource, 'kube-node-lease').list().catch(() => ({ items: [] as NodeLease[] })),
  ]);
  const renewed = new Set(leases.items.filter((l) => newerThan(l, revision)).map((l) => l.metadata.name));
  const ready = new Set<string>();
  for (const node of nodes.items) {
    const condition = node.status?.conditions?.find((c) => c.type === 'Ready');
    const name = node.metadata.name!;
    if (condition?.status === 'True' && (newerThan(node, revision) || renewed.has(name))) ready.add(name);
  }
  return ready;
}

/**
 * releaseStaleControllerLock deletes the controller manager's leader lock when a previous life of
 * the lab holds it. Its holder is gone for sure (the lab lock lets one tab run the cluster), but
 * the new manager would wait out the 15 s lease before taking over; after the delete it acquires
 * the lock on its next retry. Returns whether it deleted anything.
 */
export async function releaseStaleControllerLock(client: Clientset, revision: number): Promise<boolean> {
  const cms = client.coreV1().configMaps(CONTROLLER_LOCK.namespace);
  const lock = await cms.get(CONTROLLER_LOCK.name).catch(() => undefined);
  if (!lock?.metadata.annotations?.[LEADER_ANNOTATION] || newerThan(lock, revision)) return false;
  await cms.delete(CONTROLLER_LOCK.name, { preconditions: { uid: lock.metadata.uid, resourceVersion: lock.metadata.resourceVersion } }).catch(() => undefined);
  return true;
}

/** controllersLeading says whether the controller manager renewed its lock after revision. */
export async function controllersLeading(client: Clientset, revision: number): Promise<boolean> {
  const lock = await client.coreV1().configMaps(CONTROLLER_LOCK.namespace).get(CONTROLLER_LOCK.name).catch(() => undefined);
  return !!lock?.metadata.annotations?.[LEADER_ANNOTATION] && newerThan(lock, revision);
}

/** dnsServing says whether the kube-dns service has a ready address to send queries to. */
export async function dnsServing(client: Clientset): Promise<boolean> {
  const ep = await client.coreV1().endpoints('kube-system').get('kube-dns').catch(() => undefined);
  return (ep?.subsets ?? []).some((s) => (s.addresses ?? []).length > 0);
}

/** pollUntil calls check every intervalMs of clock time until it answers true or timeoutMs pass. */
export async function pollUntil(clock: Clock, check: () => Promise<boolean>, intervalMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (clock.now() >= deadline) return false;
    await clock.sleep(intervalMs);
  }
}
