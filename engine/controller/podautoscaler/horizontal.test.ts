import { describe, it, expect, afterEach } from 'vitest';
import type { Pod } from '../../api/core/v1/types.js';
import type { HorizontalPodAutoscaler, MetricSpec } from '../../api/autoscaling/v2/types.js';
import { rfc3339 } from '../../apimachinery/apis/meta/v1/time.js';
import { parse as parseSelector } from '../../apimachinery/labels/parser.js';
import type { Lister } from '../../client/tools/cache/listers.js';
import { VirtualClock } from '../../util/clock.js';
import { newHarness, type Harness } from '../../../test/support/controller-harness.js';
import { hpaResource, newHorizontalController, type HorizontalController } from './horizontal.js';
import { ReplicaCalculator } from './replica-calculator.js';
import type { MetricsClient } from './metrics/interfaces.js';
import { podMetricsOf } from './metrics/client.js';

const T0 = Date.UTC(2026, 0, 1);
const sel = parseSelector('app=web');

interface PodOpts {
  cpu?: string;
  ready?: boolean;
  phase?: NonNullable<Pod['status']>['phase'];
  /** startedAgo and readyAgo are ms before now. */
  startedAgo?: number;
  readyAgo?: number;
}

function pod(name: string, now: number, o: PodOpts = {}): Pod {
  const { cpu = '100m', ready = true, phase = 'Running', startedAgo = 10 * 60_000, readyAgo = 9 * 60_000 } = o;
  return {
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] },
    status: { phase, startTime: rfc3339(now - startedAgo), conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: rfc3339(now - readyAgo) }] },
  };
}

const listerOf = (pods: Pod[]) => ({ byNamespace: () => ({ list: (s = sel) => pods.filter((p) => s.matches(p.metadata.labels)) }) }) as unknown as Lister<Pod>;

/** metricsOf reports usage (millicores) per pod, sampled at `at` over a 10 s window. */
function metricsOf(usage: Record<string, number>, at = T0): MetricsClient {
  const fail = async () => Promise.reject(new Error('no custom metrics API'));
  return {
    getResourceMetric: async () => ({ metrics: new Map(Object.entries(usage).map(([k, v]) => [k, { timestamp: at, window: 10_000, value: v }])), timestamp: at }),
    getRawMetric: fail,
    getObjectMetric: fail,
    getExternalMetric: fail,
  };
}

describe('ReplicaCalculator', () => {
  const clock = new VirtualClock(T0);
  const now = T0;
  /** never is a pod whose readiness has been False since it started. */
  const never: PodOpts = { ready: false, readyAgo: 10 * 60_000 };
  it.each([
    ['scale up: 3 pods at 100% of a 50% target', { a: 100, b: 100, c: 100 }, [pod('a', now), pod('b', now), pod('c', now)], 3, 6],
    ['scale down: 4 pods at 25% of a 50% target', { a: 25, b: 25, c: 25, d: 25 }, [pod('a', now), pod('b', now), pod('c', now), pod('d', now)], 4, 2],
    ['within the 10% tolerance', { a: 54, b: 54 }, [pod('a', now), pod('b', now)], 2, 2],
    ['round up', { a: 60, b: 60, c: 60 }, [pod('a', now), pod('b', now), pod('c', now)], 3, 4],
    ['a pod without metrics counts as 100% when scaling down', { a: 10 }, [pod('a', now), pod('b', now)], 2, 2],
    ['never-ready pods count as 0% when scaling up (here cancelling it)', { a: 100, b: 100, c: 100, d: 100 }, [pod('a', now), pod('b', now, never), pod('c', now, never), pod('d', now, never)], 4, 4],
    ['never-ready pods at 0% temper a scale-up', { a: 200, b: 200, c: 50 }, [pod('a', now), pod('b', now), pod('c', now, never)], 3, 8],
    ['a starting pod whose sample predates one window of readiness is unready', { a: 200, b: 200 }, [pod('a', now), pod('b', now, { startedAgo: 60_000, readyAgo: 5_000 })], 2, 4],
    ['a pod past its initialization that turned unready later still counts', { a: 200, b: 200 }, [pod('a', now), pod('b', now, { ready: false, readyAgo: 60_000 })], 2, 8],
    ['pending pods are unready', { a: 200 }, [pod('a', now), pod('b', now, { phase: 'Pending' })], 2, 4],
    ['failed and deleted pods are ignored', { a: 100, b: 100 }, [pod('a', now), pod('b', now), pod('c', now, { phase: 'Failed' }), { ...pod('d', now), metadata: { ...pod('d', now).metadata, deletionTimestamp: rfc3339(now) } }], 2, 4],
  ])('%s', async (_n, usage, pods, current, want) => {
    const calc = new ReplicaCalculator(metricsOf(usage), listerOf(pods), clock);
    expect((await calc.getResourceReplicas(current, 50, 'cpu', 'default', sel, '')).replicas).toBe(want);
  });

  it('reports utilization as a percentage of requests and the raw average', async () => {
    const calc = new ReplicaCalculator(metricsOf({ a: 150, b: 50 }), listerOf([pod('a', now, { cpu: '200m' }), pod('b', now, { cpu: '200m' })]), clock);
    expect(await calc.getResourceReplicas(2, 100, 'cpu', 'default', sel, '')).toMatchObject({ utilization: 50, rawUtilization: 100 });
  });

  it('treats a missing pod as using the target when the target is above 100%', async () => {
    // 2 pods at 50% of a 200% target want 1; the missing pod at 200% makes the ratio (50+50+200)/3/200 = 0.5 → 2.
    const calc = new ReplicaCalculator(metricsOf({ a: 50, b: 50 }), listerOf([pod('a', now), pod('b', now), pod('c', now)]), clock);
    expect((await calc.getResourceReplicas(3, 200, 'cpu', 'default', sel, '')).replicas).toBe(2);
  });

  it('needs CPU requests, and pods', async () => {
    const p = pod('a', now);
    delete p.spec!.containers[0]!.resources;
    await expect(new ReplicaCalculator(metricsOf({ a: 1 }), listerOf([p]), clock).getResourceReplicas(1, 50, 'cpu', 'default', sel, '')).rejects.toThrow('missing request for cpu in container c of Pod a');
    await expect(new ReplicaCalculator(metricsOf({ a: 1 }), listerOf([]), clock).getResourceReplicas(1, 50, 'cpu', 'default', sel, '')).rejects.toThrow('no pods returned by selector while calculating replica count');
  });

  it('scales on an average value of a resource', async () => {
    const calc = new ReplicaCalculator(metricsOf({ a: 300, b: 300 }), listerOf([pod('a', now), pod('b', now)]), clock);
    expect(await calc.getRawResourceReplicas(2, 200, 'cpu', 'default', sel, '')).toMatchObject({ replicas: 3, usage: 300 });
  });
});

describe('podMetricsOf', () => {
  const item = (name: string, containers: Record<string, Record<string, string>>) => ({
    metadata: { name, namespace: 'default' },
    timestamp: '2026-01-01T00:00:00Z',
    window: '10s',
    containers: Object.entries(containers).map(([n, usage]) => ({ name: n, usage })),
  });
  it('sums containers, picks one container, and leaves out pods missing the resource', () => {
    const items = [item('a', { web: { cpu: '150m' }, side: { cpu: '250000000n' } }), item('b', { web: { memory: '10Mi' } })];
    expect([...podMetricsOf(items, 'cpu', '')]).toEqual([['a', { timestamp: T0, window: 10_000, value: 400 }]]);
    expect(podMetricsOf(items.slice(0, 1), 'cpu', 'side').get('a')?.value).toBe(250);
    expect(() => podMetricsOf(items, 'cpu', 'side')).toThrow('container side not present in metrics for pod default/b');
  });
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const cpu = (u: number): MetricSpec => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: u } } });

/** setUp creates Deployment web (replicas pods, running and ready for 10 minutes) and an autoscaler on it. */
async function setUp(replicas: number, usage: Record<string, number>, spec: Partial<HorizontalPodAutoscaler['spec']> = {}): Promise<{ h: Harness; hc: HorizontalController; hpa: () => Promise<HorizontalPodAutoscaler> }> {
  const hh = await newHarness();
  h = hh;
  const labels = { app: 'web' };
  await hh.cs.appsV1().deployments('default').create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
  for (let i = 0; i < replicas; i++) {
    const p = pod(`web-${i}`, hh.clock.now());
    const created = await hh.cs.coreV1().pods('default').create({ apiVersion: 'v1', kind: 'Pod', metadata: p.metadata, spec: p.spec });
    await hh.cs.coreV1().pods('default').updateStatus({ ...created, status: p.status });
  }
  const hpas = hh.cs.resource<HorizontalPodAutoscaler>(hpaResource, 'default');
  await hpas.create({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, metrics: [cpu(50)], ...spec } });
  const hc = newHorizontalController(hh.ctx({ metricsClient: metricsOf(usage) }));
  await hh.start();
  return { h: hh, hc, hpa: () => hpas.get('web') };
}

const replicasOf = async (hh: Harness) => (await hh.cs.appsV1().deployments('default').get('web')).spec?.replicas;
const conditions = (hpa: HorizontalPodAutoscaler) => Object.fromEntries((hpa.status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));

describe('HorizontalController', () => {
  it('scales up within max and the scale-up limit, writes status, conditions and the event', async () => {
    const { h, hc, hpa } = await setUp(2, { 'web-0': 300, 'web-1': 300 });
    await hc.reconcileKey('default/web');
    // 300% of a 50% target wants 12; the limit max(2×2, 4) = 4 allows 4.
    expect(await replicasOf(h)).toBe(4);
    const got = await hpa();
    expect(got.status).toMatchObject({
      currentReplicas: 2,
      desiredReplicas: 4,
      lastScaleTime: rfc3339(h.clock.now()),
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 300, averageValue: '300m' } } }],
    });
    expect(conditions(got)).toEqual({
      AbleToScale: 'True SucceededRescale: the HPA controller was able to update the target scale to 4',
      ScalingActive: 'True ValidMetricFound: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      ScalingLimited: 'True ScaleUpLimit: the desired replica count is increasing faster than the maximum scale rate',
    });
    expect(got.status!.conditions!.map((c) => c.type)).toEqual(['AbleToScale', 'ScalingActive', 'ScalingLimited']);
    expect(await h.events('default', 'web')).toContainEqual({ reason: 'SuccessfulRescale', message: 'New size: 4; reason: cpu resource utilization (percentage of request) above target', kind: 'HorizontalPodAutoscaler', name: 'web' });
  });

  it('holds a scale-down for the stabilization window, then scales to the recommendation', async () => {
    const usage = { 'web-0': 10, 'web-1': 10, 'web-2': 10, 'web-3': 10 };
    const { h, hc, hpa } = await setUp(4, usage);
    await hc.reconcileKey('default/web'); // records 4 as the first recommendation, proposes 1
    expect(await replicasOf(h)).toBe(4);
    expect(conditions(await hpa()).AbleToScale).toBe('True ScaleDownStabilized: recent recommendations were higher than current one, applying the highest recent recommendation');
    await h.advance(4 * 60_000, 60_000);
    await hc.reconcileKey('default/web');
    expect(await replicasOf(h)).toBe(4);
    await h.advance(61_000, 61_000);
    await hc.reconcileKey('default/web');
    expect(await replicasOf(h)).toBe(1);
    expect(await h.events('default', 'web')).toContainEqual(expect.objectContaining({ reason: 'SuccessfulRescale', message: 'New size: 1; reason: All metrics below target' }));
    expect((await hpa()).status).toMatchObject({ currentReplicas: 4, desiredReplicas: 1 });
  });

  it('reports metrics it cannot read with upstream\'s events and condition, and keeps the replicas', async () => {
    const { h, hc, hpa } = await setUp(2, {});
    const failing: MetricsClient = { ...metricsOf({}), getResourceMetric: async () => Promise.reject(new Error('no metrics returned from resource metrics API')) };
    (hc.replicaCalc as unknown as { metricsClient: MetricsClient }).metricsClient = failing;
    await expect(hc.reconcileKey('default/web')).rejects.toThrow('failed to compute desired number of replicas based on listed metrics for Deployment/default/web');
    expect(await replicasOf(h)).toBe(2);
    const events = (await h.events('default', 'web')).map((e) => `${e.reason}: ${e.message}`);
    expect(events).toEqual([
      'FailedGetResourceMetric: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
      'FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    ]);
    const got = await hpa();
    expect(conditions(got).ScalingActive).toBe('False FailedGetResourceMetric: the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API');
    expect(got.status).toMatchObject({ currentReplicas: 2, desiredReplicas: 0, currentMetrics: [{ type: '' }] });
  });

  it('reports a target it cannot find', async () => {
    const { h, hc, hpa } = await setUp(1, {}, { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nope' } });
    await expect(hc.reconcileKey('default/web')).rejects.toThrow('failed to query scale subresource for Deployment/default/nope');
    expect((await h.events('default', 'web')).map((e) => `${e.reason}: ${e.message}`)).toEqual(['FailedGetScale: deployments.apps "nope" not found']);
    expect(conditions(await hpa()).AbleToScale).toBe('False FailedGetScale: the HPA controller was unable to get the target\'s current scale: deployments.apps "nope" not found');
  });

  it('follows spec.behavior: one pod a minute up, no down window', async () => {
    const behavior = { scaleUp: { policies: [{ type: 'Pods' as const, value: 1, periodSeconds: 60 }] }, scaleDown: { stabilizationWindowSeconds: 0 } };
    const usage: Record<string, number> = { 'web-0': 300, 'web-1': 300 };
    const { h, hc, hpa } = await setUp(2, usage, { behavior });
    await hc.reconcileKey('default/web');
    expect(await replicasOf(h)).toBe(3);
    expect(conditions(await hpa()).ScalingLimited).toBe('True ScaleUpLimit: the desired replica count is increasing faster than the maximum scale rate');
    await h.advance(15_000, 15_000);
    await hc.reconcileKey('default/web');
    expect(await replicasOf(h)).toBe(3); // the minute's one pod is used
    await h.advance(50_000, 50_000);
    await hc.reconcileKey('default/web');
    expect(await replicasOf(h)).toBe(4);
    usage['web-0'] = usage['web-1'] = 1;
    await hc.reconcileKey('default/web');
    expect(await replicasOf(h)).toBe(1);
  });

  it('runs every sync period from the informer and reads metrics.k8s.io through the API server', async () => {
    const hh = await newHarness();
    h = hh;
    const hc = newHorizontalController(hh.ctx({}));
    const stop = new AbortController();
    const done = hc.run(1, stop.signal);
    await hh.start();
    await hh.cs.appsV1().deployments('default').create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    await hh.cs.resource<HorizontalPodAutoscaler>(hpaResource, 'default').create({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3 } });
    await hh.advance(14_000);
    expect(await hh.events('default', 'web')).toEqual([]);
    await hh.advance(2_000);
    // No kubelets behind this API server: the metrics API is not there.
    expect((await hh.events('default', 'web')).map((e) => e.reason)).toEqual(['FailedGetResourceMetric', 'FailedComputeMetricsReplicas']);
    expect((await hh.events('default', 'web'))[0]!.message).toBe('failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource');
    await hh.advance(15_000);
    expect((await hh.events('default', 'web')).length).toBe(2); // the same two again, counted
    stop.abort();
    await done;
  });
});
