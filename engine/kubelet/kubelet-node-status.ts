// Mirrors pkg/kubelet/kubelet_node_status.go and nodestatus/setters.go: registerWithAPIServer
// (initialNode with the well-known labels, create or adopt the existing Node), and the periodic
// node status — addresses, capacity/allocatable, nodeInfo, daemon endpoints, images and the
// MemoryPressure/DiskPressure/PIDPressure/Ready conditions with upstream's reasons and messages.
import type { Node, NodeCondition, NodeStatus, ResourceList } from '../api/core/v1/types.js';
import type { Clientset } from '../client/kubernetes/clientset.js';
import { isAlreadyExists, isConflict } from '../apimachinery/api/errors/errors.js';
import type { ImageService } from './cri/api.js';
import { rfc3339 } from './util/format.js';

export const kubeletVersion = 'v1.32.0-kubelab';

export interface NodeConfig {
  nodeName: string;
  nodeIP: string;
  podCIDR?: string;
  labels?: Record<string, string>;
  capacity: ResourceList;
  /** reserved is kube-reserved + system-reserved, subtracted for allocatable. */
  allocatable: ResourceList;
  containerRuntimeVersion: string;
  kubeletPort: number;
}

/** initialNode builds the Node the kubelet registers (kl.initialNode). */
export function initialNode(cfg: NodeConfig): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: cfg.nodeName,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': cfg.nodeName,
        'kubernetes.io/os': 'linux',
        ...(cfg.labels ?? {}),
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: cfg.podCIDR ? { podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR] } : {},
  };
}

export interface NodeHealth {
  networkReady: boolean;
  networkMessage?: string;
}

/** setNodeStatus fills the status the kubelet owns, keeping transition times of unchanged conditions. */
export function setNodeStatus(node: Node, cfg: NodeConfig, health: NodeHealth, images: ImageService, now: number): NodeStatus {
  const old = node.status ?? {};
  const stamp = rfc3339(now);
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string): NodeCondition => {
    const prev = old.conditions?.find((c) => c.type === type);
    return { type, status, lastHeartbeatTime: stamp, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : stamp, reason, message };
  };
  const ready = health.networkReady
    ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
    : cond('Ready', 'False', 'KubeletNotReady', health.networkMessage ?? 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
  const conditions = [
    cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready,
  ];
  // Conditions other components own (NetworkUnavailable) stay.
  for (const c of old.conditions ?? []) if (!conditions.some((x) => x.type === c.type)) conditions.push(c);
  const bootID = `${cfg.nodeName}-boot`;
  return {
    ...old,
    capacity: { ...cfg.capacity },
    allocatable: { ...cfg.allocatable },
    conditions,
    addresses: [
      { type: 'InternalIP', address: cfg.nodeIP },
      { type: 'Hostname', address: cfg.nodeName },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: cfg.kubeletPort } },
    nodeInfo: {
      machineID: hex32(`machine-${cfg.nodeName}`),
      systemUUID: hex32(`uuid-${cfg.nodeName}`),
      bootID: hex32(bootID),
      kernelVersion: '6.8.0-kubelab',
      osImage: 'Kubelab Linux (virtual)',
      containerRuntimeVersion: cfg.containerRuntimeVersion,
      kubeletVersion,
      kubeProxyVersion: kubeletVersion,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images: images.listImages().sort((a, b) => b.size - a.size).map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.size })),
  };
}

/** hex32 is a stable 32-hex-digit id derived from a name (machine-id style). */
function hex32(seed: string): string {
  let h1 = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 4; round++) {
    for (const ch of `${seed}/${round}`) h1 = Math.imul(h1 ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h1.toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * registerWithAPIServer creates the Node, or adopts an existing one with the same name (as
 * upstream's tryRegisterWithAPIServer does); resolves true once registered.
 */
export async function registerWithAPIServer(client: Clientset, node: Node): Promise<boolean> {
  const nodes = client.coreV1().nodes();
  try {
    await nodes.create(node);
    return true;
  } catch (err) {
    if (!isAlreadyExists(err)) return false;
  }
  const existing = await nodes.get(node.metadata.name!);
  const labels = { ...(existing.metadata.labels ?? {}), ...(node.metadata.labels ?? {}) };
  if (JSON.stringify(labels) !== JSON.stringify(existing.metadata.labels ?? {})) {
    try {
      await nodes.update({ ...existing, metadata: { ...existing.metadata, labels } });
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }
  return true;
}

/** nodeRef is the reference node events use (kind Node, uid = name, as the kubelet sets it). */
export function nodeRef(nodeName: string) {
  return { kind: 'Node', apiVersion: 'v1', metadata: { name: nodeName, uid: nodeName, namespace: '' } };
}
