// Mirrors FitError and Diagnosis in pkg/scheduler/framework/types.go: the "0/3 nodes are
// available: …" message — a histogram of every node's reasons, sorted as strings, then what
// PreFilter or PostFilter (preemption) had to say.
import type { Pod } from '../../api/core/v1/types.js';
import type { Status } from './interface.js';

export const NoNodeAvailableMsg = '0/%v nodes are available';

export interface Diagnosis {
  /** nodeToStatus holds each rejected node's status. */
  nodeToStatus: Map<string, Status>;
  /** absentNodesStatus applies to nodes missing from nodeToStatus (e.g. after a PreFilter). */
  absentNodesStatus?: Status;
  unschedulablePlugins: Set<string>;
  preFilterMsg?: string;
  postFilterMsg?: string;
}

export class FitError extends Error {
  constructor(
    readonly pod: Pod,
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {
    // No message argument: it would become an own property hiding the getter below.
    super();
    this.name = 'FitError';
  }

  /** message is computed on demand: PostFilter adds its part after the error is built. */
  override get message(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis);
  }
}

/** fitErrorMessage formats a diagnosis the way FitError.Error does. */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NoNodeAvailableMsg.replace('%v', String(numAllNodes))}:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const reasons = new Map<string, number>();
    for (const status of d.nodeToStatus.values()) for (const r of status.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0 && d.absentNodesStatus) for (const r of d.absentNodesStatus.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
    // Go sorts the "<count> <reason>" strings, so "10 x" sorts before "2 y".
    const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}.`;
  return msg;
}
