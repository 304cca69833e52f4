import { describe, it, expect } from 'vitest';
import { CycleState } from './framework/cycle-state.js';
import { Framework } from './framework/runtime/framework.js';
import { newInTreeRegistry } from './framework/plugins/registry.js';
import { fakeHandle, makeNode, makeNodeInfo, makePod } from './framework/plugins/testing.js';
import type { NodeInfo } from './framework/types.js';
import { findNodesThatFitPod, numFeasibleNodesToFind } from './schedule-one.js';

/** fitFramework filters and scores with NodeResourcesFit only (LeastAllocated). */
function fitFramework(nodes: NodeInfo[]): Framework {
  const plugins = {
    queueSort: { enabled: [{ name: 'PrioritySort' }] },
    preFilter: { enabled: [{ name: 'NodeResourcesFit' }] },
    filter: { enabled: [{ name: 'NodeResourcesFit' }] },
    score: { enabled: [{ name: 'NodeResourcesFit', weight: 1 }, { name: 'NodeResourcesBalancedAllocation', weight: 2 }] },
    bind: { enabled: [{ name: 'DefaultBinder' }] },
  };
  return new Framework(newInTreeRegistry(), { schedulerName: 'default-scheduler', plugins }, fakeHandle(nodes));
}

const nodesNamed = (n: number, full: (i: number) => boolean = () => false) =>
  Array.from({ length: n }, (_, i) => {
    const node = makeNode(`n${String(i).padStart(4, '0')}`, { cpu: '2', memory: '4Gi', pods: '110' });
    return full(i) ? makeNodeInfo(node, makePod(`big-${i}`, { cpu: '2' })) : makeNodeInfo(node);
  });

describe('numFeasibleNodesToFind', () => {
  it.each([
    { nodes: 0, want: 0 },
    { nodes: 99, want: 99 },
    { nodes: 100, want: 100 },
    { nodes: 200, want: 100 }, // 49% of 200 is under the floor of 100
    { nodes: 1000, want: 420 }, // 50 − 1000/125 = 42%
    { nodes: 5000, want: 500 }, // 50 − 40 = 10%
    { nodes: 10000, want: 500 }, // the 5% floor
  ])('$nodes nodes → $want', ({ nodes, want }) => {
    expect(numFeasibleNodesToFind(nodes)).toBe(want);
  });

  it('honours an explicit percentage', () => {
    expect(numFeasibleNodesToFind(1000, 20)).toBe(200);
    expect(numFeasibleNodesToFind(1000, 1)).toBe(100);
  });
});

describe('findNodesThatFitPod', () => {
  it('checks every node when not sampling, recording why the full ones fail', () => {
    const nodes = nodesNamed(10, (i) => i % 2 === 0);
    const { feasible, diagnosis } = findNodesThatFitPod(fitFramework(nodes), new CycleState(), makePod('p', { cpu: '1' }), nodes);
    expect(feasible.map((n) => n.nodeName())).toEqual(['n0001', 'n0003', 'n0005', 'n0007', 'n0009']);
    expect(diagnosis.nodeToStatus.size).toBe(5);
  });

  it('stops after numNodesToFind feasible nodes, starting at the given index and wrapping', () => {
    const nodes = nodesNamed(200, (i) => i < 10);
    const { feasible, diagnosis } = findNodesThatFitPod(fitFramework(nodes), new CycleState(), makePod('p', { cpu: '1' }), nodes, { start: 195, numNodesToFind: 100 });
    expect(feasible).toHaveLength(100);
    expect(feasible[0]!.nodeName()).toBe('n0195');
    expect(feasible[5]!.nodeName()).toBe('n0010'); // 195..199, then 0..9 are full
    expect(diagnosis.nodeToStatus.size).toBe(10);
  });
});

describe('Framework.runScorePlugins', () => {
  it('adds weighted plugin scores per node in node order', () => {
    const nodes = [
      makeNodeInfo(makeNode('a', { cpu: '4', memory: '4Gi', pods: '110' })),
      makeNodeInfo(makeNode('b', { cpu: '4', memory: '4Gi', pods: '110' }), makePod('x', { cpu: '2', memory: '1Gi' })),
    ];
    const fwk = fitFramework(nodes);
    const pod = makePod('p', { cpu: '1', memory: '1Gi' });
    const state = new CycleState();
    expect(fwk.runPreScorePlugins(state, pod, nodes)).toBeNull();
    const { totals, byPlugin } = fwk.runScorePlugins(state, pod, nodes);
    // Fit (LeastAllocated): a = (75 + 75) / 2 = 75; b = (25 + 50) / 2 = 37.
    expect(byPlugin.get('NodeResourcesFit')!.map((s) => s.score)).toEqual([75, 37]);
    const balanced = byPlugin.get('NodeResourcesBalancedAllocation')!.map((s) => s.score);
    expect(totals).toEqual([
      { name: 'a', score: 75 + balanced[0]! },
      { name: 'b', score: 37 + balanced[1]! },
    ]);
    expect(balanced[0]).toBe(200); // both at 25%: perfectly balanced, weight 2
  });
});
