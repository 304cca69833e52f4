import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../api/core/v1/types.js';
import { advanceUntil } from '../client/testing/advance.js';
import { formatRoute } from '../net/route/fib.js';
import { VirtualClock } from '../util/clock.js';
import { Cluster } from './cluster.js';

async function until(clock: VirtualClock, what: () => Promise<boolean> | boolean, stepMs = 1000, maxSteps = 900): Promise<number> {
  const start = clock.now();
  for (let i = 0; i < maxSteps; i++) {
    if (await what()) return clock.now() - start;
    await clock.advance(stepMs);
  }
  throw new Error('condition not met in time');
}

const rc = {
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { app: 'web' },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.7.9', ports: [{ containerPort: 80 }] }] } },
  },
};

describe('node power: fail, recover, remove', () => {
  let cluster: Cluster | undefined;
  let clock: VirtualClock;
  afterEach(async () => {
    if (cluster) await advanceUntil(clock, cluster.stop());
    cluster = undefined;
  });

  async function start(nodes = 2) {
    clock = new VirtualClock(Date.UTC(2026, 0, 1));
    cluster = await advanceUntil(clock, Cluster.start({ clock, nodes, seed: 3 }));
    return cluster;
  }
  const pods = async (c: Cluster) => ((await c.client.coreV1().pods('default').list()).items as Pod[]).filter((p) => p.metadata.labels?.app === 'web');
  const running = (ps: Pod[]) => ps.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
  const ready = async (c: Cluster, name: string) => (await c.client.coreV1().nodes().get(name)).status?.conditions?.find((x) => x.type === 'Ready');

  it('a failed node goes Unknown after the grace period and its RC pods are replaced after the eviction timeout', async () => {
    const c = await start();
    await c.client.coreV1().replicationControllers('default').create(rc as never);
    await until(clock, async () => running(await pods(c)).length === 2);
    const victim = (await pods(c))[0]!.spec!.nodeName!;
    const survivor = victim === 'node-1' ? 'node-2' : 'node-1';
    const onVictim = (await pods(c)).filter((p) => p.spec?.nodeName === victim).map((p) => p.metadata.name);

    await advanceUntil(clock, c.failNode(victim));
    const node = c.nodes.get(victim)!;
    expect(node.failed).toBe(true);
    expect(node.machine.eth0.up).toBe(false);
    expect(node.machine.podNetworks()).toEqual([]);
    expect((await ready(c, victim))?.status).toBe('True');

    const unknownAfter = await until(clock, async () => (await ready(c, victim))?.status === 'Unknown');
    // --node-monitor-grace-period is 40s; the controller looks every 5s.
    expect(unknownAfter).toBeGreaterThanOrEqual(25_000);
    expect(unknownAfter).toBeLessThanOrEqual(50_000);
    expect((await ready(c, victim))?.reason).toBe('NodeStatusUnknown');
    const taints = (await c.client.coreV1().nodes().get(victim)).spec?.taints ?? [];
    expect(taints.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unreachable:NoExecute');

    // DefaultTolerationSeconds gives every pod 300s on an unreachable node, then it is evicted.
    await clock.advance(200_000);
    expect((await pods(c)).filter((p) => onVictim.includes(p.metadata.name) && p.metadata.deletionTimestamp)).toEqual([]);
    await until(clock, async () => {
      const ps = running(await pods(c));
      return ps.length === 2 && ps.every((p) => p.spec?.nodeName === survivor);
    });
    for (const name of onVictim) {
      const p = (await pods(c)).find((x) => x.metadata.name === name);
      // The API keeps the evicted pod Terminating: its kubelet is gone and cannot confirm.
      if (p) expect(p.metadata.deletionTimestamp).toBeDefined();
    }
  }, 60_000);

  it('a recovered node posts Ready again and loses its taints', async () => {
    const c = await start();
    await advanceUntil(clock, c.failNode('node-2'));
    await expect(c.failNode('node-2')).rejects.toThrow('node "node-2" has already failed');
    await until(clock, async () => (await ready(c, 'node-2'))?.status === 'Unknown');
    await advanceUntil(clock, c.recoverNode('node-2'));
    expect(c.nodes.get('node-2')!.machine.eth0.up).toBe(true);
    await until(clock, async () => (await ready(c, 'node-2'))?.status === 'True');
    await until(clock, async () => ((await c.client.coreV1().nodes().get('node-2')).spec?.taints ?? []).length === 0);
    await expect(c.recoverNode('node-2')).rejects.toThrow('node "node-2" has not failed');
    await expect(c.recoverNode('node-9')).rejects.toThrow('node "node-9" not found');
  }, 60_000);

  it('a removed node leaves the API, the network and its peers routes', async () => {
    const c = await start();
    await c.client.coreV1().replicationControllers('default').create(rc as never);
    await until(clock, async () => running(await pods(c)).length === 2);
    const cidr = c.nodes.get('node-2')!.machine.podCidr!;
    expect(c.nodes.get('node-1')!.machine.host.fib.list().map(formatRoute)).toContain(`${cidr} via 192.168.1.102 dev eth0`);
    await advanceUntil(clock, c.removeNode('node-2'));
    expect(c.nodes.has('node-2')).toBe(false);
    expect(c.network.machine('node-2')).toBeUndefined();
    await expect(c.client.coreV1().nodes().get('node-2')).rejects.toThrow('nodes "node-2" not found');
    const routes = () => c.nodes.get('node-1')!.machine.host.fib.list().map(formatRoute);
    expect(routes().some((r) => r.startsWith(`${cidr} via`))).toBe(false);
    await until(clock, async () => {
      const ps = await pods(c);
      return running(ps).length === 2 && ps.every((p) => p.spec?.nodeName === 'node-1');
    });
    const added = await advanceUntil(clock, c.addNode('node-3'));
    expect(added.machine.ip).toBe('192.168.1.102');
  }, 60_000);
});
