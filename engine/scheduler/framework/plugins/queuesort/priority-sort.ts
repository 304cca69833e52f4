// Mirrors pkg/scheduler/framework/plugins/queuesort/priority_sort.go: higher spec.priority first,
// then the pod that has waited longest.
import type { Pod } from '../../../../api/core/v1/types.js';
import type { Handle, QueueSortPlugin } from '../../interface.js';
import { podPriority } from '../../types.js';
import * as names from '../names/names.js';

export const Name = names.PrioritySort;

export class PrioritySort implements QueueSortPlugin {
  name(): string {
    return Name;
  }

  less(a: { pod: Pod; timestamp: number }, b: { pod: Pod; timestamp: number }): boolean {
    const p1 = podPriority(a.pod);
    const p2 = podPriority(b.pod);
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  }
}

export const New = (_args: unknown, _h: Handle) => new PrioritySort() satisfies QueueSortPlugin;
