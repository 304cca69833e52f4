// Mirrors pkg/scheduler/framework/plugins/nodelabel/node_label.go (removed upstream in v1.23, kept
// for the books): CheckNodeLabelPresence as a Filter — the node must carry presentLabels and none
// of absentLabels — and CalculateNodeLabelPriority as a Score by label preferences.
import type { Pod } from '../../../../api/core/v1/types.js';
import { Code, MaxNodeScore, Status, type FilterPlugin, type Handle, type ScorePlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import * as names from '../names/names.js';

export const Name = names.NodeLabel;
export const ErrReasonPresenceViolated = "node(s) didn't have the requested labels";

export interface NodeLabelArgs {
  presentLabels?: string[];
  absentLabels?: string[];
  presentLabelsPreference?: string[];
  absentLabelsPreference?: string[];
}

export class NodeLabelPlugin implements FilterPlugin, ScorePlugin {
  constructor(private readonly args: NodeLabelArgs = {}) {}

  name(): string {
    return Name;
  }

  filter(_state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | null {
    const labels = nodeInfo.node?.metadata.labels ?? {};
    const has = (l: string) => Object.prototype.hasOwnProperty.call(labels, l);
    const ok = (this.args.presentLabels ?? []).every(has) && !(this.args.absentLabels ?? []).some(has);
    return ok ? null : new Status(Code.UnschedulableAndUnresolvable, ErrReasonPresenceViolated);
  }

  score(_state: CycleState, _pod: Pod, nodeInfo: NodeInfo): { score: number; status: Status | null } {
    const labels = nodeInfo.node?.metadata.labels ?? {};
    const has = (l: string) => Object.prototype.hasOwnProperty.call(labels, l);
    const present = this.args.presentLabelsPreference ?? [];
    const absent = this.args.absentLabelsPreference ?? [];
    const size = present.length + absent.length;
    if (size === 0) return { score: 0, status: null };
    let score = 0;
    for (const l of present) if (has(l)) score += MaxNodeScore;
    for (const l of absent) if (!has(l)) score += MaxNodeScore;
    return { score: Math.trunc(score / size), status: null };
  }
}

export const New = (args: unknown, _h: Handle) => new NodeLabelPlugin((args ?? {}) as NodeLabelArgs) satisfies FilterPlugin & ScorePlugin;
