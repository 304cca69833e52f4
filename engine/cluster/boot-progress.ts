// No single upstream twin: the steps kubeadm's init phases and `kind create cluster --wait` report
// (store, API server, controller manager, scheduler, each node Ready, cluster DNS), as the cluster
// in one process really does them, and the wait for every node's kubelet to post Ready.
import { newSharedInformerFactory } from '../client/informers/factory.js';
import type { Clientset } from '../client/kubernetes/clientset.js';
import type { Node } from '../api/core/v1/types.js';
import type { Clock } from '../util/clock.js';

/** ClusterStep names a part of the cluster that starts: a step per node (node-1, node-2, …). */
export type ClusterStep = 'storage' | 'api-server' | 'controllers' | 'scheduler' | `node-${number}` | 'dns';

export interface ClusterProgress {
  step: ClusterStep;
  state: 'active' | 'done' | 'failed';
  /** detail is a short fact about the step (how many log records were replayed, a node's address). */
  detail?: string;
}

/**
 * readyInThisBoot says whether a node's kubelet has posted Ready since the store was recovered at
 * revision — a Node object at or below it is the previous life's, whose Ready condition says nothing
 * about the machine now — and the node lifecycle controller has lifted the not-ready/unreachable
 * taints an earlier NotReady report left, so the scheduler places pods there.
 */
export function readyInThisBoot(node: Node, revision: number): boolean {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const stillTainted = (node.spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable');
  return ready?.status === 'True' && !stillTainted && Number(node.metadata.resourceVersion ?? 0) > revision;
}

export interface WaitForNodesOptions {
  client: Clientset;
  clock: Clock;
  names: string[];
  /** revision is the store's recovered revision (0 for a new cluster). */
  revision: number;
  timeoutMs: number;
  signal: AbortSignal;
  onReady(node: Node): void;
}

/**
 * waitForNodesReady watches the nodes (an informer, as `kubectl wait --for=condition=Ready` does)
 * until every named one is Ready in this boot, reporting each as it gets there. It resolves with
 * the names that made it, when all did, when timeoutMs of clock time passed, or on abort.
 */
export async function waitForNodesReady(o: WaitForNodesOptions): Promise<Set<string>> {
  const ready = new Set<string>();
  const pending = new Set(o.names);
  if (pending.size === 0 || o.signal.aborted) return ready;
  const stop = new AbortController();
  const factory = newSharedInformerFactory(o.client, o.clock);
  const finished = new Promise<void>((resolve) => {
    const timer = o.clock.setTimer(o.timeoutMs, () => stop.abort());
    const onAbort = () => stop.abort();
    o.signal.addEventListener('abort', onAbort, { once: true });
    stop.signal.addEventListener('abort', () => (timer.stop(), o.signal.removeEventListener('abort', onAbort), resolve()), { once: true });
  });
  const seen = (node: Node) => {
    const name = node.metadata.name ?? '';
    if (!pending.has(name) || !readyInThisBoot(node, o.revision)) return;
    pending.delete(name);
    ready.add(name);
    o.onReady(node);
    if (pending.size === 0) stop.abort();
  };
  factory.core().v1().nodes().informer().addEventHandler({ onAdd: seen, onUpdate: (_, node) => seen(node) });
  factory.start(stop.signal);
  await finished;
  await factory.shutdown();
  return ready;
}
