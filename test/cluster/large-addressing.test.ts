// Large clusters: node addresses beyond the documents' 192.168.1.0/24 and pod subnets beyond
// 172.17.0.0/16, unique and routable between machines in different /24s of the machine network.
import { describe, expect, it } from 'vitest';
import { Cluster, machineNetwork, masterIP, nodeIP, SMALL_CLUSTER_NODES } from '../../engine/cluster/cluster.js';
import { Network } from '../../engine/net/network.js';
import { NET_TOOLS } from '../../engine/net/tools/index.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { VirtualClock } from '../../engine/util/clock.js';

describe('cluster addressing', () => {
  it('keeps the documents’ addresses for small clusters', () => {
    expect(nodeIP(1)).toBe('192.168.1.101');
    expect(nodeIP(SMALL_CLUSTER_NODES)).toBe('192.168.1.199');
    expect(machineNetwork(3)).toEqual({ machineBits: 24, podNetwork: '172.17.0.0/16' });
  });

  it('continues large clusters in 192.168.2.1 onwards, never on .0, .255, the master or the LoadBalancer pool', () => {
    expect(nodeIP(100)).toBe('192.168.2.1');
    expect(nodeIP(353)).toBe('192.168.2.254');
    expect(nodeIP(354)).toBe('192.168.3.1');
    const all = Array.from({ length: 4000 }, (_, i) => nodeIP(i + 1));
    expect(new Set(all).size).toBe(all.length);
    for (const ip of all) {
      const last = Number(ip.split('.')[3]);
      expect(last).toBeGreaterThan(0);
      expect(last).toBeLessThan(255);
      expect(ip).not.toBe(masterIP);
      if (ip.startsWith('192.168.1.')) expect(last).toBeLessThan(200);
    }
    expect(machineNetwork(1000)).toEqual({ machineBits: 16, podNetwork: '172.16.0.0/12' });
  });

  it('gives 300 machines unique pod subnets and carries pod traffic between different /24s', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const { machineBits, podNetwork } = machineNetwork(300);
    const net = new Network({ clock, seed: 7, podNetwork });
    net.addMachine({ name: 'master', ip: `${masterIP}/${machineBits}`, role: 'master' });
    const nodes = Array.from({ length: 300 }, (_, i) => net.addMachine({ name: `node-${i + 1}`, ip: `${nodeIP(i + 1)}/${machineBits}` }));
    const cidrs = nodes.map((n) => n.podCidr);
    expect(new Set(cidrs).size).toBe(300);
    expect(cidrs[0]).toBe('172.16.1.0/24');
    expect(cidrs[299]).toBe('172.17.44.0/24');

    const from = nodes[0]!.setUpPod('client');
    const to = nodes[299]!.setUpPod('server');
    expect(nodes[299]!.ip).toBe('192.168.2.201');
    let out = '';
    const code = await advanceUntil(
      clock,
      NET_TOOLS.ping!(['-c', '1', to.ip], { stdout: (s) => void (out += s), stderr: (s) => void (out += s) }, { tools: NET_TOOLS, netns: from.netns, clock }),
    );
    expect(out).toContain(`64 bytes from ${to.ip}`);
    expect(code).toBe(0);
  });

  // No kubelets: the machines, kube-proxies and addresses are what is looked at.
  const noAgent = async () => ({ stop: async () => undefined });

  it('node add fills a small cluster up to 192.168.1.199 and then says the /24 is full', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const cluster = await advanceUntil(clock, Cluster.start({ clock, nodes: SMALL_CLUSTER_NODES - 1, seed: 2, nodeAgent: noAgent }));
    try {
      const last = await advanceUntil(clock, cluster.addNode('extra'));
      expect(last.machine.ip).toBe('192.168.1.199');
      expect(last.machine.eth0.addresses[0]).toMatchObject({ address: '192.168.1.199', bits: 24 });
      await expect(advanceUntil(clock, cluster.addNode('one-too-many'))).rejects.toThrow('the machine network 192.168.1.0/24 holds 99 nodes');
      expect(cluster.nodes.has('one-too-many')).toBe(false);
    } finally {
      await advanceUntil(clock, cluster.stop());
    }
  });

  it('a large cluster puts every machine on 192.168.0.0/16 and node add continues after the last node', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const cluster = await advanceUntil(clock, Cluster.start({ clock, nodes: SMALL_CLUSTER_NODES + 2, seed: 2, nodeAgent: noAgent }));
    try {
      expect(cluster.master.eth0.addresses[0]).toMatchObject({ address: masterIP, bits: 16 });
      expect(cluster.nodes.get('node-101')!.machine.ip).toBe('192.168.2.2');
      const added = await advanceUntil(clock, cluster.addNode('extra'));
      expect(added.machine.eth0.addresses[0]).toMatchObject({ address: '192.168.2.3', bits: 16 });
      expect(added.machine.podCidr).toBe('172.16.102.0/24');
      // The master reaches a node in another /24 directly on the shared segment.
      let out = '';
      const code = await advanceUntil(
        clock,
        NET_TOOLS.ping!(['-c', '1', added.machine.ip], { stdout: (s) => void (out += s), stderr: (s) => void (out += s) }, { tools: NET_TOOLS, netns: cluster.master.host, clock }),
      );
      expect(out).toContain(`64 bytes from ${added.machine.ip}`);
      expect(code).toBe(0);
    } finally {
      await advanceUntil(clock, cluster.stop());
    }
  });
});
