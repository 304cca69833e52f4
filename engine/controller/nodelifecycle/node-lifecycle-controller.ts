// Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: watch node heartbeats, set the
// conditions of silent nodes to Unknown after the grace period, keep the not-ready/unreachable
// taints in step with the Ready condition, mark the pods of a lost node not ready, and evict pods
// from NoExecute-tainted nodes once their tolerations run out. Simplified: heartbeats come from
// the Ready condition's lastHeartbeatTime (no kube-node-lease Leases are served), one zone, no
// rate-limited zone evictions.
import type { Node, NodeCondition, Pod, Taint } from '../../api/core/v1/types.js';
import { isConflict, isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { sleep } from '../../client/tools/cache/reflector.js';
import { waitForCacheSync } from '../../client/tools/cache/shared-informer.js';
import { EventTypeNormal, EventTypeWarning } from '../../client/tools/record/event.js';
import type { ControllerContext } from '../controller-context.js';
import { errMessage } from '../controller-utils.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';
import { evictionTime, taintNodeNotReady, taintNodeUnreachable } from './scheduler/taint-manager.js';

export interface NodeLifecycleControllerOptions {
  /** nodeMonitorPeriod is --node-monitor-period: how often node health is checked (ms). */
  nodeMonitorPeriod: number;
  /** nodeMonitorGracePeriod is --node-monitor-grace-period: silence before a node is Unknown (ms). */
  nodeMonitorGracePeriod: number;
  /** nodeStartupGracePeriod is --node-startup-grace-period, for nodes that never posted status (ms). */
  nodeStartupGracePeriod: number;
  /** podEvictionTimeout is the toleration pods get for not-ready/unreachable taints (ms). */
  podEvictionTimeout: number;
}

export const defaultNodeLifecycleOptions: NodeLifecycleControllerOptions = {
  nodeMonitorPeriod: 5_000,
  nodeMonitorGracePeriod: 40_000,
  nodeStartupGracePeriod: 60_000,
  podEvictionTimeout: 300_000,
};

/** The conditions the controller turns Unknown, as upstream's nodeConditionsToUpdate. */
const conditionsToUpdate = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

interface NodeHealthData {
  probeTimestamp: number;
  heartbeat?: string;
  readyStatus?: string;
}

export class NodeLifecycleController {
  readonly nodeLister: Lister<Node>;
  readonly podLister: Lister<Pod>;
  readonly opts: NodeLifecycleControllerOptions;
  private readonly nodeHealthMap = new Map<string, NodeHealthData>();
  private readonly evicted = new Set<string>();
  private readonly synced: (() => boolean)[];

  constructor(private readonly ctx: ControllerContext<NodeLifecycleControllerOptions>) {
    this.opts = { ...defaultNodeLifecycleOptions, ...ctx.options };
    const nodes = ctx.informerFactory.core().v1().nodes();
    const pods = ctx.informerFactory.core().v1().pods();
    this.nodeLister = nodes.lister();
    this.podLister = pods.lister();
    this.synced = [() => nodes.informer().hasSynced(), () => pods.informer().hasSynced()];
    nodes.informer().addEventHandler({ onDelete: (n) => void this.nodeHealthMap.delete('metadata' in n ? (n.metadata.name ?? '') : n.key) });
  }

  /** run checks node health every nodeMonitorPeriod until signal aborts. */
  async run(_workers: number, signal: AbortSignal): Promise<void> {
    if (!(await waitForCacheSync(this.ctx.clock, signal, ...this.synced))) return;
    while (!signal.aborted) {
      try {
        await this.monitorNodeHealth();
      } catch {
        // A failed pass is retried on the next period, as upstream's wait.Until does.
      }
      await sleep(this.ctx.clock, this.opts.nodeMonitorPeriod, signal);
    }
  }

  /** monitorNodeHealth is one pass over every node: health, taints, not-ready pods, evictions. */
  async monitorNodeHealth(): Promise<void> {
    for (const cached of this.nodeLister.list()) {
      const name = cached.metadata.name ?? '';
      const previous = this.nodeHealthMap.get(name)?.readyStatus;
      const node = await this.tryUpdateNodeHealth(cached);
      const ready = getCondition(node, 'Ready')?.status ?? 'Unknown';
      this.nodeHealthMap.get(name)!.readyStatus = ready;
      await this.processTaints(node, ready);
      if (previous === 'True' && ready !== 'True') {
        this.ctx.recorder.eventf(node, EventTypeNormal, 'NodeNotReady', 'Node %s status is now: %s', name, 'NodeNotReady');
        await this.markPodsNotReady(name);
      }
    }
    await this.evictPods();
  }

  /**
   * tryUpdateNodeHealth notes a new heartbeat, or — when none came within the grace period — sets
   * the node's conditions to Unknown. It returns the node as it now is.
   */
  async tryUpdateNodeHealth(node: Node): Promise<Node> {
    const name = node.metadata.name ?? '';
    const now = this.ctx.clock.now();
    const ready = getCondition(node, 'Ready');
    let health = this.nodeHealthMap.get(name);
    if (!health) {
      health = { probeTimestamp: now, heartbeat: ready?.lastHeartbeatTime };
      this.nodeHealthMap.set(name, health);
    } else if (ready?.lastHeartbeatTime !== health.heartbeat) {
      health.probeTimestamp = now;
      health.heartbeat = ready?.lastHeartbeatTime;
    }
    const grace = ready ? this.opts.nodeMonitorGracePeriod : this.opts.nodeStartupGracePeriod;
    if (now <= health.probeTimestamp + grace) return node;

    const updated = structuredClone(node);
    const conds = ((updated.status ??= {}).conditions ??= []);
    const t = rfc3339(this.ctx.clock.now());
    let changed = false;
    for (const type of conditionsToUpdate) {
      const c = conds.find((x) => x.type === type);
      if (!c) {
        conds.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp ?? t, lastTransitionTime: t });
        changed = true;
      } else if (c.status !== 'Unknown') {
        Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: t });
        changed = true;
      }
    }
    if (!changed) return node;
    try {
      return await this.ctx.clientset.coreV1().nodes().updateStatus(updated);
    } catch (err) {
      if (isConflict(err) || isNotFound(err)) return node; // the next pass sees the newer node
      throw err;
    }
  }

  /** processTaints keeps the not-ready and unreachable NoSchedule/NoExecute taints in step with Ready. */
  async processTaints(node: Node, ready: string): Promise<void> {
    const key = ready === 'False' ? taintNodeNotReady : ready === 'Unknown' ? taintNodeUnreachable : undefined;
    const current = node.spec?.taints ?? [];
    const lifecycle = (t: Taint) => t.key === taintNodeNotReady || t.key === taintNodeUnreachable;
    const want: Taint[] = [];
    if (key) {
      for (const effect of ['NoSchedule', 'NoExecute'] as const) {
        const kept = current.find((t) => t.key === key && t.effect === effect);
        want.push(kept ?? (effect === 'NoExecute' ? { key, effect, timeAdded: rfc3339(this.ctx.clock.now()) } : { key, effect }));
      }
    }
    const sig = (ts: Taint[]) => ts.filter(lifecycle).map((t) => `${t.key}:${t.effect}`).sort().join(',');
    if (sig(current) === sig(want)) return;
    const nodes = this.ctx.clientset.coreV1().nodes();
    for (let attempt = 0; attempt < 3; attempt++) {
      const fresh = await nodes.get(node.metadata.name ?? '');
      const others = (fresh.spec?.taints ?? []).filter((t) => !lifecycle(t));
      const taints = [...others, ...want];
      try {
        await nodes.update({ ...fresh, spec: { ...fresh.spec, taints } });
        return;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
  }

  /** markPodsNotReady sets the Ready condition of every pod on the node to False. */
  async markPodsNotReady(nodeName: string): Promise<void> {
    for (const pod of this.podLister.list().filter((p) => p.spec?.nodeName === nodeName)) {
      const cond = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!cond || cond.status === 'False') continue;
      const updated = structuredClone(pod);
      const c = updated.status!.conditions!.find((x) => x.type === 'Ready')!;
      c.status = 'False';
      c.lastTransitionTime = rfc3339(this.ctx.clock.now());
      try {
        await this.ctx.clientset.coreV1().pods(pod.metadata.namespace ?? 'default').updateStatus(updated);
        this.ctx.recorder.event(pod, EventTypeWarning, 'NodeNotReady', 'Node is not ready');
      } catch (err) {
        if (!isNotFound(err) && !isConflict(err)) throw err;
      }
    }
  }

  /** evictPods deletes pods whose tolerations for their node's NoExecute taints have run out. */
  async evictPods(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const pod of this.podLister.list()) {
      const nodeName = pod.spec?.nodeName;
      if (!nodeName || pod.metadata.deletionTimestamp || this.evicted.has(pod.metadata.uid ?? '')) continue;
      let node: Node;
      try {
        node = this.nodeLister.get('', nodeName);
      } catch {
        continue;
      }
      const at = evictionTime(pod, node.spec?.taints ?? [], this.opts.podEvictionTimeout / 1000);
      if (at === undefined || now < at) continue;
      const ns = pod.metadata.namespace ?? 'default';
      this.ctx.recorder.eventf(pod, EventTypeNormal, 'TaintManagerEviction', 'Marking for deletion Pod %s', `${ns}/${pod.metadata.name}`);
      try {
        await this.ctx.clientset.coreV1().pods(ns).delete(pod.metadata.name ?? '');
        this.evicted.add(pod.metadata.uid ?? '');
      } catch (err) {
        if (!isNotFound(err)) throw new Error(`evicting ${ns}/${pod.metadata.name}: ${errMessage(err)}`);
      }
    }
  }
}

function getCondition(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** newNodeLifecycleController is the constructor the controller manager registers as "nodelifecycle". */
export function newNodeLifecycleController(ctx: ControllerContext<NodeLifecycleControllerOptions>): NodeLifecycleController {
  return new NodeLifecycleController(ctx);
}
