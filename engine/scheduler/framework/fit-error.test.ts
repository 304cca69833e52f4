import { describe, it, expect } from 'vitest';
import { fitErrorMessage } from './fit-error.js';
import { Code, Status } from './interface.js';

const st = (...reasons: string[]) => new Status(Code.Unschedulable, ...reasons);

describe('fitErrorMessage', () => {
  it.each([
    {
      name: 'histogram sorted as strings',
      nodes: 3,
      statuses: { a: st('Insufficient cpu'), b: st("node(s) didn't match Pod's node affinity/selector"), c: st("node(s) didn't match Pod's node affinity/selector") },
      want: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.",
    },
    { name: 'one node, two reasons', nodes: 1, statuses: { a: st('Insufficient cpu', 'Insufficient memory') }, want: '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.' },
    {
      name: 'string order puts 10 before 2',
      nodes: 12,
      statuses: Object.fromEntries([...Array(12).keys()].map((i) => [`n${i}`, st(i < 10 ? 'b' : 'a')])),
      want: '0/12 nodes are available: 10 b, 2 a.',
    },
    { name: 'postfilter message appended', nodes: 1, statuses: { a: st('Too many pods') }, post: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.', want: '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..' },
  ])('$name', ({ nodes, statuses, post, want }) => {
    expect(fitErrorMessage(nodes, { nodeToStatus: new Map(Object.entries(statuses)), unschedulablePlugins: new Set(), postFilterMsg: post })).toBe(want);
  });

  it('counts absent nodes with the absent status', () => {
    const msg = fitErrorMessage(3, { nodeToStatus: new Map([['a', st('No preemption victims found for incoming pod')]]), absentNodesStatus: st('Preemption is not helpful for scheduling'), unschedulablePlugins: new Set() });
    expect(msg).toBe('0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
  });
});
