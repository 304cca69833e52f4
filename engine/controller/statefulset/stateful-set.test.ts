import { describe, it, expect, afterEach } from 'vitest';
import type { StatefulSet } from '../../api/apps/v1/types.js';
import { newHarness, setPodPhase, type Harness } from '../../../test/support/controller-harness.js';
import { newStatefulSetController } from './stateful-set.js';
import { getOrdinal, getPersistentVolumeClaimName, newStatefulSetPod } from './stateful-set-utils.js';

let h: Harness;
afterEach(async () => h?.close());

const sts = (name: string, replicas: number, extra: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    serviceName: 'nginx',
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ...extra,
  },
});

const podNames = async () => (await h.cs.coreV1().pods('default').list()).items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name!).sort();
const makeReady = async (name: string) => setPodPhase(h.cs, h.clock, await h.cs.coreV1().pods('default').get(name), 'Running', true);

async function setup() {
  h = await newHarness();
  const c = newStatefulSetController(h.ctx());
  await h.start();
  void c.run(1, h.signal);
}

describe('stateful set utils', () => {
  it('gives each ordinal a stable identity and claim', () => {
    const set = { ...sts('web', 2), metadata: { name: 'web', namespace: 'default', uid: 'u1' } };
    const pod = newStatefulSetPod(set, 1);
    expect(pod.metadata.name).toBe('web-1');
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx', volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }] });
    expect(pod.metadata.labels).toMatchObject({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true });
    expect(getOrdinal(pod, set)).toBe(1);
    expect(getPersistentVolumeClaimName(set, set.spec!.volumeClaimTemplates![0]!, 3)).toBe('www-web-3');
  });
});

describe('StatefulSetController', () => {
  it('starts pods in order, each after the previous is Running and Ready, with their claims', async () => {
    await setup();
    await h.cs.appsV1().statefulSets('default').create(sts('web', 3));
    await h.until(async () => (await podNames()).length === 1);
    await h.advance(5_000);
    expect(await podNames()).toEqual(['web-0']);
    expect((await h.cs.coreV1().persistentVolumeClaims('default').get('www-web-0')).metadata.labels).toEqual({ app: 'web' });
    await makeReady('web-0');
    await h.until(async () => (await podNames()).length === 2);
    expect(await podNames()).toEqual(['web-0', 'web-1']);
    await makeReady('web-1');
    await h.until(async () => (await podNames()).length === 3);
    await makeReady('web-2');
    await h.until(async () => (await h.cs.appsV1().statefulSets('default').get('web')).status?.readyReplicas === 3);
    const status = (await h.cs.appsV1().statefulSets('default').get('web')).status!;
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
    expect(status.currentRevision).toBe(status.updateRevision);
    const msgs = (await h.events('default', 'web')).map((e) => e.message);
    expect(msgs).toContain('create Pod web-0 in StatefulSet web successful');
    expect(msgs).toContain('create Claim www-web-0 Pod web-0 in StatefulSet web success');

    // Scale down removes the highest ordinal first, one at a time.
    const set = await h.cs.appsV1().statefulSets('default').get('web');
    await h.cs.appsV1().statefulSets('default').update({ ...set, spec: { ...set.spec!, replicas: 1 } });
    await h.until(async () => (await podNames()).length === 1);
    expect(await podNames()).toEqual(['web-0']);
    const deletes = (await h.events('default', 'web')).map((e) => e.message).filter((m) => m.startsWith('delete'));
    expect(deletes).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    // Claims are kept.
    expect((await h.cs.coreV1().persistentVolumeClaims('default').list()).items).toHaveLength(3);
  });

  it('creates all pods at once with Parallel', async () => {
    await setup();
    await h.cs.appsV1().statefulSets('default').create(sts('db', 3, { podManagementPolicy: 'Parallel' }));
    await h.until(async () => (await podNames()).length === 3);
    expect(await podNames()).toEqual(['db-0', 'db-1', 'db-2']);
  });

  it('rolls an update from the highest ordinal down to the partition', async () => {
    await setup();
    await h.cs.appsV1().statefulSets('default').create(sts('web', 3, { podManagementPolicy: 'Parallel' }));
    await h.until(async () => (await podNames()).length === 3);
    for (const n of ['web-0', 'web-1', 'web-2']) await makeReady(n);
    await h.settle();
    const set = await h.cs.appsV1().statefulSets('default').get('web');
    const template = structuredClone(set.spec!.template);
    template.spec!.containers[0]!.image = 'nginx:1.27';
    await h.cs.appsV1().statefulSets('default').update({ ...set, spec: { ...set.spec!, template, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } } });
    const image = async (n: string) => (await h.cs.coreV1().pods('default').get(n)).spec?.containers[0]?.image;
    await h.until(async () => (await podNames()).includes('web-2') && (await image('web-2')) === 'nginx:1.27');
    expect(await image('web-1')).toBe('nginx:1.26');
    await makeReady('web-2');
    await h.until(async () => (await podNames()).includes('web-1') && (await image('web-1')) === 'nginx:1.27');
    await makeReady('web-1');
    await h.advance(5_000);
    expect(await image('web-0')).toBe('nginx:1.26');
    const status = (await h.cs.appsV1().statefulSets('default').get('web')).status!;
    expect(status.updatedReplicas).toBe(2);
    expect(status.currentRevision).not.toBe(status.updateRevision);
  });
});
