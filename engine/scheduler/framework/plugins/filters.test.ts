import { describe, it, expect } from 'vitest';
import type { Pod } from '../../../api/core/v1/types.js';
import { CycleState } from '../cycle-state.js';
import { Code, type FilterPlugin, type PreFilterPlugin } from '../interface.js';
import type { NodeInfo } from '../types.js';
import { NodeAffinityPlugin } from './nodeaffinity/node-affinity.js';
import { NodeLabelPlugin } from './nodelabel/node-label.js';
import { NodeNamePlugin } from './nodename/node-name.js';
import { NodePortsPlugin } from './nodeports/node-ports.js';
import { Fit } from './noderesources/fit.js';
import { NodeUnschedulablePlugin } from './nodeunschedulable/node-unschedulable.js';
import { TaintTolerationPlugin } from './tainttoleration/taint-toleration.js';
import { VolumeRestrictionsPlugin } from './volumerestrictions/volume-restrictions.js';
import { makeNode, makeNodeInfo, makePod } from './testing.js';

interface Case {
  name: string;
  plugin: FilterPlugin;
  pod: Pod;
  node: NodeInfo;
  /** want is the status code and reasons; undefined means the pod fits. */
  want?: [Code, ...string[]];
}

const n = makeNode('n1');
const ports = (hostPort: number, hostIP?: string) => ({ containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort, ...(hostIP ? { hostIP } : {}) }] }] });
const pd = (pdName: string, readOnly = false) => ({ volumes: [{ name: 'v', gcePersistentDisk: { pdName, readOnly } } as never] });

const cases: Case[] = [
  { name: 'fit: enough room', plugin: new Fit(), pod: makePod('p', { cpu: '1', memory: '1Gi' }), node: makeNodeInfo(n, makePod('a', { cpu: '2' })) },
  { name: 'fit: insufficient cpu', plugin: new Fit(), pod: makePod('p', { cpu: '3' }), node: makeNodeInfo(n, makePod('a', { cpu: '2' })), want: [Code.Unschedulable, 'Insufficient cpu'] },
  { name: 'fit: cpu and memory both short', plugin: new Fit(), pod: makePod('p', { cpu: '5', memory: '9Gi' }), node: makeNodeInfo(n), want: [Code.Unschedulable, 'Insufficient cpu', 'Insufficient memory'] },
  { name: 'fit: too many pods', plugin: new Fit(), pod: makePod('p'), node: makeNodeInfo(makeNode('n', { cpu: '4', memory: '1Gi', pods: '1' }), makePod('a')), want: [Code.Unschedulable, 'Too many pods'] },
  { name: 'fit: init container counts as the max', plugin: new Fit(), pod: makePod('p', { cpu: '1' }, { initContainers: [{ name: 'i', resources: { requests: { cpu: '5' } } }] }), node: makeNodeInfo(n), want: [Code.Unschedulable, 'Insufficient cpu'] },
  { name: 'fit: zero requests always fit', plugin: new Fit(), pod: makePod('p'), node: makeNodeInfo(n, makePod('a', { cpu: '4', memory: '8Gi' })) },
  { name: 'nodename: other node', plugin: new NodeNamePlugin(), pod: makePod('p', {}, { nodeName: 'n2' }), node: makeNodeInfo(n), want: [Code.UnschedulableAndUnresolvable, "node(s) didn't match the requested node name"] },
  { name: 'nodename: this node', plugin: new NodeNamePlugin(), pod: makePod('p', {}, { nodeName: 'n1' }), node: makeNodeInfo(n) },
  { name: 'nodeports: port taken', plugin: new NodePortsPlugin(), pod: makePod('p', {}, ports(8080)), node: makeNodeInfo(n, makePod('a', {}, ports(8080))), want: [Code.Unschedulable, "node(s) didn't have free ports for the requested pod ports"] },
  { name: 'nodeports: other port', plugin: new NodePortsPlugin(), pod: makePod('p', {}, ports(8081)), node: makeNodeInfo(n, makePod('a', {}, ports(8080))) },
  { name: 'nodeports: different host IPs', plugin: new NodePortsPlugin(), pod: makePod('p', {}, ports(8080, '10.0.0.2')), node: makeNodeInfo(n, makePod('a', {}, ports(8080, '10.0.0.1'))) },
  { name: 'nodeports: wildcard conflicts with an IP', plugin: new NodePortsPlugin(), pod: makePod('p', {}, ports(8080)), node: makeNodeInfo(n, makePod('a', {}, ports(8080, '10.0.0.1'))), want: [Code.Unschedulable, "node(s) didn't have free ports for the requested pod ports"] },
  { name: 'affinity: nodeSelector matches', plugin: new NodeAffinityPlugin(), pod: makePod('p', {}, { nodeSelector: { disk: 'ssd' } }), node: makeNodeInfo(makeNode('n', undefined, { metadata: { name: 'n', labels: { disk: 'ssd' } } })) },
  { name: 'affinity: nodeSelector does not match', plugin: new NodeAffinityPlugin(), pod: makePod('p', {}, { nodeSelector: { disk: 'ssd' } }), node: makeNodeInfo(n), want: [Code.UnschedulableAndUnresolvable, "node(s) didn't match Pod's node affinity/selector"] },
  {
    name: 'affinity: required NotIn',
    plugin: new NodeAffinityPlugin(),
    pod: makePod('p', {}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }] } } } }),
    node: makeNodeInfo(makeNode('n', undefined, { metadata: { name: 'n', labels: { zone: 'a' } } })),
    want: [Code.UnschedulableAndUnresolvable, "node(s) didn't match Pod's node affinity/selector"],
  },
  {
    name: 'affinity: terms are ORed, Gt compares numbers',
    plugin: new NodeAffinityPlugin(),
    pod: makePod('p', {}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, { matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['9'] }] }] } } } }),
    node: makeNodeInfo(makeNode('n', undefined, { metadata: { name: 'n', labels: { gen: '10' } } })),
  },
  { name: 'taints: untolerated NoSchedule', plugin: new TaintTolerationPlugin(), pod: makePod('p'), node: makeNodeInfo(makeNode('n', undefined, { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } })), want: [Code.UnschedulableAndUnresolvable, 'node(s) had untolerated taint {dedicated: gpu}'] },
  { name: 'taints: tolerated by Equal', plugin: new TaintTolerationPlugin(), pod: makePod('p', {}, { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }), node: makeNodeInfo(makeNode('n', undefined, { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } })) },
  { name: 'taints: PreferNoSchedule does not filter', plugin: new TaintTolerationPlugin(), pod: makePod('p'), node: makeNodeInfo(makeNode('n', undefined, { spec: { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] } })) },
  { name: 'unschedulable: cordoned', plugin: new NodeUnschedulablePlugin(), pod: makePod('p'), node: makeNodeInfo(makeNode('n', undefined, { spec: { unschedulable: true } })), want: [Code.UnschedulableAndUnresolvable, 'node(s) were unschedulable'] },
  { name: 'unschedulable: tolerated', plugin: new NodeUnschedulablePlugin(), pod: makePod('p', {}, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), node: makeNodeInfo(makeNode('n', undefined, { spec: { unschedulable: true } })) },
  { name: 'disk: same PD read-write', plugin: new VolumeRestrictionsPlugin(), pod: makePod('p', {}, pd('data')), node: makeNodeInfo(n, makePod('a', {}, pd('data'))), want: [Code.Unschedulable, 'node(s) had no available disk'] },
  { name: 'disk: same PD both read-only', plugin: new VolumeRestrictionsPlugin(), pod: makePod('p', {}, pd('data', true)), node: makeNodeInfo(n, makePod('a', {}, pd('data', true))) },
  { name: 'nodelabel: label missing', plugin: new NodeLabelPlugin({ presentLabels: ['zone'] }), pod: makePod('p'), node: makeNodeInfo(n), want: [Code.UnschedulableAndUnresolvable, "node(s) didn't have the requested labels"] },
  { name: 'nodelabel: absent label present', plugin: new NodeLabelPlugin({ absentLabels: ['retiring'] }), pod: makePod('p'), node: makeNodeInfo(makeNode('n', undefined, { metadata: { name: 'n', labels: { retiring: '' } } })), want: [Code.UnschedulableAndUnresolvable, "node(s) didn't have the requested labels"] },
];

describe('Filter plugins', () => {
  it.each(cases)('$name', ({ plugin, pod, node, want }) => {
    const state = new CycleState();
    const pre = (plugin as Partial<PreFilterPlugin>).preFilter?.(state, pod, [node]);
    const status = pre?.status?.code === Code.Skip ? null : plugin.filter(state, pod, node);
    if (!want) expect(status).toBeNull();
    else expect([status?.code, ...(status?.reasons ?? [])]).toEqual(want);
  });

  // PreFilter says Skip when Filter could not reject the pod anywhere, so no node is visited.
  it.each([
    { name: 'NodeAffinity: no nodeSelector, no required affinity', plugin: new NodeAffinityPlugin(), pod: makePod('p'), skip: true },
    { name: 'NodeAffinity: nodeSelector', plugin: new NodeAffinityPlugin(), pod: makePod('p', {}, { nodeSelector: { disk: 'ssd' } }), skip: false },
    { name: 'NodeAffinity: only preferred affinity', plugin: new NodeAffinityPlugin(), pod: makePod('p', {}, { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } } }), skip: true },
    { name: 'VolumeRestrictions: no volumes', plugin: new VolumeRestrictionsPlugin(), pod: makePod('p'), skip: true },
    { name: 'VolumeRestrictions: only an emptyDir', plugin: new VolumeRestrictionsPlugin(), pod: makePod('p', {}, { volumes: [{ name: 'v', emptyDir: {} }] }), skip: true },
    { name: 'VolumeRestrictions: a GCE PD', plugin: new VolumeRestrictionsPlugin(), pod: makePod('p', {}, pd('data')), skip: false },
    { name: 'NodePorts: no host ports', plugin: new NodePortsPlugin(), pod: makePod('p'), skip: true },
  ])('PreFilter skip: $name', ({ plugin, pod, skip }) => {
    const { status } = (plugin as PreFilterPlugin).preFilter(new CycleState(), pod, []);
    expect(status?.code === Code.Skip).toBe(skip);
  });
});
