// Scenario: an API server, the scheduler and two kubelets on a two-node dataplane. Bare pods are
// scheduled, run with IPs from their node's pod CIDR, and reach each other across nodes.
import { describe, it, expect } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import { startControlPlane } from '../../engine/controlplane/instance.js';
import { newForTransport } from '../../engine/client/kubernetes/clientset.js';
import { newSharedInformerFactory } from '../../engine/client/informers/factory.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { newScheduler } from '../../engine/scheduler/scheduler.js';
import { Network } from '../../engine/net/network.js';
import { Kubelet } from '../../engine/kubelet/kubelet.js';
import { flushMicrotasks, VirtualClock } from '../../engine/util/clock.js';
import { mustParseCIDR } from '../../engine/net/ip/addr.js';

function inCidr(ip: string, cidr: string): boolean {
  const c = mustParseCIDR(cidr);
  const n = ip.split('.').reduce((a, b) => (a << 8) + Number(b), 0) >>> 0;
  const mask = c.bits === 0 ? 0 : (~0 << (32 - c.bits)) >>> 0;
  return ((n & mask) >>> 0) === ((c.addr & mask) >>> 0);
}

describe('kubelets in a cluster', () => {
  it('runs scheduled pods on two nodes that reach each other over pod IPs', async () => {
    const clock = new VirtualClock();
    const plane = await startControlPlane({ clock });
    const network = new Network({ clock, podNetwork: '10.244.0.0/16' });
    const ctl = new AbortController();
    const kubelets = ['node-1', 'node-2'].map((name, i) => {
      const machine = network.addMachine({ name, ip: `192.168.1.${101 + i}/24` });
      return new Kubelet({ client: newForTransport(plane.transport, `kubelet/v1.32.0 (${name})`), clock, machine });
    });
    const runs = kubelets.map((k) => k.run(ctl.signal));
    const cs = newForTransport(plane.transport, 'kube-scheduler/v1.32.0');
    const factory = newSharedInformerFactory(cs, clock);
    const sched = newScheduler({ client: cs, informerFactory: factory, clock });
    factory.start(ctl.signal);
    await advanceUntil(clock, factory.waitForCacheSync(ctl.signal));
    const schedRun = sched.run(ctl.signal);
    const settle = async () => {
      for (let i = 0; i < 6; i++) {
        await flushMicrotasks(50);
        await network.settle();
        await new Promise((r) => setImmediate(r));
      }
    };
    const advance = async (ms: number) => {
      for (let t = 0; t < ms; t += 500) {
        await clock.advance(500);
        await settle();
      }
    };
    try {
      await advance(3000);
      const pod = (name: string, spec: NonNullable<Pod['spec']>): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: name } }, spec });
      // Spread pods over both nodes with a required anti-affinity on the hostname.
      const spread = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { tier: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };
      for (const name of ['web-a', 'web-b']) {
        const p = pod(name, { affinity: spread, containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] });
        p.metadata.labels!.tier = 'web';
        await cs.coreV1().pods('default').create(p);
      }
      await advance(5000);
      const pods = (await cs.coreV1().pods('default').list()).items;
      const nodes = new Map((await cs.coreV1().nodes().list()).items.map((n) => [n.metadata.name!, n]));
      expect(pods.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
      expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBe(2);
      for (const p of pods) {
        const node = nodes.get(p.spec!.nodeName!)!;
        expect(inCidr(p.status!.podIP!, node.spec!.podCIDR!)).toBe(true);
        expect(p.status?.hostIP).toBe(node.status!.addresses![0]!.address);
        expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
      }
      const [a, b] = pods;
      // A client on a's node fetches from b's nginx over the pod network (cross-node routing).
      await cs.coreV1().pods('default').create(pod('client', {
        nodeName: a!.spec!.nodeName,
        restartPolicy: 'Never',
        containers: [{ name: 'wget', image: 'busybox:1.36', command: ['sh', '-c', `wget -q -O - http://${b!.status!.podIP}/ | grep title; hostname -i`] }],
      }));
      await advance(5000);
      const client = await cs.coreV1().pods('default').get('client');
      expect(client.status?.phase).toBe('Succeeded');
      const kubelet = kubelets.find((k) => k.nodeName === a!.spec!.nodeName)!;
      expect(kubelet.getContainerLogs('default', 'client', 'wget')).toBe(`<title>Welcome to nginx!</title>\n${client.status!.podIP}\n`);
      const other = kubelets.find((k) => k.nodeName === b!.spec!.nodeName)!;
      expect(other.getContainerLogs('default', b!.metadata.name!, 'nginx')).toContain(`${client.status!.podIP} - - [`);
    } finally {
      ctl.abort();
      await settle();
      await Promise.all([...runs, schedRun]);
      await factory.shutdown();
      await plane.close();
    }
  });
});
