// What happens to a node machine when it dies, comes back or leaves — the events the node
// lifecycle controller (pkg/controller/nodelifecycle) and the pod GC (pkg/controller/podgc,
// gcOrphaned) react to. Simplified: a power-off kills every container at once and clears its pod
// networks; a removed machine's pod CIDR is not handed out again.
import type { Pod } from '../api/core/v1/types.js';
import { isNotFound } from '../apimachinery/api/errors/errors.js';
import { removeHostGwRoutes } from '../net/overlay/host-gw.js';
import type { Clientset } from '../client/kubernetes/clientset.js';
import type { Cluster, ClusterNode } from './cluster.js';

/** NodeError is a request about a node that cannot be carried out (unknown, already failed…). */
export class NodeError extends Error {
  constructor(
    message: string,
    readonly code: 'NotFound' | 'Conflict',
  ) {
    super(message);
  }
}

export function mustGetNode(cluster: Pick<Cluster, 'nodes'>, name: string): ClusterNode {
  const node = cluster.nodes.get(name);
  if (!node) throw new NodeError(`node "${name}" not found`, 'NotFound');
  return node;
}

/** powerOff stops the node's components and everything running on the machine. */
async function powerOff(node: ClusterNode): Promise<void> {
  node.abort.abort();
  await node.agent?.stop();
  await node.proxy.done.catch(() => undefined);
  // The runtime's processes die with the machine; CNI state (veths, IPs) goes with them.
  const runtime = node.kubelet?.runtime;
  if (runtime) for (const sb of runtime.listPodSandbox()) await runtime.removePodSandbox(sb.id);
  for (const pod of node.machine.podNetworks()) node.machine.tearDownPod(pod.id);
  node.kubelet = undefined;
  node.agent = undefined;
}

/** setLinks brings the machine's physical and bridge interfaces up or down. */
function setLinks(node: ClusterNode, up: boolean): void {
  node.machine.eth0.up = up;
  if (node.machine.bridge) node.machine.bridge.up = up;
}

export async function failNode(cluster: Cluster, name: string): Promise<void> {
  const node = mustGetNode(cluster, name);
  if (node.failed) throw new NodeError(`node "${name}" has already failed`, 'Conflict');
  node.failed = true;
  await powerOff(node);
  setLinks(node, false);
}

export async function recoverNode(cluster: Cluster, name: string): Promise<void> {
  const node = mustGetNode(cluster, name);
  if (!node.failed) throw new NodeError(`node "${name}" has not failed`, 'Conflict');
  setLinks(node, true);
  node.failed = false;
  await cluster.startNodeComponents(node);
}

/** deleteNodeAndPods deletes the Node object and force-deletes its pods, as the pod GC does for orphans. */
export async function deleteNodeAndPods(client: Clientset, name: string): Promise<void> {
  try {
    await client.coreV1().nodes().delete(name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const pods = await client.coreV1().pods('').list({ fieldSelector: `spec.nodeName=${name}` });
  for (const pod of pods.items as Pod[]) {
    try {
      await client.coreV1().pods(pod.metadata.namespace ?? 'default').delete(pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

/**
 * removeNode is `kubectl delete node` plus unplugging the machine: the Node object goes, the
 * pods bound to it are force-deleted as the pod GC does for orphans, and the machine leaves
 * the underlay and every other machine's routes.
 */
export async function removeNode(cluster: Cluster, name: string): Promise<void> {
  const node = mustGetNode(cluster, name);
  if (!node.failed) await powerOff(node);
  setLinks(node, false);
  cluster.nodes.delete(name);
  await deleteNodeAndPods(cluster.client, name);
  const network = cluster.network;
  network.machines.delete(name);
  network.underlay.detach(node.machine.eth0);
  if (network.mode === 'routing') removeHostGwRoutes([...network.machines.values()], node.machine);
  else {
    network.agents.get(name)?.stop();
    network.agents.delete(name);
  }
}
