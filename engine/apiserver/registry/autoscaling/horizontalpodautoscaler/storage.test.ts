import { afterEach, describe, expect, it } from 'vitest';
import { allResources } from '../../all-resources.js';
import { newTestServer, readEvents, type TestServer } from '../../../testing/test-server.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const v1 = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
const v2 = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
const table = { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' };
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

async function server(): Promise<TestServer> {
  const s = await newTestServer(allResources());
  await s.json('POST', '/api/v1/namespaces', { metadata: { name: 'default' } });
  return s;
}

const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
const cpu = (u: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: u } } });

describe('HorizontalPodAutoscaler in autoscaling/v2 and v1', () => {
  it('stores v2 and shows a v1 object the CPU target as a metric', async () => {
    t = await server();
    const created = await t.json('POST', v1, { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 5, targetCPUUtilizationPercentage: 50 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 }, status: { currentReplicas: 0, desiredReplicas: 0 } });
    const got = await t.json('GET', `${v2}/web`);
    expect(got.body.apiVersion).toBe('autoscaling/v2');
    expect(got.body.spec).toEqual({ scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, metrics: [cpu(50)] });
    expect(got.body.status).toEqual({ desiredReplicas: 0 });
    expect(got.body.metadata.resourceVersion).toBe(created.body.metadata.resourceVersion);
  });

  it('defaults a v2 autoscaler with no metrics to 80% CPU and fills behavior rules only when behavior is given', async () => {
    t = await server();
    const plain = await t.json('POST', v2, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'a' }, spec: { scaleTargetRef: ref, maxReplicas: 3 } });
    expect(plain.body.spec).toEqual({ scaleTargetRef: ref, minReplicas: 1, maxReplicas: 3, metrics: [cpu(80)] });
    const tuned = await t.json('POST', v2, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'b' }, spec: { scaleTargetRef: ref, maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
    expect(tuned.body.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('keeps what v1 cannot show when a v1 client writes the object back', async () => {
    t = await server();
    await t.json('POST', v2, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 5, metrics: [memory, cpu(60)], behavior: { scaleUp: { stabilizationWindowSeconds: 30 } } } });
    const asV1 = (await t.json('GET', `${v1}/web`)).body;
    expect(asV1.spec).toEqual({ scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 60 });
    const put = await t.json('PUT', `${v1}/web`, { ...asV1, spec: { ...asV1.spec, targetCPUUtilizationPercentage: 70, maxReplicas: 8 } });
    expect(put.status).toBe(200);
    expect(put.body.spec.targetCPUUtilizationPercentage).toBe(70);
    const stored = (await t.json('GET', `${v2}/web`)).body;
    expect(stored.spec.metrics).toEqual([memory, cpu(70)]);
    expect(stored.spec.maxReplicas).toBe(8);
    expect(stored.spec.behavior.scaleUp.stabilizationWindowSeconds).toBe(30);
    expect(stored.metadata.generation).toBe(2);

    const patched = await t.json('PATCH', `${v1}/web`, { spec: { targetCPUUtilizationPercentage: 40 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(patched.body).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { targetCPUUtilizationPercentage: 40 } });
    expect((await t.json('GET', `${v2}/web`)).body.spec.metrics).toEqual([memory, cpu(40)]);
  });

  it('carries status both ways: current CPU utilization, conditions kept across a v1 status write', async () => {
    t = await server();
    const created = (await t.json('POST', v2, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 5, metrics: [cpu(50)] } })).body;
    const conditions = [{ type: 'AbleToScale', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'SucceededGetScale', message: 'the HPA controller was able to get the target\'s current scale' }];
    const status = { currentReplicas: 2, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '150m', averageUtilization: 75 } } }], conditions };
    expect((await t.json('PUT', `${v2}/web/status`, { ...created, status })).status).toBe(200);
    const asV1 = (await t.json('GET', `${v1}/web`)).body;
    expect(asV1.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 75 });
    await t.json('PUT', `${v1}/web/status`, { ...asV1, status: { ...asV1.status, desiredReplicas: 4 } });
    const stored = (await t.json('GET', `${v2}/web`)).body;
    expect(stored.status).toEqual({ ...status, desiredReplicas: 4 });
  });

  it('lists and watches each version in its own shape', async () => {
    t = await server();
    const watchV1 = await t.call('GET', `${v1}?watch=true`);
    await t.json('POST', v2, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 5, metrics: [cpu(50)] } });
    const [ev] = await readEvents(watchV1, 1);
    expect(ev).toMatchObject({ type: 'ADDED', object: { apiVersion: 'autoscaling/v1', spec: { targetCPUUtilizationPercentage: 50 } } });
    await watchV1.body?.cancel();
    const list1 = (await t.json('GET', v1)).body;
    expect(list1).toMatchObject({ kind: 'HorizontalPodAutoscalerList', apiVersion: 'autoscaling/v1' });
    expect(list1.items[0].spec.targetCPUUtilizationPercentage).toBe(50);
    expect(list1.items[0].spec.metrics).toBeUndefined();
    const list2 = (await t.json('GET', v2)).body;
    expect(list2.items[0].spec.metrics).toEqual([cpu(50)]);
  });

  it('prints TARGETS for each metric, at most two and "+ N more..."', async () => {
    t = await server();
    const pods = { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } } };
    const ext = { type: 'External', external: { metric: { name: 'queue_messages_ready' }, target: { type: 'AverageValue', averageValue: '30' } } };
    await t.json('POST', v2, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 5, metrics: [cpu(50), memory, pods, ext] } });
    const cells = (await t.json('GET', v2, undefined, table)).body.rows[0].cells;
    expect(cells.slice(0, 6)).toEqual(['web', 'Deployment/web', 'cpu: <unknown>/50%, memory: <unknown>/100Mi + 2 more...', '1', 5, 0]);
    const v1cells = (await t.json('GET', v1, undefined, table)).body.rows[0].cells;
    expect(v1cells[2]).toBe('cpu: <unknown>/50%');
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a metric without its source', { metrics: [{ type: 'Resource' }] }, 'spec.metrics[0].resource: Required value: must populate information for the given metric source'],
    ['an unknown resource', { metrics: [{ type: 'Resource', resource: { name: 'gpu', target: { type: 'Utilization', averageUtilization: 50 } } }] }, 'spec.metrics[0].resource.name: Invalid value: "gpu": must be a standard resource for containers'],
    [
      'both a utilization and a value',
      { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50, averageValue: '100m' } } }] },
      'spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization',
    ],
    ['a bad policy period', { behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 3000 }] } } }, 'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3000: must be less than or equal to 1800'],
    ['an unknown select policy', { behavior: { scaleDown: { selectPolicy: 'Sometimes' } } }, 'spec.behavior.scaleDown.selectPolicy: Unsupported value: "Sometimes": supported values: "Disabled", "Max", "Min"'],
  ];
  it.each(invalid)('refuses %s', async (_name, spec, detail) => {
    t = await server();
    const res = await t.json('POST', v2, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' }, spec: { scaleTargetRef: ref, maxReplicas: 5, ...spec } });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(`HorizontalPodAutoscaler.autoscaling "x" is invalid: ${detail}`);
  });

  it('refuses a v2 field in a v1 body (strict decoding)', async () => {
    t = await server();
    const res = await t.json('POST', `${v1}?fieldValidation=Strict`, { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' }, spec: { scaleTargetRef: ref, maxReplicas: 5, behavior: {} } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('strict decoding error: unknown field "spec.behavior"');
  });

  it('lists autoscaling/v2 first in discovery, as the preferred version', async () => {
    t = await server();
    const group = (await t.json('GET', '/apis/autoscaling')).body;
    expect(group.versions).toEqual([{ groupVersion: 'autoscaling/v2', version: 'v2' }, { groupVersion: 'autoscaling/v1', version: 'v1' }]);
    expect(group.preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
    const resources = (await t.json('GET', '/apis/autoscaling/v2')).body.resources.map((r: { name: string }) => r.name);
    expect(resources).toEqual(['horizontalpodautoscalers', 'horizontalpodautoscalers/status']);
  });
});
