import { describe, it, expect, afterEach } from 'vitest';
import type { ReplicaSet } from '../../api/apps/v1/types.js';
import type { Pod } from '../../api/core/v1/types.js';
import { MergePatchType } from '../../client/rest/client.js';
import { newHarness, runPod, testPod, type Harness } from '../../../test/support/controller-harness.js';
import { getPodsToDelete, newReplicaSetController } from './replica-set.js';

let h: Harness;
afterEach(async () => h?.close());

const rs = (name: string, replicas: number, minReadySeconds = 0): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    minReadySeconds,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  },
});

async function setup() {
  h = await newHarness();
  const rsc = newReplicaSetController(h.factory.apps().v1().replicaSets(), h.factory.core().v1().pods(), h.cs, h.broadcaster.newRecorder({ component: 'replicaset-controller' }), h.clock);
  h.factory.start(h.signal);
  void rsc.run(2, h.signal);
  return rsc;
}

const podsOf = async (app: string) => (await h.cs.coreV1().pods('default').list({ labelSelector: `app=${app}` })).items.filter((p) => !p.metadata.deletionTimestamp);

describe('ReplicaSetController', () => {
  it('creates pods with generateName and a controller reference, then reports status', async () => {
    await setup();
    const created = await h.cs.appsV1().replicaSets('default').create(rs('frontend', 3));
    const pods = await h.waitFor(async () => ((await podsOf('frontend')).length === 3 ? podsOf('frontend') : undefined), '3 pods');
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^frontend-[a-z0-9]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    for (const p of pods) await runPod(h.cs, h.clock, 'default', p.metadata.name!);
    const status = await h.waitFor(async () => {
      const s = (await h.cs.appsV1().replicaSets('default').get('frontend')).status;
      return s?.readyReplicas === 3 ? s : undefined;
    }, 'ready status');
    expect(status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    await h.broadcaster.flush();
    const events = (await h.cs.coreV1().events('default').list()).items.filter((e) => e.involvedObject.kind === 'ReplicaSet');
    expect(events.map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate']);
    expect(events.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
  });

  it('scales down deleting unscheduled pods first, and adopts matching orphans', async () => {
    await setup();
    await h.cs.coreV1().pods('default').create(testPod('orphan', { app: 'web' }));
    await h.cs.appsV1().replicaSets('default').create(rs('web', 2));
    await h.waitFor(async () => (await podsOf('web')).length === 2, '2 pods');
    const orphan = await h.cs.coreV1().pods('default').get('orphan');
    expect(orphan.metadata.ownerReferences?.[0]?.name).toBe('web');
    await runPod(h.cs, h.clock, 'default', 'orphan');
    await h.cs.appsV1().replicaSets('default').patch('web', MergePatchType, { spec: { replicas: 1 } });
    const left = await h.waitFor(async () => {
      const pods = await podsOf('web');
      return pods.length === 1 ? pods : undefined;
    }, 'scale down');
    expect(left[0]!.metadata.name).toBe('orphan'); // the running one stays
  });

  it('releases a relabeled pod and makes a replacement', async () => {
    await setup();
    await h.cs.appsV1().replicaSets('default').create(rs('api', 2));
    const pods = await h.waitFor(async () => ((await podsOf('api')).length === 2 ? podsOf('api') : undefined), '2 pods');
    const victim = pods[0]!;
    await h.cs.coreV1().pods('default').update({ ...victim, metadata: { ...victim.metadata, labels: { app: 'debug' } } });
    await h.waitFor(async () => (await podsOf('api')).length === 2 && (await podsOf('api')).every((p) => p.metadata.name !== victim.metadata.name), 'replacement');
    const released = await h.cs.coreV1().pods('default').get(victim.metadata.name!);
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('counts available replicas only after minReadySeconds', async () => {
    await setup();
    await h.cs.appsV1().replicaSets('default').create(rs('slow', 1, 10));
    const [pod] = await h.waitFor(async () => ((await podsOf('slow')).length === 1 ? podsOf('slow') : undefined), 'pod');
    await runPod(h.cs, h.clock, 'default', pod!.metadata.name!);
    const s1 = await h.waitFor(async () => {
      const s = (await h.cs.appsV1().replicaSets('default').get('slow')).status;
      return s?.readyReplicas === 1 ? s : undefined;
    }, 'ready', 100, 20);
    expect(s1.availableReplicas).toBeUndefined();
    await h.waitFor(async () => (await h.cs.appsV1().replicaSets('default').get('slow')).status?.availableReplicas === 1, 'available', 1000, 15);
  });
});

describe('getPodsToDelete', () => {
  const p = (name: string, opts: { node?: string; phase?: 'Pending' | 'Running'; ready?: boolean; created?: string }): Pod => ({
    metadata: { name, creationTimestamp: opts.created ?? '2026-01-01T00:00:00Z' },
    spec: { containers: [], ...(opts.node ? { nodeName: opts.node } : {}) },
    status: { phase: opts.phase ?? 'Running', conditions: [{ type: 'Ready', status: opts.ready ? 'True' : 'False' }] },
  });
  const cases = [
    { name: 'unscheduled before scheduled', pods: [p('a', { node: 'n1', ready: true }), p('b', { phase: 'Pending' })], want: ['b'] },
    { name: 'pending before running', pods: [p('a', { node: 'n1', ready: true }), p('b', { node: 'n1', phase: 'Pending' })], want: ['b'] },
    { name: 'not ready before ready', pods: [p('a', { node: 'n1', ready: true }), p('b', { node: 'n2' })], want: ['b'] },
    { name: 'doubled-up node first', pods: [p('a', { node: 'n1', ready: true }), p('b', { node: 'n2', ready: true }), p('c', { node: 'n2', ready: true })], want: ['b'] },
    { name: 'newer before older', pods: [p('a', { node: 'n1', ready: true, created: '2026-01-01T00:00:00Z' }), p('b', { node: 'n2', ready: true, created: '2026-01-02T00:00:00Z' })], want: ['b'] },
  ];
  it.each(cases)('$name', ({ pods, want }) => {
    expect(getPodsToDelete(pods, pods, 1).map((x) => x.metadata.name)).toEqual(want);
  });
});
