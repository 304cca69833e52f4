import { describe, it, expect, afterEach } from 'vitest';
import type { ReplicaSet } from '../../api/apps/v1/types.js';
import type { ConfigMap } from '../../api/core/v1/types.js';
import { newHarness, finishDeletions, type Harness } from '../../../test/support/controller-harness.js';
import { newReplicaSetController } from '../replicaset/replica-set.js';
import { newGarbageCollector } from './garbagecollector.js';

let h: Harness;
afterEach(async () => h?.close());

const rs = (name: string, replicas: number): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

async function setup() {
  h = await newHarness();
  const f = h.factory;
  const rsc = newReplicaSetController(f.apps().v1().replicaSets(), f.core().v1().pods(), h.cs, h.broadcaster.newRecorder({ component: 'replicaset-controller' }), h.clock);
  const gc = newGarbageCollector(h.cs, f, h.clock);
  f.start(h.signal);
  void rsc.run(2, h.signal);
  void gc.run(2, h.signal);
  h.onStep(() => finishDeletions(h.cs, 'default'));
}

const pods = async () => (await h.cs.coreV1().pods('default').list()).items;
const rsGone = (name: string) => h.cs.appsV1().replicaSets('default').get(name).then(() => false, () => true);

describe('GarbageCollector', () => {
  const cases = [
    { policy: 'Background' as const, podsLeft: 0 },
    { policy: 'Foreground' as const, podsLeft: 0 },
    { policy: 'Orphan' as const, podsLeft: 2 },
  ];
  it.each(cases)('deleting a replica set with propagationPolicy=$policy leaves $podsLeft pods', async ({ policy, podsLeft }) => {
    await setup();
    await h.cs.appsV1().replicaSets('default').create(rs('web', 2));
    await h.waitFor(async () => (await pods()).length === 2, 'pods');
    await h.cs.appsV1().replicaSets('default').delete('web', { propagationPolicy: policy });
    if (policy === 'Foreground') {
      // The owner stays (with its finalizer) until the pods are gone.
      const owner = await h.cs.appsV1().replicaSets('default').get('web');
      expect(owner.metadata.finalizers).toEqual(['foregroundDeletion']);
    }
    await h.waitFor(async () => (await rsGone('web')) && (await pods()).length === podsLeft, 'collection');
    if (policy === 'Orphan') for (const p of await pods()) expect(p.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('deletes a dependent whose owner never existed, and keeps one with a live owner', async () => {
    await setup();
    const owner = await h.cs.coreV1().configMaps('default').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', namespace: 'default' } });
    const cm = (name: string, uid: string): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid }] } });
    await h.cs.coreV1().configMaps('default').create(cm('ghost-child', 'no-such-uid'));
    await h.cs.coreV1().configMaps('default').create(cm('real-child', owner.metadata.uid!));
    await h.waitFor(() => h.cs.coreV1().configMaps('default').get('ghost-child').then(() => false, () => true), 'ghost child collected');
    expect((await h.cs.coreV1().configMaps('default').get('real-child')).metadata.name).toBe('real-child');
    await h.cs.coreV1().configMaps('default').delete('owner');
    await h.waitFor(() => h.cs.coreV1().configMaps('default').get('real-child').then(() => false, () => true), 'child collected with owner');
  });
});
