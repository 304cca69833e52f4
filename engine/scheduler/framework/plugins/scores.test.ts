import { describe, it, expect } from 'vitest';
import type { Pod } from '../../../api/core/v1/types.js';
import { CycleState } from '../cycle-state.js';
import { Code, type NodeScore, type PreScorePlugin, type ScorePlugin } from '../interface.js';
import type { NodeInfo } from '../types.js';
import { ImageLocalityPlugin } from './imagelocality/image-locality.js';
import { NodeAffinityPlugin } from './nodeaffinity/node-affinity.js';
import { NodeLabelPlugin } from './nodelabel/node-label.js';
import { BalancedAllocation } from './noderesources/balanced-allocation.js';
import { Fit } from './noderesources/fit.js';
import { TaintTolerationPlugin } from './tainttoleration/taint-toleration.js';
import { PodTopologySpreadPlugin } from './podtopologyspread/plugin.js';
import type { SharedInformerFactory } from '../../../client/informers/factory.js';
import { fakeHandle, makeNode, makeNodeInfo, makePod } from './testing.js';

/** scoreAll runs PreScore, Score and NormalizeScore as the framework does. */
function scoreAll(plugin: ScorePlugin, pod: Pod, nodes: NodeInfo[]): number[] | 'skip' {
  const state = new CycleState();
  const pre = (plugin as Partial<PreScorePlugin>).preScore?.(state, pod, nodes);
  if (pre?.code === Code.Skip) return 'skip';
  const scores: NodeScore[] = nodes.map((n) => ({ name: n.nodeName(), score: plugin.score(state, pod, n).score }));
  plugin.normalizeScore?.(state, pod, scores);
  return scores.map((s) => s.score);
}

const cpuMem = (cpu: string, memory: string) => ({ cpu, memory, pods: '110' });
const labelled = (name: string, labels: Record<string, string>) => makeNode(name, undefined, { metadata: { name, labels } });

describe('Score plugins', () => {
  it.each([
    {
      name: 'LeastAllocated: emptier node wins; (cap − req) × 100 / cap averaged over cpu and memory',
      plugin: new Fit(),
      pod: makePod('p', { cpu: '1', memory: '1Gi' }),
      nodes: [makeNodeInfo(makeNode('a', cpuMem('4', '4Gi'))), makeNodeInfo(makeNode('b', cpuMem('4', '4Gi')), makePod('x', { cpu: '2', memory: '2Gi' }))],
      want: [75, 25],
    },
    {
      name: 'LeastAllocated: pods without requests count 100m / 200Mi',
      plugin: new Fit(),
      pod: makePod('p'),
      nodes: [makeNodeInfo(makeNode('a', cpuMem('1', '1000Mi')))],
      want: [85],
    },
    {
      name: 'MostAllocated packs',
      plugin: new Fit({ scoringStrategy: { type: 'MostAllocated' } }),
      pod: makePod('p', { cpu: '1', memory: '1Gi' }),
      nodes: [makeNodeInfo(makeNode('a', cpuMem('4', '4Gi'))), makeNodeInfo(makeNode('b', cpuMem('4', '4Gi')), makePod('x', { cpu: '2', memory: '2Gi' }))],
      want: [25, 75],
    },
    {
      name: 'BalancedAllocation: equal shares score 100',
      plugin: new BalancedAllocation(),
      pod: makePod('p', { cpu: '1', memory: '1Gi' }),
      nodes: [makeNodeInfo(makeNode('a', cpuMem('4', '4Gi'))), makeNodeInfo(makeNode('b', cpuMem('2', '8Gi')))],
      want: [100, 81],
    },
    { name: 'BalancedAllocation skips pods without requests', plugin: new BalancedAllocation(), pod: makePod('p'), nodes: [makeNodeInfo(makeNode('a'))], want: 'skip' as const },
    {
      name: 'NodeAffinity: preferred weights, normalized',
      plugin: new NodeAffinityPlugin(),
      pod: makePod('p', {}, {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 20, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
              { weight: 60, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
            ],
          },
        },
      }),
      nodes: [makeNodeInfo(labelled('a', { disk: 'ssd' })), makeNodeInfo(labelled('b', { zone: 'a', disk: 'ssd' })), makeNodeInfo(labelled('c', {}))],
      want: [25, 100, 0],
    },
    {
      name: 'TaintToleration: fewer intolerable PreferNoSchedule taints is better',
      plugin: new TaintTolerationPlugin(),
      pod: makePod('p', {}, { tolerations: [{ key: 'ok', operator: 'Exists' }] }),
      nodes: [
        makeNodeInfo(makeNode('a', undefined, { spec: { taints: [{ key: 'x', effect: 'PreferNoSchedule' }, { key: 'y', effect: 'PreferNoSchedule' }] } })),
        makeNodeInfo(makeNode('b', undefined, { spec: { taints: [{ key: 'ok', effect: 'PreferNoSchedule' }] } })),
        makeNodeInfo(makeNode('c', undefined, { spec: { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] } })),
      ],
      want: [0, 100, 50],
    },
    {
      name: 'NodeLabel (CalculateNodeLabelPriority): presence preferred',
      plugin: new NodeLabelPlugin({ presentLabelsPreference: ['ssd'] }),
      pod: makePod('p'),
      nodes: [makeNodeInfo(labelled('a', { ssd: 'true' })), makeNodeInfo(labelled('b', {}))],
      want: [100, 0],
    },
  ])('$name', ({ plugin, pod, nodes, want }) => {
    expect(scoreAll(plugin, pod, nodes)).toEqual(want);
  });

  it('NodeAffinity skips Score for a pod without preferred node affinity', () => {
    expect(scoreAll(new NodeAffinityPlugin(), makePod('p', {}, { nodeSelector: { disk: 'ssd' } }), [makeNodeInfo(labelled('a', { disk: 'ssd' }))])).toBe('skip');
  });

  it('TaintToleration scores the same with and without its PreScore', () => {
    const plugin = new TaintTolerationPlugin();
    const pod = makePod('p', {}, { tolerations: [{ key: 'ok', operator: 'Exists' }, { key: 'x', operator: 'Exists', effect: 'NoSchedule' }] });
    const node = makeNodeInfo(makeNode('a', undefined, { spec: { taints: [{ key: 'ok', effect: 'PreferNoSchedule' }, { key: 'x', effect: 'PreferNoSchedule' }] } }));
    const withPreScore = new CycleState();
    expect(plugin.preScore(withPreScore, pod)).toBeNull();
    // A NoSchedule toleration does not cover a PreferNoSchedule taint: x counts, ok does not.
    expect(plugin.score(withPreScore, pod, node).score).toBe(1);
    expect(plugin.score(new CycleState(), pod, node).score).toBe(1);
  });

  it('ImageLocality scales an image by the share of nodes holding it, init containers included', () => {
    const mb = 1024 * 1024;
    const holding = (name: string) => makeNode(name, undefined, { status: { allocatable: {}, images: [{ names: ['docker.io/library/redis:7', 'redis:7'], sizeBytes: 800 * mb }, { names: ['busybox'], sizeBytes: 400 * mb }] } });
    const nodes = [makeNodeInfo(holding('a')), makeNodeInfo(holding('b')), makeNodeInfo(makeNode('c')), makeNodeInfo(makeNode('d'))];
    const plugin = new ImageLocalityPlugin(fakeHandle(nodes));
    const pod = makePod('p', {}, { initContainers: [{ name: 'init', image: 'busybox:latest' }] });
    pod.spec!.containers[0]!.image = 'redis:7';
    // Half the nodes hold each image: (800 + 400) MB × 1/2 = 600 MB over two containers, between 23 MB and 2000 MB.
    const want = Math.trunc((100 * (600 * mb - 23 * mb)) / (2000 * mb - 23 * mb));
    expect(scoreAll(plugin, pod, nodes)).toEqual([want, want, 0, 0]);
  });

  it('ImageLocality prefers the node holding a large image', () => {
    const withImage = makeNode('a', undefined, { status: { allocatable: {}, images: [{ names: ['redis:7'], sizeBytes: 500 * 1024 * 1024 }] } });
    const nodes = [makeNodeInfo(withImage), makeNodeInfo(makeNode('b'))];
    const plugin = new ImageLocalityPlugin(fakeHandle(nodes));
    const pod = makePod('p');
    pod.spec!.containers[0]!.image = 'redis:7';
    const [a, b] = scoreAll(plugin, pod, nodes) as number[];
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(0);
  });

  it('PodTopologySpread (ScheduleAnyway): zones count every node, hosts only the candidates', () => {
    const zone = 'topology.kubernetes.io/zone';
    const web = (name: string) => makePod(name, {}, {}, { app: 'web' });
    const a = makeNodeInfo(labelled('a', { [zone]: 'z1' }), web('w1'));
    const b = makeNodeInfo(labelled('b', { [zone]: 'z1' }), makePod('db', {}, {}, { app: 'db' }));
    const c = makeNodeInfo(labelled('c', { [zone]: 'z2' }), web('w2'), web('w3'));
    // d is not a candidate (it failed a filter), but its pods still count for zone z2.
    const d = makeNodeInfo(labelled('d', { [zone]: 'z2' }), web('w4'), web('w5'), web('w6'));
    const factory = { core: () => ({ v1: () => ({ services: () => ({}), replicationControllers: () => ({}) }) }), apps: () => ({ v1: () => ({ replicaSets: () => ({}), statefulSets: () => ({}) }) }) };
    const plugin = new PodTopologySpreadPlugin(fakeHandle([a, b, c, d], { sharedInformerFactory: () => factory as unknown as SharedInformerFactory }));
    const selector = { matchLabels: { app: 'web' } };
    const pod = makePod('p', {}, {
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
        { maxSkew: 1, topologyKey: zone, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
      ],
    }, { app: 'web' });
    // Raw scores: hosts 1, 0, 2 pods × log(3 candidates + 2); zones z1 = 1, z2 = 5 pods × log(2 zones + 2).
    expect(scoreAll(plugin, pod, [a, b, c])).toEqual([80, 100, 10]);
  });
});
