// Mirrors pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go and
// framework/preemption/preemption.go, simplified: on nodes rejected as Unschedulable (not
// UnschedulableAndUnresolvable) try removing every lower-priority pod, reprieve as many as still
// fit (highest priority first), pick the node whose victims matter least, delete them and nominate
// the node. PodDisruptionBudgets, extenders and async preemption are left out.
import type { Pod } from '../../../../api/core/v1/types.js';
import { isNotFound } from '../../../../apimachinery/api/errors/errors.js';
import { EventTypeNormal } from '../../../../client/tools/record/event.js';
import { Code, Status, type Handle, type PostFilterPlugin, type PostFilterResult } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import { fitErrorMessage } from '../../fit-error.js';
import { podPriority, type NodeInfo } from '../../types.js';
import * as names from '../names/names.js';

export const Name = names.DefaultPreemption;

interface Candidate {
  node: string;
  victims: Pod[];
}

export class DefaultPreemption implements PostFilterPlugin {
  constructor(private readonly handle: Handle) {}

  name(): string {
    return Name;
  }

  async postFilter(state: CycleState, pod: Pod, m: Map<string, Status>): Promise<{ result?: PostFilterResult; status: Status | null }> {
    const { result, status } = await this.preempt(state, pod, m);
    const msg = status?.message() ?? '';
    if (status && msg) return { result, status: new Status(status.code, 'preemption: ' + msg) };
    return { result, status };
  }

  private async preempt(state: CycleState, pod: Pod, m: Map<string, Status>): Promise<{ result?: PostFilterResult; status: Status | null }> {
    if (pod.spec?.preemptionPolicy === 'Never') return { status: new Status(Code.Unschedulable, 'not eligible due to preemptionPolicy=Never.') };
    const allNodes = this.handle.snapshotSharedLister().list();
    const nodeToStatus = new Map<string, Status>();
    const candidates: Candidate[] = [];
    for (const info of allNodes) {
      if (m.get(info.nodeName())?.code !== Code.Unschedulable) continue;
      const { victims, status } = this.selectVictimsOnNode(state, pod, info);
      if (status) nodeToStatus.set(info.nodeName(), status);
      else candidates.push({ node: info.nodeName(), victims });
    }
    if (candidates.length === 0) {
      const msg = fitErrorMessage(allNodes.length, {
        nodeToStatus,
        absentNodesStatus: new Status(Code.UnschedulableAndUnresolvable, 'Preemption is not helpful for scheduling'),
        unschedulablePlugins: new Set(),
      });
      return { result: { nominatedNodeName: '' }, status: new Status(Code.Unschedulable, msg) };
    }
    const best = pickOneNodeForPreemption(candidates);
    await this.prepareCandidate(best, pod);
    return { result: { nominatedNodeName: best.node }, status: null };
  }

  /** selectVictimsOnNode finds the fewest lower-priority pods whose removal lets pod fit. */
  private selectVictimsOnNode(state: CycleState, pod: Pod, info: NodeInfo): { victims: Pod[]; status?: Status } {
    const copy = info.snapshot();
    const prio = podPriority(pod);
    const potential = copy.pods.map((p) => p.pod).filter((p) => podPriority(p) < prio);
    if (potential.length === 0) return { victims: [], status: new Status(Code.UnschedulableAndUnresolvable, 'No preemption victims found for incoming pod') };
    for (const v of potential) copy.removePod(v);
    const fits = this.handle.runFilterPlugins(state, pod, copy);
    if (fits && !fits.isSuccess()) return { victims: [], status: fits };
    // Reprieve the most important pods first; whoever no longer fits stays a victim.
    potential.sort((a, b) => podPriority(b) - podPriority(a));
    const victims: Pod[] = [];
    for (const p of potential) {
      copy.addPod(p);
      const s = this.handle.runFilterPlugins(state, pod, copy);
      if (s && !s.isSuccess()) {
        copy.removePod(p);
        victims.push(p);
      }
    }
    return { victims };
  }

  /** prepareCandidate deletes the victims, telling each why. */
  private async prepareCandidate(c: Candidate, pod: Pod): Promise<void> {
    for (const victim of c.victims) {
      try {
        await this.handle.clientSet().coreV1().pods(victim.metadata.namespace ?? 'default').delete(victim.metadata.name ?? '');
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      this.handle.eventRecorder().eventf(victim, EventTypeNormal, 'Preempted', 'Preempted by pod %v on node %v', pod.metadata.uid, c.node);
    }
  }
}

/** pickOneNodeForPreemption: lowest highest-victim priority, then smallest priority sum, then fewest victims. */
export function pickOneNodeForPreemption(candidates: Candidate[]): Candidate {
  const key = (c: Candidate) => [Math.max(...c.victims.map(podPriority)), c.victims.reduce((a, p) => a + podPriority(p), 0), c.victims.length];
  return [...candidates].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  })[0]!;
}

export const New = (_args: unknown, h: Handle) => new DefaultPreemption(h) satisfies PostFilterPlugin;
