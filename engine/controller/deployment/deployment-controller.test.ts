import { describe, it, expect, afterEach } from 'vitest';
import type { Deployment, ReplicaSet } from '../../api/apps/v1/types.js';
import { MergePatchType } from '../../client/rest/client.js';
import { newHarness, kubeletTick, type Harness } from '../../../test/support/controller-harness.js';
import { newReplicaSetController } from '../replicaset/replica-set.js';
import { newDeploymentController } from './deployment-controller.js';
import { computeHash } from '../controller-utils.js';

let h: Harness;
afterEach(async () => h?.close());

const deployment = (name: string, replicas: number, image: string, strategy: Deployment['spec'] extends infer S ? (S extends { strategy?: infer T } ? T : never) : never = {}): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    strategy,
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }] } },
  },
});

async function setup(opts: { notReady?: (image: string) => boolean } = {}) {
  h = await newHarness();
  const f = h.factory;
  const rsc = newReplicaSetController(f.apps().v1().replicaSets(), f.core().v1().pods(), h.cs, h.broadcaster.newRecorder({ component: 'replicaset-controller' }), h.clock);
  const dc = newDeploymentController(f.apps().v1().deployments(), f.apps().v1().replicaSets(), f.core().v1().pods(), h.cs, h.broadcaster.newRecorder({ component: 'deployment-controller' }), h.clock);
  f.start(h.signal);
  void rsc.run(2, h.signal);
  void dc.run(2, h.signal);
  h.onStep(() => kubeletTick(h.cs, h.clock, 'default', (p) => opts.notReady?.(p.spec?.containers[0]?.image ?? '') ?? false));
  return dc;
}

const rsList = async () => (await h.cs.appsV1().replicaSets('default').list()).items;
const getD = (name: string) => h.cs.appsV1().deployments('default').get(name);
const complete = (name: string) => async () => {
  const d = await getD(name);
  const s = d.status;
  const n = d.spec?.replicas ?? 1;
  return s?.observedGeneration === d.metadata.generation && s?.updatedReplicas === n && s?.replicas === n && s?.availableReplicas === n ? d : undefined;
};

describe('DeploymentController', () => {
  it('creates <deployment>-<hash> with revision 1 and reports a complete rollout', async () => {
    await setup();
    const created = await h.cs.appsV1().deployments('default').create(deployment('web', 3, 'nginx:1.7.9'));
    const d = await h.waitFor(complete('web'), 'rollout');
    const [rs] = await rsList();
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toBe(computeHash(created.spec!.template));
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(rs!.spec?.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
    expect(d.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    await h.broadcaster.flush();
    const events = (await h.cs.coreV1().events('default').list()).items.filter((e) => e.involvedObject.kind === 'Deployment');
    expect(events.map((e) => `${e.reason}: ${e.message}`)).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} to 3`]);
  });

  it('rolls out a new template within maxSurge/maxUnavailable and keeps the old replica set at 0', async () => {
    await setup();
    await h.cs.appsV1().deployments('default').create(deployment('web', 4, 'nginx:1.7.9', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }));
    await h.waitFor(complete('web'), 'first rollout');
    let maxPods = 0;
    h.onStep(async () => {
      const pods = (await h.cs.coreV1().pods('default').list()).items.filter((p) => !p.metadata.deletionTimestamp);
      maxPods = Math.max(maxPods, pods.length);
    });
    await h.cs.appsV1().deployments('default').patch('web', MergePatchType, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1' }] } } } });
    const d = await h.waitFor(async () => {
      const r = await complete('web')();
      return r && r.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2' ? r : undefined;
    }, 'second rollout');
    expect(maxPods).toBeLessThanOrEqual(5); // replicas + maxSurge
    const rss = (await rsList()).sort((a, b) => Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations!['deployment.kubernetes.io/revision']));
    expect(rss.map((rs) => [rs.metadata.annotations!['deployment.kubernetes.io/revision'], rs.spec?.replicas])).toEqual([['1', 0], ['2', 4]]);
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
  });

  it('Recreate scales the old replica set to zero before the new one starts', async () => {
    await setup();
    await h.cs.appsV1().deployments('default').create(deployment('db', 2, 'redis:1', { type: 'Recreate' }));
    await h.waitFor(complete('db'), 'first rollout');
    let overlap = false;
    h.onStep(async () => {
      const images = new Set((await h.cs.coreV1().pods('default').list()).items.filter((p) => p.status?.phase === 'Running').map((p) => p.spec?.containers[0]?.image));
      if (images.size > 1) overlap = true;
    });
    await h.cs.appsV1().deployments('default').patch('db', MergePatchType, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'redis:2' }] } } } });
    await h.waitFor(async () => (await complete('db')())?.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2', 'recreate');
    expect(overlap).toBe(false);
  });

  it('marks a stuck rollout ProgressDeadlineExceeded', async () => {
    await setup({ notReady: (image) => image === 'nginx:broken' });
    const d = deployment('web', 1, 'nginx:broken');
    d.spec!.progressDeadlineSeconds = 30;
    await h.cs.appsV1().deployments('default').create(d);
    const cond = await h.waitFor(async () => {
      const c = (await getD('web')).status?.conditions?.find((x) => x.type === 'Progressing');
      return c?.reason === 'ProgressDeadlineExceeded' ? c : undefined;
    }, 'timeout', 1000, 120);
    expect(cond.status).toBe('False');
    expect(cond.message).toMatch(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
  });

  it('pause keeps the template from rolling out; resume rolls it out', async () => {
    await setup();
    await h.cs.appsV1().deployments('default').create(deployment('web', 2, 'nginx:1.7.9'));
    await h.waitFor(complete('web'), 'rollout');
    await h.cs.appsV1().deployments('default').patch('web', MergePatchType, { spec: { paused: true } });
    await h.waitFor(async () => (await getD('web')).status?.conditions?.find((c) => c.type === 'Progressing')?.reason === 'DeploymentPaused', 'paused');
    await h.cs.appsV1().deployments('default').patch('web', MergePatchType, { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1' }] } } } });
    for (let i = 0; i < 5; i++) await h.waitFor(() => true);
    expect((await rsList()).length).toBe(1);
    await h.cs.appsV1().deployments('default').patch('web', MergePatchType, { spec: { paused: false } });
    await h.waitFor(async () => (await complete('web')())?.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2', 'resumed rollout');
  });

  it('prunes replica sets beyond revisionHistoryLimit', async () => {
    await setup();
    const d = deployment('web', 1, 'nginx:1');
    d.spec!.revisionHistoryLimit = 1;
    await h.cs.appsV1().deployments('default').create(d);
    for (const v of ['2', '3', '4']) {
      await h.waitFor(complete('web'), `rollout before ${v}`);
      await h.cs.appsV1().deployments('default').patch('web', MergePatchType, { spec: { template: { spec: { containers: [{ name: 'nginx', image: `nginx:${v}` }] } } } });
    }
    const rss: ReplicaSet[] = await h.waitFor(async () => {
      const r = await complete('web')();
      const list = await rsList();
      return r?.metadata.annotations?.['deployment.kubernetes.io/revision'] === '4' && list.length === 2 ? list : undefined;
    }, 'cleanup');
    expect(rss.map((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
  });
});
