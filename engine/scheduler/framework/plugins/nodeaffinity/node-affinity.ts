// Mirrors pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go: nodeSelector and required
// node affinity (Filter; the books' MatchNodeSelector / PodSelectorMatches) and the weights of
// matching preferred terms (Score; NodeAffinityPriority). addedAffinity is left out.
import type { Pod } from '../../../../api/core/v1/types.js';
import { Code, Status, type FilterPlugin, type Handle, type NodeScore, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import { podMatchesNodeSelectorAndAffinityTerms, termMatches } from '../helper/node-affinity.js';
import { normalizeToMax } from '../helper/normalize-score.js';
import * as names from '../names/names.js';

export const Name = names.NodeAffinity;
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

export class NodeAffinityPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  name(): string {
    return Name;
  }

  /** preFilter skips Filter for a pod with neither a nodeSelector nor required node affinity, as upstream. */
  preFilter(_state: CycleState, pod: Pod): { status: Status | null } {
    if (!pod.spec?.nodeSelector && !pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution) return { status: new Status(Code.Skip) };
    return { status: null };
  }

  /** preScore skips Score for a pod with no preferred node affinity, as upstream. */
  preScore(_state: CycleState, pod: Pod): Status | null {
    if (!pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution) return new Status(Code.Skip);
    return null;
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    if (!nodeInfo.node) return new Status(Code.Error, 'node not found');
    if (!podMatchesNodeSelectorAndAffinityTerms(pod, nodeInfo.node)) return new Status(Code.UnschedulableAndUnresolvable, ErrReasonPod);
    return null;
  }

  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    let score = 0;
    const node = nodeInfo.node;
    if (!node) return { score, status: null };
    for (const term of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (term.weight !== 0 && termMatches(term.preference, node)) score += term.weight;
    }
    return { score, status: null };
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    normalizeToMax(scores, false);
    return null;
  }
}

export const New = (_args: unknown, _h: Handle) => new NodeAffinityPlugin() satisfies FilterPlugin & ScorePlugin;
