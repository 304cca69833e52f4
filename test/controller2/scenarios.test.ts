// Multi-controller scenarios on a virtual clock: the controllers run against a real API server, and
// a fake kubelet/scheduler plays the nodes.
import { describe, it, expect, afterEach } from 'vitest';
import { newCronJobController } from '../../engine/controller/cronjob/cronjob-controllerv2.js';
import { newDaemonSetsController } from '../../engine/controller/daemon/daemon-controller.js';
import { newJobController } from '../../engine/controller/job/job-controller.js';
import { newNodeLifecycleController } from '../../engine/controller/nodelifecycle/node-lifecycle-controller.js';
import { newStatefulSetController } from '../../engine/controller/statefulset/stateful-set.js';
import { newPersistentVolumeController } from '../../engine/controller/volume/persistentvolume/pv-controller.js';
import { createNode, newHarness, newNode, type Harness } from '../support/controller-harness.js';
import { startFakeKubelet } from './fake-kubelet.js';

let h: Harness;
afterEach(async () => h?.close());

async function cluster(nodes = ['node-1', 'node-2', 'node-3']) {
  h = await newHarness();
  for (const n of nodes) await createNode(h.cs, newNode(n, h.clock));
  return nodes;
}

const container = { name: 'main', image: 'busybox' };

describe('controller scenarios', () => {
  it('a node goes silent: Unknown after 40s, tainted, its pods evicted after the 5 minute toleration', async () => {
    const nodes = await cluster();
    const nlc = newNodeLifecycleController(h.ctx());
    await h.start();
    void nlc.run(1, h.signal);
    const kubelet = startFakeKubelet(h, nodes);
    for (const [i, n] of nodes.entries()) {
      await h.cs.coreV1().pods('default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${i}`, namespace: 'default' }, spec: { nodeName: n, containers: [container] } });
    }
    await h.advance(10_000);
    kubelet.silent.add('node-2');
    const silentAt = h.clock.now();
    const ready = async () => (await h.cs.coreV1().nodes().get('node-2')).status?.conditions?.find((c) => c.type === 'Ready');
    await h.until(async () => (await ready())?.status === 'Unknown', 1000);
    const unknownAfter = h.clock.now() - silentAt;
    expect(unknownAfter).toBeGreaterThanOrEqual(30_000); // the last heartbeat came up to 10s before the silence
    expect(unknownAfter).toBeLessThanOrEqual(60_000);
    expect(await ready()).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect((await h.cs.coreV1().nodes().get('node-2')).spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unreachable:NoExecute');
    expect((await h.cs.coreV1().nodes().get('node-1')).status?.conditions?.[0]?.status).toBe('True');

    const web1 = async () => h.cs.coreV1().pods('default').get('web-1');
    expect((await web1()).status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    await h.advance(240_000, 5_000);
    expect((await web1()).metadata.deletionTimestamp).toBeUndefined();
    await h.until(async () => !!(await web1()).metadata.deletionTimestamp, 5_000, 120_000);
    const evictedAfter = h.clock.now() - silentAt;
    expect(evictedAfter).toBeGreaterThan(300_000);
    expect(evictedAfter).toBeLessThan(380_000);
    // Pods on healthy nodes stay.
    expect((await h.cs.coreV1().pods('default').get('web-0')).metadata.deletionTimestamp).toBeUndefined();
    expect((await h.events('default', 'web-1')).map((e) => e.reason)).toContain('TaintManagerEviction');
  });

  it('a job runs to completion on the fake kubelet', async () => {
    const nodes = await cluster();
    const jc = newJobController(h.ctx());
    await h.start();
    void jc.run(2, h.signal);
    startFakeKubelet(h, nodes, { runSeconds: 10 });
    await h.cs.batchV1().jobs('default').create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec: { completions: 5, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [container] } } } });
    const job = () => h.cs.batchV1().jobs('default').get('pi');
    await h.until(async () => ((await job()).status?.conditions ?? []).some((c) => c.type === 'Complete'), 1000, 300_000);
    expect((await job()).status).toMatchObject({ succeeded: 5 });
    const pods = (await h.cs.coreV1().pods('default').list({ labelSelector: 'job-name=pi' })).items;
    expect(pods.map((p) => p.status?.phase)).toEqual(Array(5).fill('Succeeded'));
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBeGreaterThan(1);
  });

  it('a stateful set starts in order and binds each ordinal claim to a static volume', async () => {
    const nodes = await cluster();
    const ssc = newStatefulSetController(h.ctx());
    const pvc = newPersistentVolumeController(h.ctx());
    await h.start();
    void ssc.run(1, h.signal);
    void pvc.run(1, h.signal);
    const kubelet = startFakeKubelet(h, nodes);
    for (const [i, size] of ['1Gi', '2Gi', '5Gi', '1Gi'].entries()) {
      await h.cs.coreV1().persistentVolumes().create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: `pv-${i}` }, spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/pv-${i}` } } });
    }
    await h.cs.appsV1().statefulSets('default').create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        serviceName: 'nginx',
        selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    await h.until(async () => (await h.cs.appsV1().statefulSets('default').get('web')).status?.readyReplicas === 3, 1000);
    expect(kubelet.started).toEqual(['web-0', 'web-1', 'web-2']);
    await h.until(async () => (await h.cs.coreV1().persistentVolumeClaims('default').list()).items.every((c) => c.status?.phase === 'Bound'), 1000);
    const claims = (await h.cs.coreV1().persistentVolumeClaims('default').list()).items;
    expect(claims.map((c) => c.metadata.name).sort()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    // Two 1Gi volumes go first, then the next smallest (2Gi); the 5Gi stays Available.
    expect(claims.map((c) => c.spec?.volumeName).sort()).toEqual(['pv-0', 'pv-1', 'pv-3']);
    expect((await h.cs.coreV1().persistentVolumes().get('pv-2')).status?.phase).toBe('Available');
    const pod = await h.cs.coreV1().pods('default').get('web-1');
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
  });

  it('a daemon set puts one pod on each of 3 nodes', async () => {
    const nodes = await cluster();
    const dsc = newDaemonSetsController(h.ctx());
    await h.start();
    void dsc.run(1, h.signal);
    startFakeKubelet(h, nodes);
    await h.cs.appsV1().daemonSets('kube-system').create({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'fluentd', namespace: 'kube-system' }, spec: { selector: { matchLabels: { app: 'fluentd' } }, template: { metadata: { labels: { app: 'fluentd' } }, spec: { containers: [{ name: 'fluentd', image: 'fluentd' }] } } } });
    const status = async () => (await h.cs.appsV1().daemonSets('kube-system').get('fluentd')).status;
    await h.until(async () => (await status())?.numberReady === 3, 1000);
    expect(await status()).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, numberMisscheduled: 0 });
    const pods = (await h.cs.coreV1().pods('kube-system').list()).items;
    expect(pods.map((p) => p.spec?.nodeName).sort()).toEqual(nodes);
  });

  it('a cron job creates a job every hour across simulated hours and keeps its history', async () => {
    const nodes = await cluster(['node-1']);
    const cjc = newCronJobController(h.ctx());
    const jc = newJobController(h.ctx());
    await h.start();
    void cjc.run(1, h.signal);
    void jc.run(1, h.signal);
    startFakeKubelet(h, nodes, { runSeconds: 30 });
    await h.cs.batchV1().cronJobs('default').create({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'default' },
      spec: { schedule: '0 * * * *', successfulJobsHistoryLimit: 2, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container] } } } } },
    });
    // Four simulated hours.
    await h.advance(4 * 3600_000 + 120_000, 10_000);
    const jobs = (await h.cs.batchV1().jobs('default').list()).items;
    const cj = await h.cs.batchV1().cronJobs('default').get('report');
    expect(jobs).toHaveLength(2);
    for (const j of jobs) {
      const minutes = Number(j.metadata.name!.split('-')[1]);
      expect(minutes % 60).toBe(0);
      expect(j.status?.conditions?.some((c) => c.type === 'Complete')).toBe(true);
    }
    expect(cj.status?.lastScheduleTime).toBe('2026-01-01T04:00:00Z');
    expect(cj.status?.active).toBeUndefined();
    const created = (await h.events('default', 'report')).filter((e) => e.reason === 'SuccessfulCreate');
    expect(created).toHaveLength(4);
  });
});
