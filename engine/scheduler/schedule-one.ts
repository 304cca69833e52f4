// Mirrors pkg/scheduler/schedule_one.go: take one pod from the queue, find the nodes that pass
// every filter, score them, pick the best, assume the pod there and bind it in the background;
// on failure, run PostFilter (preemption), record FailedScheduling with the "0/N nodes are
// available" message, set the PodScheduled condition and requeue. Filters run sequentially; on
// clusters of 100+ nodes a cycle stops at the adaptive percentageOfNodesToScore, as upstream.
import type { Pod, PodCondition } from '../api/core/v1/types.js';
import { StrategicMergePatchType } from '../client/rest/client.js';
import { EventTypeNormal, EventTypeWarning } from '../client/tools/record/event.js';
import { CycleState } from './framework/cycle-state.js';
import { FitError, type Diagnosis } from './framework/fit-error.js';
import { Code, Status, type NodeScore } from './framework/interface.js';
import type { Framework } from './framework/runtime/framework.js';
import type { NodeInfo, QueuedPodInfo } from './framework/types.js';
import type { Scheduler } from './scheduler.js';

export const ErrNoNodesAvailable = 'no nodes available to schedule pods';
/** maxMessageLength: event messages are truncated like upstream's truncateMessage. */
const maxMessageLength = 1024;
/** minFeasibleNodesToFind: below this many nodes every node is evaluated. */
export const minFeasibleNodesToFind = 100;
/** minFeasibleNodesPercentageToFind floors the adaptive percentage on very large clusters. */
export const minFeasibleNodesPercentageToFind = 5;

/**
 * numFeasibleNodesToFind is how many feasible nodes a cycle looks for before it stops filtering:
 * all of them under 100 nodes, else 50% less 1% per 125 nodes (at least 5%, at least 100 nodes).
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < minFeasibleNodesToFind) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) percentage = Math.max(minFeasibleNodesPercentageToFind, 50 - Math.trunc(numAllNodes / 125));
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < minFeasibleNodesToFind ? minFeasibleNodesToFind : numNodes;
}

export interface ScheduleResult {
  suggestedHost: string;
  evaluatedNodes: number;
  feasibleNodes: number;
}

/** scheduleOne runs one scheduling cycle; false once the queue is closed. */
export async function scheduleOne(sched: Scheduler): Promise<boolean> {
  const pInfo = await sched.queue.pop();
  if (!pInfo) return false;
  const pod = pInfo.pod;
  const fwk = sched.frameworkForPod(pod);
  if (!fwk || pod.metadata.deletionTimestamp || sched.cache.isAssumedPod(pod)) {
    sched.queue.done(pod);
    return true;
  }
  const state = new CycleState();
  const podSchedulingCycle = sched.queue.schedulingCycleNumber();
  let result: ScheduleResult;
  try {
    result = schedulePod(sched, fwk, state, pod);
  } catch (err) {
    let nominatedNodeName: string | undefined;
    if (err instanceof FitError && fwk.hasPostFilterPlugins()) {
      const { result: pf, status } = await fwk.runPostFilterPlugins(state, pod, err.diagnosis.nodeToStatus);
      err.diagnosis.postFilterMsg = status?.message() ?? '';
      nominatedNodeName = pf?.nominatedNodeName;
    }
    await handleSchedulingFailure(sched, fwk, pInfo, err, podSchedulingCycle, nominatedNodeName);
    return true;
  }

  // Assume: the cache counts the pod on its node before the API server hears of it.
  const assumed: Pod = { ...pod, spec: { ...pod.spec!, nodeName: result.suggestedHost } };
  sched.cache.assumePod(assumed);
  const reserve = fwk.runReservePluginsReserve(state, assumed, result.suggestedHost);
  if (reserve) {
    fwk.runReservePluginsUnreserve(state, assumed, result.suggestedHost);
    sched.cache.forgetPod(assumed);
    await handleSchedulingFailure(sched, fwk, pInfo, new Error(reserve.message()), podSchedulingCycle);
    return true;
  }
  sched.queue.done(pod);
  const binding = bindingCycle(sched, fwk, state, pInfo, assumed, result.suggestedHost, podSchedulingCycle);
  sched.bindings.add(binding);
  void binding.finally(() => sched.bindings.delete(binding));
  return true;
}

/** schedulePod finds the best node or throws a FitError (or another error). */
export function schedulePod(sched: Scheduler, fwk: Framework, state: CycleState, pod: Pod): ScheduleResult {
  sched.nodeInfoSnapshot = sched.cache.updateSnapshot();
  const all = sched.nodeInfoSnapshot.list();
  if (all.length === 0) throw new Error(ErrNoNodesAvailable);
  const numNodesToFind = numFeasibleNodesToFind(all.length);
  // Small clusters evaluate every node in name order, so ties break the same way every cycle.
  const sampled = numNodesToFind < all.length;
  const sampling = { start: sampled ? sched.nextStartNodeIndex % all.length : 0, numNodesToFind };
  const { feasible, diagnosis } = findNodesThatFitPod(fwk, state, pod, all, sampling);
  const evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size;
  // The next cycle starts where this one stopped, so every node gets its turn.
  if (sampled) sched.nextStartNodeIndex = (sampling.start + evaluatedNodes) % all.length;
  if (feasible.length === 0) throw new FitError(pod, all.length, diagnosis);
  if (feasible.length === 1) return { suggestedHost: feasible[0]!.nodeName(), evaluatedNodes, feasibleNodes: 1 };
  const scores = prioritizeNodes(fwk, state, pod, feasible);
  return { suggestedHost: selectHost(scores, sched.rand), evaluatedNodes, feasibleNodes: feasible.length };
}

/**
 * findNodesThatFitPod runs PreFilter once and Filter on each node, recording why nodes fail.
 * With sampling it visits nodes round-robin from `start` and stops after numNodesToFind feasible.
 */
export function findNodesThatFitPod(
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  all: NodeInfo[],
  sampling: { start: number; numNodesToFind: number } = { start: 0, numNodesToFind: all.length },
): { feasible: NodeInfo[]; diagnosis: Diagnosis } {
  const diagnosis: Diagnosis = { nodeToStatus: new Map(), unschedulablePlugins: new Set() };
  const { result, status } = fwk.runPreFilterPlugins(state, pod, all);
  if (status && !status.isSuccess()) {
    if (!status.isRejected()) throw new Error(status.message());
    // Every node failed PreFilter for the same reason; the message says it once.
    diagnosis.preFilterMsg = status.message();
    diagnosis.absentNodesStatus = status;
    diagnosis.unschedulablePlugins.add(status.plugin);
    return { feasible: [], diagnosis };
  }
  const candidates = result?.nodeNames ? all.filter((n) => result.nodeNames!.has(n.nodeName())) : all;
  if (result?.nodeNames) diagnosis.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, "node(s) didn't satisfy plugin(s) [PreFilter]");
  const feasible: NodeInfo[] = [];
  const count = candidates.length;
  for (let i = 0; i < count && feasible.length < sampling.numNodesToFind; i++) {
    const n = candidates[(sampling.start + i) % count]!;
    const s = fwk.runFilterPlugins(state, pod, n);
    if (!s) {
      feasible.push(n);
      continue;
    }
    if (s.code === Code.Error) throw new Error(s.message());
    diagnosis.nodeToStatus.set(n.nodeName(), s);
    diagnosis.unschedulablePlugins.add(s.plugin);
  }
  return { feasible, diagnosis };
}

/** prioritizeNodes runs PreScore and Score; with no score plugins every node scores 1. */
export function prioritizeNodes(fwk: Framework, state: CycleState, pod: Pod, nodes: NodeInfo[]): NodeScore[] {
  const pre = fwk.runPreScorePlugins(state, pod, nodes);
  if (pre) throw new Error(pre.message());
  const { totals, byPlugin, status } = fwk.runScorePlugins(state, pod, nodes);
  if (status) throw new Error(status.message());
  if (byPlugin.size === 0) return nodes.map((n) => ({ name: n.nodeName(), score: 1 }));
  return totals;
}

/** selectHost takes the highest score, breaking ties by reservoir sampling as upstream. */
export function selectHost(scores: NodeScore[], rand: () => number): string {
  if (scores.length === 0) throw new Error('empty priorityList');
  let selected = scores[0]!;
  let cntOfMaxScore = 1;
  for (let i = 1; i < scores.length; i++) {
    const s = scores[i]!;
    if (s.score > selected.score) {
      selected = s;
      cntOfMaxScore = 1;
    } else if (s.score === selected.score) {
      cntOfMaxScore++;
      if (Math.floor(rand() * cntOfMaxScore) === 0) selected = s;
    }
  }
  return selected.name;
}

async function bindingCycle(sched: Scheduler, fwk: Framework, state: CycleState, pInfo: QueuedPodInfo, assumed: Pod, host: string, cycle: number): Promise<void> {
  const status = await fwk.runBindPlugins(state, assumed, host);
  if (status && !status.isSuccess()) {
    fwk.runReservePluginsUnreserve(state, assumed, host);
    sched.cache.forgetPod(assumed);
    // The freed room may help pods that were parked in the meantime.
    sched.queue.moveAllToActiveOrBackoffQueue('AssignedPodDelete');
    await handleSchedulingFailure(sched, fwk, pInfo, new Error(`binding rejected: ${status.message()}`), cycle);
    return;
  }
  sched.cache.finishBinding(assumed);
  const ns = assumed.metadata.namespace ?? 'default';
  sched.recorders.get(fwk.schedulerName)?.eventf(assumed, EventTypeNormal, 'Scheduled', 'Successfully assigned %v/%v to %v', ns, assumed.metadata.name, host);
  fwk.runPostBindPlugins(state, assumed, host);
}

const truncateMessage = (m: string) => (m.length > maxMessageLength ? m.slice(0, maxMessageLength - 3) + '...' : m);

/** handleSchedulingFailure records the failure, requeues the pod and updates its status. */
export async function handleSchedulingFailure(sched: Scheduler, fwk: Framework, pInfo: QueuedPodInfo, err: unknown, cycle: number, nominatedNodeName?: string): Promise<void> {
  const pod = pInfo.pod;
  const isFit = err instanceof FitError;
  const reason = isFit ? 'Unschedulable' : 'SchedulerError';
  const message = err instanceof Error ? err.message : String(err);
  pInfo.unschedulablePlugins = isFit ? new Set([...err.diagnosis.unschedulablePlugins].filter(Boolean)) : new Set();

  // Requeue only a pod that still exists and still waits for a node.
  let current: Pod | undefined;
  try {
    current = sched.informerFactory.core().v1().pods().lister().get(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '');
  } catch {
    current = undefined;
  }
  if (current && !current.spec?.nodeName && current.metadata.uid === pod.metadata.uid) {
    pInfo.pod = current;
    sched.queue.addUnschedulableIfNotPresent(pInfo, cycle);
  } else sched.queue.done(pod);

  sched.recorders.get(fwk.schedulerName)?.eventf(pod, EventTypeWarning, 'FailedScheduling', '%v', truncateMessage(message));
  if (current) await updatePodStatus(sched, current, { type: 'PodScheduled', status: 'False', reason, message }, nominatedNodeName);
}

/** updatePodStatus patches the PodScheduled condition (and nominatedNodeName) when they change. */
async function updatePodStatus(sched: Scheduler, pod: Pod, cond: PodCondition, nominatedNodeName?: string): Promise<void> {
  const old = pod.status?.conditions?.find((c) => c.type === cond.type);
  const nominatedChanged = nominatedNodeName !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNodeName;
  if (old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message && !nominatedChanged) return;
  const now = new Date(sched.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  const condition: PodCondition = { ...cond, lastProbeTime: null, lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : now };
  const status: Record<string, unknown> = { conditions: [condition] };
  if (nominatedChanged) status.nominatedNodeName = nominatedNodeName || null;
  try {
    await sched.client.coreV1().pods(pod.metadata.namespace ?? 'default').patch(pod.metadata.name ?? '', StrategicMergePatchType, { status }, undefined, 'status');
  } catch {
    // The pod may be gone; the next attempt writes the condition again.
  }
}
