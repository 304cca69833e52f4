// A node fails: its kubelet stops posting status, the node lifecycle controller marks Ready Unknown
// after the 40s grace period and taints it, the pods' default 300s not-ready/unreachable
// tolerations run out, the pods are evicted and the replication controller's replacements run on
// the remaining nodes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Node } from '../../engine/api/core/v1/types.js';
import { Scenario } from './harness.js';

const rc = `apiVersion: v1
kind: ReplicationController
metadata:
  name: web
spec:
  replicas: 6
  selector:
    app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.10.1
`;

const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready');

describe('node failure', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await Scenario.start();
  });
  afterEach(async () => {
    await s.stop();
  });

  it('a node whose kubelet stops goes Unknown after 40s; its pods are evicted after 300s and replaced elsewhere', async () => {
    await s.apply('rc.yaml', rc);
    const pods = await s.running('default', 'app=web', 6);
    const failed = 'node-2';
    const lost = pods.filter((p) => p.spec?.nodeName === failed).map((p) => p.metadata.name!);
    expect(lost.length).toBeGreaterThan(0);

    await s.failNode(failed);
    const nodes = s.client.coreV1().nodes();
    const unknownAfter = await s.waitFor('Ready=Unknown', async () => ready(await nodes.get(failed))?.status === 'Unknown', 120);
    // The controller notices only once the last heartbeat is more than 40s old (monitored every 5s).
    expect(unknownAfter).toBeGreaterThanOrEqual(30_000);
    expect(unknownAfter).toBeLessThanOrEqual(50_000);
    const node = await nodes.get(failed);
    expect(ready(node)).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unreachable:NoExecute');
    const rows = (await s.ok('get', 'nodes', '--no-headers')).trim().split('\n');
    expect(rows.find((r) => r.startsWith(failed))).toMatch(/^node-2\s+NotReady\s/);

    // Still there well within the toleration.
    await s.idle(200);
    for (const name of lost) expect((await s.client.coreV1().pods('default').get(name)).metadata.deletionTimestamp).toBeUndefined();

    const evictedAfter = await s.waitFor('evictions', async () => {
      const all = await s.pods('default', 'app=web');
      return lost.every((n) => all.find((p) => p.metadata.name === n)?.metadata.deletionTimestamp);
    }, 150);
    // 200s waited + this: the 300s tolerationSeconds from the taint's timeAdded.
    expect(200_000 + evictedAfter).toBeGreaterThanOrEqual(295_000);
    expect(200_000 + evictedAfter).toBeLessThanOrEqual(310_000);
    const replacements = await s.waitFor('replacements running', async () => {
      const live = (await s.pods('default', 'app=web')).filter((p) => !p.metadata.deletionTimestamp);
      return live.length === 6 && live.every((p) => p.status?.phase === 'Running');
    }, 60);
    expect(replacements).toBeGreaterThanOrEqual(0);
    const live = (await s.pods('default', 'app=web')).filter((p) => !p.metadata.deletionTimestamp);
    expect(live.every((p) => p.spec?.nodeName !== failed)).toBe(true);
    expect(live.map((p) => p.metadata.name)).not.toContain(lost[0]);
    const evictions = (await s.events()).filter((e) => e.reason === 'TaintManagerEviction');
    expect(evictions.map((e) => e.involvedObject.name).sort()).toEqual([...lost].sort());
  });
});
