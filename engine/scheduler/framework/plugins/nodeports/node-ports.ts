// Mirrors pkg/scheduler/framework/plugins/nodeports/node_ports.go: a pod's hostPorts must be free
// on the node (the books' PodFitsPorts / PodFitsHostPorts predicate).
import type { Pod } from '../../../../api/core/v1/types.js';
import { Code, Status, type FilterPlugin, type Handle, type PreFilterPlugin } from '../../interface.js';
import type { CycleState } from '../../cycle-state.js';
import { hostPortsOf, type NodeInfo } from '../../types.js';
import * as names from '../names/names.js';

export const Name = names.NodePorts;
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";
const preFilterStateKey = 'PreFilter' + Name;

type Ports = ReturnType<typeof hostPortsOf>;

export class NodePortsPlugin implements PreFilterPlugin, FilterPlugin {
  name(): string {
    return Name;
  }

  preFilter(state: CycleState, pod: Pod): { status: Status | null } {
    const ports = hostPortsOf(pod);
    // Pods without host ports never conflict: skip the Filter.
    if (ports.length === 0) return { status: new Status(Code.Skip) };
    state.write(preFilterStateKey, ports);
    return { status: null };
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const wanted = state.read<Ports>(preFilterStateKey) ?? hostPortsOf(pod);
    if (!fits(wanted, nodeInfo)) return new Status(Code.Unschedulable, ErrReason);
    return null;
  }
}

export function fits(wanted: Ports, nodeInfo: NodeInfo): boolean {
  return !wanted.some((p) => nodeInfo.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort));
}

export const New = (_args: unknown, _h: Handle) => new NodePortsPlugin() satisfies FilterPlugin;
