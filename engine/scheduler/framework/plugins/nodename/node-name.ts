// Mirrors pkg/scheduler/framework/plugins/nodename/node_name.go: a pod that names its node fits
// only there (the books' HostName / PodFitsHost predicate).
import type { Pod } from '../../../../api/core/v1/types.js';
import { Code, Status, type FilterPlugin, type Handle } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import type { NodeInfo } from '../../types.js';
import * as names from '../names/names.js';

export const Name = names.NodeName;
export const ErrReason = "node(s) didn't match the requested node name";

export class NodeNamePlugin implements FilterPlugin {
  name(): string {
    return Name;
  }

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    if (!fits(pod, nodeInfo)) return new Status(Code.UnschedulableAndUnresolvable, ErrReason);
    return null;
  }
}

/** fits is true when the pod names no node or names this one. */
export const fits = (pod: Pod, nodeInfo: NodeInfo): boolean => !pod.spec?.nodeName || pod.spec.nodeName === nodeInfo.nodeName();

export const New = (_args: unknown, _h: Handle) => new NodeNamePlugin() satisfies FilterPlugin;
