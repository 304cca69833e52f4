// Mirrors pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go: a cordoned
// node (spec.unschedulable) takes only pods tolerating the node.kubernetes.io/unschedulable taint.
import type { Pod, Taint } from '../../../../api/core/v1/types.js';
import { Code, Status, type FilterPlugin, type Handle } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import { tolerationsTolerateTaint } from '../helper/taints.js';
import * as names from '../names/names.js';

export const Name = names.NodeUnschedulable;
export const ErrReasonUnknownCondition = 'node(s) had unknown conditions';
export const ErrReasonUnschedulable = 'node(s) were unschedulable';

const unschedulableTaint: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export class NodeUnschedulablePlugin implements FilterPlugin {
  name(): string {
    return Name;
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    if (!nodeInfo.node) return new Status(Code.UnschedulableAndUnresolvable, ErrReasonUnknownCondition);
    if (!nodeInfo.node.spec?.unschedulable) return null;
    if (tolerationsTolerateTaint(pod.spec?.tolerations ?? [], unschedulableTaint)) return null;
    return new Status(Code.UnschedulableAndUnresolvable, ErrReasonUnschedulable);
  }
}

export const New = (_args: unknown, _h: Handle) => new NodeUnschedulablePlugin() satisfies FilterPlugin;
