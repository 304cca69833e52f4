// Mirrors pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go: NoSchedule and
// NoExecute taints must be tolerated (Filter); untolerated PreferNoSchedule taints lower a node's
// score (Score, reversed so fewer is better).
import type { Pod, Taint, Toleration } from '../../../../api/core/v1/types.js';
import { Code, Status, type FilterPlugin, type Handle, type NodeScore, type PreScorePlugin, type ScorePlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import { findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../helper/taints.js';
import { normalizeToMax } from '../helper/normalize-score.js';
import * as names from '../names/names.js';

export const Name = names.TaintToleration;

const preScoreStateKey = 'PreScore' + Name;

/** doNotScheduleTaints are the effects Filter enforces. */
const doNotScheduleTaints = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** preferNoScheduleTolerations: only tolerations that can cover PreferNoSchedule count in Score. */
const preferNoScheduleTolerations = (pod: Pod): Toleration[] => (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');

export class TaintTolerationPlugin implements FilterPlugin, PreScorePlugin, ScorePlugin {
  name(): string {
    return Name;
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const taints = nodeInfo.node?.spec?.taints;
    if (!taints || taints.length === 0) return null;
    const taint = findMatchingUntoleratedTaint(taints, pod.spec?.tolerations ?? [], doNotScheduleTaints);
    if (!taint) return null;
    return new Status(Code.UnschedulableAndUnresolvable, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  }

  /** preScore picks the pod's PreferNoSchedule tolerations once per cycle, as upstream. */
  preScore(state: CycleState, pod: Pod): Status | null {
    state.write(preScoreStateKey, preferNoScheduleTolerations(pod));
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    const taints = nodeInfo.node?.spec?.taints;
    if (!taints || taints.length === 0) return { score: 0, status: null };
    const tolerations = state.read<Toleration[]>(preScoreStateKey) ?? preferNoScheduleTolerations(pod);
    let count = 0;
    for (const t of taints) if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)) count++;
    return { score: count, status: null };
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    normalizeToMax(scores, true);
    return null;
  }
}

export const New = (_args: unknown, _h: Handle) => new TaintTolerationPlugin() satisfies FilterPlugin & ScorePlugin;
