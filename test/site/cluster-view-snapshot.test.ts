// The cluster view's snapshot: machines with their pods, kubectl's STATUS words and colours, the
// pods no node holds yet, services with endpoints, and the NodePorts the preview pane offers.
import { describe, expect, it } from 'vitest';
import type { Endpoints, Node, Pod, Service } from '../../engine/api/core/v1/types.js';
import { buildSnapshot, nodePorts, podStatus } from '../../src/lab/cluster-view/snapshot.js';
import { previewsOf } from '../../src/lab/runtime/worker-runtime.js';
import { portsText, summary } from '../../src/lab/ui/cluster-view.js';

const node = (name: string, ip: string, ready: 'True' | 'False' | 'Unknown', extra: Partial<Node['spec']> = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: { podCIDR: `172.17.${name.slice(-1)}.0/24`, ...extra },
  status: { addresses: [{ type: 'InternalIP', address: ip }], conditions: [{ type: 'Ready', status: ready }] },
});

const pod = (name: string, status: Pod['status'], nodeName?: string, extra: Partial<Pod['metadata']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', ...extra },
  spec: { nodeName, containers: [{ name: 'c', image: 'x' }] },
  status,
});

const running = (ip: string, ready = true): Pod['status'] => ({ phase: 'Running', podIP: ip, containerStatuses: [{ name: 'c', ready, restartCount: 0, image: 'x', imageID: '', state: { running: {} } }] });
const waiting = (reason: string): Pod['status'] => ({ phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'x', imageID: '', state: { waiting: { reason } } }] });

describe('podStatus', () => {
  it.each([
    { name: 'running and ready', status: running('172.17.1.2'), want: { status: 'Running', health: 'ok' } },
    { name: 'running, not ready', status: running('172.17.1.2', false), want: { status: 'Running', health: 'progress' } },
    { name: 'pending without statuses', status: { phase: 'Pending' }, want: { status: 'Pending', health: 'progress' } },
    { name: 'container creating', status: waiting('ContainerCreating'), want: { status: 'ContainerCreating', health: 'progress' } },
    { name: 'image pull error', status: waiting('ErrImagePull'), want: { status: 'ErrImagePull', health: 'error' } },
    { name: 'crash loop', status: waiting('CrashLoopBackOff'), want: { status: 'CrashLoopBackOff', health: 'error' } },
    { name: 'completed', status: { phase: 'Succeeded', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }, want: { status: 'Completed', health: 'done' } },
    { name: 'failed', status: { phase: 'Failed', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, want: { status: 'Error', health: 'error' } },
  ] as const)('$name', ({ status, want }) => {
    expect(podStatus(pod('p', status as Pod['status']))).toEqual(want);
  });

  it('says Terminating once the pod is being deleted', () => {
    expect(podStatus(pod('p', running('172.17.1.2'), 'node-1', { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toEqual({ status: 'Terminating', health: 'terminating' });
  });
});

describe('buildSnapshot', () => {
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'frontend', namespace: 'default' },
    spec: { type: 'NodePort', clusterIP: '10.254.7.7', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30001 }] },
  };
  const eps: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'frontend', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '172.17.2.2' }, { ip: '172.17.1.2' }], ports: [{ port: 80, protocol: 'TCP' }] }],
  };
  const snapshot = buildSnapshot({
    master: { name: 'master', ip: '192.168.1.100' },
    nodes: [node('node-2', '192.168.1.102', 'True', { unschedulable: true }), node('node-1', '192.168.1.101', 'True'), node('node-3', '192.168.1.103', 'Unknown')],
    pods: [pod('web-b', running('172.17.2.2'), 'node-2'), pod('web-a', running('172.17.1.2'), 'node-1'), pod('web-c', { phase: 'Pending' })],
    services: [svc],
    endpoints: [eps],
  });

  it('puts the master first, then the nodes in order, each with its pods', () => {
    expect(snapshot.machines.map((m) => [m.name, m.role, m.ip, m.podCIDR, m.status, m.pods.map((p) => p.name).join()])).toEqual([
      ['master', 'master', '192.168.1.100', undefined, 'Ready', ''],
      ['node-1', 'node', '192.168.1.101', '172.17.1.0/24', 'Ready', 'web-a'],
      ['node-2', 'node', '192.168.1.102', '172.17.2.0/24', 'Ready,SchedulingDisabled', 'web-b'],
      ['node-3', 'node', '192.168.1.103', '172.17.3.0/24', 'Unknown', ''],
    ]);
    expect(snapshot.machines[3]!.health).toBe('error');
    expect(snapshot.pending.map((p) => p.name)).toEqual(['web-c']);
  });

  it('lists services with their endpoints and kubectl-style ports', () => {
    expect(snapshot.services).toHaveLength(1);
    expect(snapshot.services[0]!.endpoints).toEqual(['172.17.1.2:80', '172.17.2.2:80']);
    expect(portsText(snapshot.services[0]!)).toBe('80:30001/TCP');
    expect(nodePorts(snapshot)).toEqual([{ service: 'frontend', port: 30001, endpoints: 2 }]);
  });

  it('offers each NodePort as a dataplane preview on the first node', () => {
    expect(previewsOf(snapshot)).toEqual([{ port: 30001, url: 'http://192.168.1.101:30001/', label: 'frontend', dataplane: true, ready: true }]);
  });

  it('sums the picture up for the status line', () => {
    const t = { 'view.summary': '{ready} of {nodes} nodes Ready · {running} of {pods} pods running · {services} services' };
    expect(summary(snapshot, t)).toBe('2 of 3 nodes Ready · 2 of 3 pods running · 1 services');
  });
});
