import { describe, it, expect } from 'vitest';
import { startKubeletHarness } from './testing/harness.js';
import type { ObjectMeta } from '../apimachinery/apis/meta/v1/types.js';

describe('node registration and heartbeats', () => {
  it('registers the node with labels, capacity, nodeInfo, addresses and ready conditions', async () => {
    const h = await startKubeletHarness({ kubelet: { capacity: { cpu: '4', memory: '8Gi', pods: '50' }, nodeLabels: { zone: 'a' } } });
    try {
      const node = await h.cs.coreV1().nodes().get('node-1');
      expect(node.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'node-1', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', zone: 'a' });
      expect(node.spec?.podCIDR).toBe(h.machines[0]!.podCidr);
      expect(node.status?.capacity).toMatchObject({ cpu: '4', memory: '8Gi', pods: '50' });
      expect(node.status?.allocatable).toMatchObject({ cpu: '4', memory: '8Gi', pods: '50' });
      expect(node.status?.addresses).toEqual([{ type: 'InternalIP', address: '192.168.1.101' }, { type: 'Hostname', address: 'node-1' }]);
      expect(node.status?.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.0-kubelab', containerRuntimeVersion: 'containerd://1.7.24-kubelab', operatingSystem: 'linux', architecture: 'amd64' });
      expect(node.status?.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
      const byType = Object.fromEntries((node.status?.conditions ?? []).map((c) => [c.type, c]));
      expect(byType.Ready).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
      expect(byType.MemoryPressure).toMatchObject({ status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' });
      expect(byType.DiskPressure).toMatchObject({ status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' });
      expect(byType.PIDPressure).toMatchObject({ status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' });
      const reasons = (await h.events('node-1')).map((e) => `${e.reason}: ${e.message}`);
      expect(reasons).toEqual(expect.arrayContaining(['Starting: Starting kubelet.', 'NodeReady: Node node-1 status is now: NodeReady', 'NodeHasSufficientMemory: Node node-1 status is now: NodeHasSufficientMemory']));
    } finally {
      await h.close();
    }
  });

  it('posts a heartbeat every 10s without moving the transition time, and renews its lease', async () => {
    const h = await startKubeletHarness();
    try {
      const ready = async () => (await h.cs.coreV1().nodes().get('node-1')).status!.conditions!.find((c) => c.type === 'Ready')!;
      const first = await ready();
      await h.advance(10_000);
      const second = await ready();
      expect(Date.parse(second.lastHeartbeatTime!) - Date.parse(first.lastHeartbeatTime!)).toBe(10_000);
      expect(second.lastTransitionTime).toBe(first.lastTransitionTime);
      type LeaseObj = { metadata: ObjectMeta; spec: { holderIdentity?: string; renewTime?: string; leaseDurationSeconds?: number } };
      const leases = h.cs.resource<LeaseObj>({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, 'kube-node-lease');
      expect(h.kubelets[0]!.leaseController.lastError).toBeUndefined();
      const l1 = await leases.get('node-1');
      expect(l1.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
      expect(l1.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'node-1' });
      await h.advance(10_000);
      const l2 = await leases.get('node-1');
      expect(Date.parse(l2.spec.renewTime!) - Date.parse(l1.spec.renewTime!)).toBe(10_000);
    } finally {
      await h.close();
    }
  });
});
