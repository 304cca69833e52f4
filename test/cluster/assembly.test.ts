// The assembled cluster: control plane, controller manager, scheduler, DNS and N nodes with their
// kube-proxies on the virtual dataplane (kubelets join through the nodeAgent hook).
import { afterEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { NET_TOOLS } from '../../engine/net/tools/index.js';
import { VirtualClock } from '../../engine/util/clock.js';
import type { NetNamespace } from '../../engine/net/netns.js';

async function tool(name: string, argv: string[], netns: NetNamespace, clock: VirtualClock) {
  let stdout = '';
  let stderr = '';
  const run = NET_TOOLS[name]!(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, {
    netns,
    clock,
    tools: NET_TOOLS,
    resolv: { nameservers: ['10.254.0.10'], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 },
  });
  const code = await advanceUntil(clock, run, 50);
  return { code, stdout, stderr };
}

async function until(clock: VirtualClock, what: () => Promise<boolean> | boolean, stepMs = 200, maxSteps = 500) {
  for (let i = 0; i < maxSteps; i++) {
    if (await what()) return;
    await clock.advance(stepMs);
  }
  throw new Error('condition not met in time');
}

describe.each(['routing', 'overlay'] as const)('assembled cluster (%s)', (network) => {
  let cluster: Cluster | undefined;
  let clock: VirtualClock;
  afterEach(async () => {
    // Components finish on the virtual clock (informers, work queues), so keep it moving while stopping.
    if (cluster) await advanceUntil(clock, cluster.stop());
    cluster = undefined;
  });

  it('programs every node for the kubernetes and kube-dns services and answers DNS from a pod', async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1));
    cluster = await advanceUntil(clock, Cluster.start({ clock, nodes: 3, network, seed: 7 }));
    expect([...cluster.nodes.keys()]).toEqual(['node-1', 'node-2', 'node-3']);

    for (const node of cluster.nodes.values()) {
      await until(clock, () => node.machine.host.netfilter.save('nat').includes('default/kubernetes:https cluster IP'));
      expect(node.machine.host.netfilter.save('nat')).toContain('kube-system/kube-dns:dns cluster IP');
    }

    const pod = cluster.nodes.get('node-2')!.machine.setUpPod('probe');
    const answer = await tool('nslookup', ['kubernetes.default'], pod.netns, clock);
    expect(answer.stdout).toContain('10.254.0.1');
    expect(answer.code).toBe(0);
    const missing = await tool('nslookup', ['nope.default.svc.cluster.local'], pod.netns, clock);
    expect(missing.code).not.toBe(0);
  });

  it.runIf(network === 'overlay')('keeps flannel subnet leases in etcd', async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1));
    cluster = await advanceUntil(clock, Cluster.start({ clock, nodes: 2, network, seed: 7 }));
    const keys = cluster.plane.store.range('/coreos.com/network/', { prefix: true }).kvs.map((kv) => kv.key);
    expect(keys).toContain('/coreos.com/network/config');
    expect(keys.filter((k) => k.startsWith('/coreos.com/network/subnets/'))).toHaveLength(3);
  });
});
