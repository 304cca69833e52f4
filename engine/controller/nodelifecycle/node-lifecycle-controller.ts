// Mirrors pkg/controller/nodelifecycle/node_lifecycle_controller.go: watch node heartbeats, set the
// conditions of silent nodes to Unknown after the grace period, keep the NoSchedule taints in step
// with the node's conditions on every node change (doNoScheduleTaintingPass) and the NoExecute
// not-ready/unreachable taints with Ready on every monitor pass, mark the pods of a lost node not
// ready, and evict pods from NoExecute-tainted nodes once their tolerations run out. Simplified: heartbeats come from
// the Ready condition's lastHeartbeatTime (no kube-node-lease Leases are served), one zone, no
// rate-limited zone evictions.
import type { Node, NodeCondition, Pod, Taint } from '../../api/core/v1/types.js';
import { isConflict, isNotFound } from '../../apimachinery/api/errors/errors.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { sleep } from '../../client/tools/cache/reflector.js';
import { newRateLimitingQueue, type RateLimitingType } from '../../client/util/workqueue/rate-limiting-queue.js';
import { processNextWorkItem } from '../worker.js';
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

/** The NoSchedule taint a condition's status calls for, as upstream's nodeConditionToTaintKeyStatusMap. */
const conditionTaints: Record<string, Record<string, string>> = {
  Ready: { False: taintNodeNotReady, Unknown: taintNodeUnreachable },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
export const taintNodeUnschedulable = 'node.kubernetes.io/unschedulable';
/** The NoSchedule taint keys this controller owns; others (kubectl taint, the kubelet's) are left alone. */
const noScheduleKeys = new Set([...Object.values(conditionTaints).flatMap((m) => Object.values(m)), taintNodeUnschedulable]);

/** noScheduleTaintsFor lists the NoSchedule taints a node's conditions and spec.unschedulable call for. */
export function noScheduleTaintsFor(node: Node): Taint[] {
  const keys: string[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = conditionTaints[c.type]?.[c.status];
    if (key) keys.push(key);
  }
  if (node.spec?.unschedulable) keys.push(taintNodeUnschedulable);
  return keys.map((key) => ({ key, effect: 'NoSchedule' }));
}

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
  /** noScheduleQueue holds nodes whose conditions changed: their NoSchedule taints are redone at once. */
  readonly noScheduleQueue: RateLimitingType<string>;

  constructor(private readonly ctx: ControllerContext<NodeLifecycleControllerOptions>) {
    this.opts = { ...defaultNodeLifecycleOptions, ...ctx.options };
    const nodes = ctx.informerFactory.core().v1().nodes();
    const pods = ctx.informerFactory.core().v1().pods();
    this.nodeLister = nodes.lister();
    this.podLister = pods.lister();
    this.synced = [() => nodes.informer().hasSynced(), () => pods.informer().hasSynced()];
    this.noScheduleQueue = newRateLimitingQueue<string>(ctx.clock);
    nodes.informer().addEventHandler({
      onAdd: (n) => this.noScheduleQueue.add(n.metadata.name ?? ''),
      onUpdate: (_old, n) => this.noScheduleQueue.add(n.metadata.name ?? ''),
      onDelete: (n) => void this.nodeHealthMap.delete('metadata' in n ? (n.metadata.name ?? '') : n.key),
    });
  }

  /** run checks node health every nodeMonitorPeriod until signal aborts. */
  async run(_workers: number, signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.noScheduleQueue.shutDown(), { once: true });
    if (!(await waitForCacheSync(this.ctx.clock, signal, ...this.synced))) return;
    void this.noScheduleTaintingWorker();
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

  private async noScheduleTaintingWorker(): Promise<void> {
    while (await processNextWorkItem(this.noScheduleQueue, (name) => this.doNoScheduleTaintingPass(name)));
  }

  /**
   * doNoScheduleTaintingPass makes the node's controller-owned NoSchedule taints match its conditions
   * and spec.unschedulable, so the scheduler stops (or resumes) placing pods there as soon as the
   * kubelet reports, not at the next monitor pass.
   */
  async doNoScheduleTaintingPass(name: string): Promise<void> {
    let node: Node;
    try {
      node = this.nodeLister.get('', name);
    } catch {
      return; // deleted
    }
    const owned = (t: Taint) => t.effect === 'NoSchedule' && noScheduleKeys.has(t.key);
    await this.swapTaints(node, owned, noScheduleTaintsFor(node));
  }

  /** processTaints keeps the not-ready and unreachable NoExecute taints in step with Ready. */
  async processTaints(node: Node, ready: string): Promise<void> {
    const key = ready === 'False' ? taintNodeNotReady : ready === 'Unknown' ? taintNodeUnreachable : undefined;
    const kept = key ? node.spec?.taints?.find((t) => t.key === key && t.effect === 'NoExecute') : undefined;
    const want: Taint[] = key ? [kept ?? { key, effect: 'NoExecute', timeAdded: rfc3339(this.ctx.clock.now()) }] : [];
    await this.swapTaints(node, (t) => t.effect === 'NoExecute' && (t.key === taintNodeNotReady || t.key === taintNodeUnreachable), want);
  }

  /** swapTaints replaces the node's taints that owned selects with want, unless they already match. */
  private async swapTaints(node: Node, owned: (t: Taint) => boolean, want: Taint[]): Promise<void> {
    const sig = (ts: Taint[]) => ts.map((t) => `${t.key}:${t.effect}`).sort().join(',');
    if (sig((node.spec?.taints ?? []).filter(owned)) === sig(want)) return;
    const nodes = this.ctx.clientset.coreV1().nodes();
    for (let attempt = 0; attempt < 3; attempt++) {
      const fresh = await nodes.get(node.metadata.name ?? '');
      const others = (fresh.spec?.taints ?? []).filter((t) => !owned(t));
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
