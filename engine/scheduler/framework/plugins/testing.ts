// Test helper (no upstream twin; plays pkg/scheduler/testing's wrappers): nodes, pods and node
// infos in a line, and a Handle over a fixed list of node infos.
import type { Node, Pod, PodSpec } from '../../../api/core/v1/types.js';
import type { Handle } from '../interface.js';
import { NodeInfo } from '../types.js';

export function makeNode(name: string, allocatable: Record<string, string> = { cpu: '4', memory: '8Gi', pods: '110' }, extra: Partial<Node> = {}): Node {
  return { metadata: { name, labels: {}, ...(extra.metadata ?? {}) }, spec: extra.spec ?? {}, status: { allocatable, ...(extra.status ?? {}) } };
}

export function makePod(name: string, requests: Record<string, string> = {}, spec: Partial<PodSpec> = {}, labels: Record<string, string> = {}): Pod {
  return {
    metadata: { name, namespace: 'default', uid: name, labels },
    spec: { containers: [{ name: 'c', image: 'nginx', ...(Object.keys(requests).length ? { resources: { requests } } : {}) }], ...spec },
  };
}

export function makeNodeInfo(node: Node, ...pods: Pod[]): NodeInfo {
  const info = new NodeInfo(node);
  for (const p of pods) info.addPod({ ...p, spec: { ...p.spec!, nodeName: node.metadata.name } });
  return info;
}

/** fakeHandle serves a node list; informer-backed parts throw unless given. */
export function fakeHandle(nodes: NodeInfo[] = [], extra: Partial<Handle> = {}): Handle {
  const unsupported = () => {
    throw new Error('not available in this test');
  };
  return {
    clientSet: unsupported,
    sharedInformerFactory: unsupported,
    eventRecorder: unsupported,
    clock: unsupported,
    runFilterPlugins: unsupported,
    snapshotSharedLister: () => ({ list: () => nodes, get: (n) => nodes.find((x) => x.nodeName() === n) }),
    ...extra,
  };
}
