import { describe, it, expect, afterEach } from 'vitest';
import type { Pod } from '../../api/core/v1/types.js';
import type { Scale } from '../../api/autoscaling/v1/types.js';
import { newHarness, type Harness } from '../../../test/controller2/harness.js';
import { newHorizontalController, type HorizontalPodAutoscaler, type HPAStore, type ScaleClient } from './horizontal.js';
import { ReplicaCalculator, type MetricsClient } from './replica-calculator.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const pod = (name: string, cpu = '100m', ready = true, phase: NonNullable<Pod['status']>['phase'] = 'Running'): Pod => ({
  metadata: { name, namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', resources: { requests: { cpu } } }] },
  status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const metricsOf = (usage: Record<string, number>): MetricsClient => ({
  getResourceMetric: async () => ({ metrics: new Map(Object.entries(usage)), timestamp: 0 }),
});

describe('ReplicaCalculator', () => {
  it.each([
    ['scale up: 3 pods at 100% of a 50% target', { a: 100, b: 100, c: 100 }, [pod('a'), pod('b'), pod('c')], 3, 6],
    ['scale down: 4 pods at 25% of a 50% target', { a: 25, b: 25, c: 25, d: 25 }, [pod('a'), pod('b'), pod('c'), pod('d')], 4, 2],
    ['within the 10% tolerance', { a: 54, b: 54 }, [pod('a'), pod('b')], 2, 2],
    ['round up', { a: 60, b: 60, c: 60 }, [pod('a'), pod('b'), pod('c')], 3, 4],
    ['missing metrics count as 100% when scaling down', { a: 10 }, [pod('a'), pod('b')], 2, 2],
    ['unready pods count as 0% when scaling up (here cancelling it)', { a: 100, b: 100, c: 100, d: 100 }, [pod('a'), pod('b', '100m', false), pod('c', '100m', false), pod('d', '100m', false)], 4, 4],
    ['unready pods at 0% temper a scale-up', { a: 200, b: 200, c: 50 }, [pod('a'), pod('b'), pod('c', '100m', false)], 3, 8],
  ])('%s', async (_n, usage, pods, current, want) => {
    const calc = new ReplicaCalculator(metricsOf(usage));
    expect((await calc.getResourceReplicas(current, 50, 'cpu', 'default', pods)).replicas).toBe(want);
  });

  it('reports utilization as a percentage of requests', async () => {
    const calc = new ReplicaCalculator(metricsOf({ a: 150, b: 50 }));
    expect((await calc.getResourceReplicas(2, 100, 'cpu', 'default', [pod('a', '200m'), pod('b', '200m')])).utilization).toBe(50);
  });

  it('needs CPU requests', async () => {
    const p = pod('a');
    delete p.spec!.containers[0]!.resources;
    await expect(new ReplicaCalculator(metricsOf({ a: 1 })).getResourceReplicas(1, 50, 'cpu', 'default', [p])).rejects.toThrow('missing request for cpu in container c of Pod a');
  });
});

describe('HorizontalController', () => {
  function fakes(initial: number) {
    const scale: Scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: initial }, status: { replicas: initial, selector: 'app=web' } };
    const scaleClient: ScaleClient = { getScale: async () => structuredClone(scale), updateScale: async (_ns, _ref, s) => ((scale.spec = s.spec), s) };
    const hpa: HorizontalPodAutoscaler = { metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 } };
    const store: HPAStore & { last?: HorizontalPodAutoscaler } = { list: () => [hpa], updateStatus: async (x) => void (store.last = x) };
    return { scale, scaleClient, hpa, store };
  }

  it('scales up within max and the scale-up limit, and holds scale-downs for the stabilization window', async () => {
    h = await newHarness();
    for (const n of ['a', 'b']) await h.cs.coreV1().pods('default').create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: n, namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } });
    for (const n of ['a', 'b']) {
      const p = await h.cs.coreV1().pods('default').get(n);
      await h.cs.coreV1().pods('default').updateStatus({ ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });
    }
    const usage: Record<string, number> = { a: 300, b: 300 };
    const f = fakes(2);
    const hc = newHorizontalController(h.ctx({ metricsClient: metricsOf(usage), hpaStore: f.store, scaleClient: f.scaleClient }));
    h.factory.core().v1().pods();
    await h.start();

    // 300% of a 50% target wants 12; max 5 and the limit max(2×2, 4) = 4 allow 4.
    await hc.reconcileAutoscaler(f.hpa);
    expect(f.scale.spec?.replicas).toBe(4);
    expect(f.store.last?.status).toMatchObject({ currentReplicas: 2, desiredReplicas: 4, currentCPUUtilizationPercentage: 300 });
    expect((await h.events('default', 'web')).map((e) => e.message)).toContain('New size: 4; reason: cpu resource utilization (percentage of request) above target');

    // Load drops: the recommendation falls, but the window keeps the earlier, higher one.
    usage.a = usage.b = 10;
    await h.advance(60_000, 60_000);
    await hc.reconcileAutoscaler(f.hpa);
    expect(f.scale.spec?.replicas).toBe(4);
    await h.advance(300_000, 60_000);
    await hc.reconcileAutoscaler(f.hpa);
    expect(f.scale.spec?.replicas).toBe(1);
  });

  it('talks to a real /scale subresource', async () => {
    h = await newHarness();
    await h.cs.appsV1().deployments('default').create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } });
    const f = fakes(2);
    const hc = newHorizontalController(h.ctx({ metricsClient: metricsOf({}), hpaStore: f.store }));
    await h.start();
    const { newScaleClient } = await import('./horizontal.js');
    const sc = newScaleClient(h.cs);
    const s = await sc.getScale('default', { kind: 'Deployment', name: 'web' });
    expect(s.spec?.replicas).toBe(2);
    expect(s.status?.selector).toBe('app=web');
    await sc.updateScale('default', { kind: 'Deployment', name: 'web' }, { ...s, spec: { replicas: 3 } });
    expect((await h.cs.appsV1().deployments('default').get('web')).spec?.replicas).toBe(3);
    expect(hc.opts.syncPeriod).toBe(15_000);
  });
});
