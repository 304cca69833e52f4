// Mirrors pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go: NoSchedule and
// NoExecute taints must be tolerated (Filter); untolerated PreferNoSchedule taints lower a node's
// score (Score, reversed so fewer is better).
import type { Pod, Toleration } from '../../../../api/core/v1/types.js';
import { Code, Status, type FilterPlugin, type Handle, type NodeScore, type ScorePlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import { findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../helper/taints.js';
import { normalizeToMax } from '../helper/normalize-score.js';
import * as names from '../names/names.js';

export const Name = names.TaintToleration;

export class TaintTolerationPlugin implements FilterPlugin, ScorePlugin {
  name(): string {
    return Name;
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const taint = findMatchingUntoleratedTaint(nodeInfo.node?.spec?.taints ?? [], pod.spec?.tolerations ?? [], (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    if (!taint) return null;
    return new Status(Code.UnschedulableAndUnresolvable, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  }

  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    // Only tolerations that can cover PreferNoSchedule count here, as upstream.
    const tolerations: Toleration[] = (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    const count = (nodeInfo.node?.spec?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)).length;
    return { score: count, status: null };
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    normalizeToMax(scores, true);
    return null;
  }
}

export const New = (_args: unknown, _h: Handle) => new TaintTolerationPlugin() satisfies FilterPlugin & ScorePlugin;
