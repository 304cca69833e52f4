// Mirrors pkg/scheduler/backend/cache/cache.go: the scheduler's view of nodes and the pods on
// them. A pod is "assumed" onto its node as soon as a cycle picks the node, so the next cycle
// already counts it; once binding finishes it expires after a TTL unless the informer shows it
// bound. Snapshots are incremental by node generation; image states are left out.
import type { Node, Pod } from '../../../api/core/v1/types.js';
import type { Clock, Timer } from '../../../util/clock.js';
import { NodeInfo } from '../../framework/types.js';
import { Snapshot } from './snapshot.js';

/** cleanAssumedPeriod is how often expired assumed pods are dropped. */
const cleanAssumedPeriod = 1000;
export const DefaultAssumedPodTTL = 30_000;

interface PodState {
  pod: Pod;
  /** deadline is set when binding finished; the assumed pod expires then. */
  deadline?: number;
  bindingFinished: boolean;
}

const keyOf = (pod: Pod) => pod.metadata.uid || `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;

export class Cache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly podStates = new Map<string, PodState>();
  private readonly assumedPods = new Set<string>();
  private timer: Timer | undefined;
  private stopped = false;
  /** snapshotInfos are the copies the last snapshot holds, with the generation they were taken at. */
  private readonly snapshotInfos = new Map<string, { source: NodeInfo; generation: number; info: NodeInfo }>();
  private lastSnapshot: Snapshot | undefined;
  /** dirty names the nodes changed since the last snapshot. */
  private readonly dirty = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly ttl = DefaultAssumedPodTTL,
  ) {}

  /** run starts the periodic clean-up of expired assumed pods. */
  run(): void {
    const tick = () => {
      if (this.stopped) return;
      this.cleanupAssumedPods(this.clock.now());
      this.timer = this.clock.setTimer(cleanAssumedPeriod, tick);
    };
    this.timer = this.clock.setTimer(cleanAssumedPeriod, tick);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.stop();
  }

  private nodeInfo(name: string): NodeInfo {
    this.dirty.add(name);
    let n = this.nodes.get(name);
    if (!n) this.nodes.set(name, (n = new NodeInfo()));
    return n;
  }

  private addPodToNode(pod: Pod): void {
    this.nodeInfo(pod.spec?.nodeName ?? '').addPod(pod);
  }

  private removePodFromNode(pod: Pod): void {
    const name = pod.spec?.nodeName ?? '';
    const n = this.nodes.get(name);
    if (!n) return;
    this.dirty.add(name);
    n.removePod(pod);
    // A deleted node lingers only while pods still point at it.
    if (!n.node && n.pods.length === 0) this.nodes.delete(name);
  }

  isAssumedPod(pod: Pod): boolean {
    return this.assumedPods.has(keyOf(pod));
  }

  /** assumePod adds pod (with spec.nodeName set) to its node before it is bound. */
  assumePod(pod: Pod): void {
    const key = keyOf(pod);
    if (this.podStates.has(key)) throw new Error(`pod ${key} is in the cache, so can't be assumed`);
    this.addPodToNode(pod);
    this.podStates.set(key, { pod, bindingFinished: false });
    this.assumedPods.add(key);
  }

  /** finishBinding starts the assumed pod's expiry clock. */
  finishBinding(pod: Pod): void {
    const st = this.podStates.get(keyOf(pod));
    if (st && this.assumedPods.has(keyOf(pod))) {
      st.deadline = this.clock.now() + this.ttl;
      st.bindingFinished = true;
    }
  }

  /** forgetPod undoes assumePod (binding failed). */
  forgetPod(pod: Pod): void {
    const key = keyOf(pod);
    const st = this.podStates.get(key);
    if (!st || !this.assumedPods.has(key)) return;
    this.removePodFromNode(st.pod);
    this.podStates.delete(key);
    this.assumedPods.delete(key);
  }

  /** addPod records a bound pod seen by the informer, confirming an assumed one. */
  addPod(pod: Pod): void {
    const key = keyOf(pod);
    const st = this.podStates.get(key);
    if (st && this.assumedPods.has(key)) {
      this.removePodFromNode(st.pod);
      this.assumedPods.delete(key);
    } else if (st) {
      this.removePodFromNode(st.pod);
    }
    this.addPodToNode(pod);
    this.podStates.set(key, { pod, bindingFinished: true });
  }

  updatePod(_oldPod: Pod, newPod: Pod): void {
    this.addPod(newPod);
  }

  removePod(pod: Pod): void {
    const key = keyOf(pod);
    const st = this.podStates.get(key);
    if (!st) return;
    this.removePodFromNode(st.pod);
    this.podStates.delete(key);
    this.assumedPods.delete(key);
  }

  addNode(node: Node): void {
    this.nodeInfo(node.metadata.name ?? '').setNode(node);
  }

  updateNode(_old: Node, node: Node): void {
    this.addNode(node);
  }

  removeNode(node: Node): void {
    const n = this.nodes.get(node.metadata.name ?? '');
    if (!n) return;
    this.dirty.add(node.metadata.name ?? '');
    n.node = undefined;
    if (n.pods.length === 0) this.nodes.delete(node.metadata.name ?? '');
  }

  /** cleanupAssumedPods drops assumed pods whose binding finished and whose TTL passed. */
  cleanupAssumedPods(now: number): void {
    for (const key of [...this.assumedPods]) {
      const st = this.podStates.get(key)!;
      if (st.bindingFinished && st.deadline !== undefined && now >= st.deadline) this.removePod(st.pod);
    }
  }

  nodeCount(): number {
    return [...this.nodes.values()].filter((n) => n.node).length;
  }

  podCount(): number {
    return this.podStates.size;
  }

  /**
   * updateSnapshot gives one scheduling cycle a frozen copy of every live node, in name order. As
   * upstream, only nodes changed since the last cycle are copied again (a cycle changes one node)
   * and the snapshot is updated in place; a new node list is built only when nodes come or go.
   */
  updateSnapshot(): Snapshot {
    if (!this.lastSnapshot) {
      for (const name of this.nodes.keys()) this.dirty.add(name);
      this.lastSnapshot = new Snapshot();
    }
    let membershipChanged = false;
    for (const name of this.dirty) {
      const n = this.nodes.get(name);
      const had = this.snapshotInfos.has(name);
      if (n?.node) {
        const prev = this.snapshotInfos.get(name);
        if (prev && prev.source === n && prev.generation === n.generation) continue;
        const info = n.snapshot();
        this.snapshotInfos.set(name, { source: n, generation: n.generation, info });
        if (had) this.lastSnapshot.replace(info);
        else membershipChanged = true;
      } else if (had) {
        this.snapshotInfos.delete(name);
        membershipChanged = true;
      }
    }
    this.dirty.clear();
    if (membershipChanged) {
      const names = [...this.snapshotInfos.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      this.lastSnapshot = new Snapshot(names.map((name) => this.snapshotInfos.get(name)!.info));
    }
    return this.lastSnapshot;
  }

  /** dump lists node → pod keys (debugging, tests). */
  dump(): Record<string, string[]> {
    return Object.fromEntries([...this.nodes].map(([name, n]) => [name, n.pods.map((p) => `${p.pod.metadata.namespace}/${p.pod.metadata.name}`)]));
  }
}
