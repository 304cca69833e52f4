// autoscaling/v1 HorizontalPodAutoscaler through the API server: CRUD with defaults, the status
// subresource, validation messages, `kubectl get hpa` columns, and discovery (short name hpa).
import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../../engine/apiserver/testing/test-server.js';
import { newAdmissionServer } from './helpers.js';

let t: TestServer;
afterEach(async () => t?.close());

const base = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
const table = { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' };
const hpa = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'autoscaling/v1',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, maxReplicas: 10, ...spec },
});
const cells = async () => (await t.json('GET', base, undefined, table)).body.rows.map((r: { cells: unknown[] }) => r.cells);

describe('HorizontalPodAutoscaler', () => {
  it('is created with defaults and a cleared status, updated, and deleted', async () => {
    t = await newAdmissionServer();
    const created = await t.json('POST', base, { ...hpa('php-apache', { targetCPUUtilizationPercentage: 50 }), status: { currentReplicas: 9, desiredReplicas: 9 } });
    expect(created.status).toBe(201);
    expect(created.body.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
      minReplicas: 1,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 50,
    });
    expect(created.body.status).toEqual({ currentReplicas: 0, desiredReplicas: 0 });
    expect(created.body.metadata.generation).toBe(1);
    const updated = await t.json('PUT', `${base}/php-apache`, { ...created.body, spec: { ...created.body.spec, maxReplicas: 5 } });
    expect(updated.body.spec.maxReplicas).toBe(5);
    expect(updated.body.metadata.generation).toBe(2);
    expect((await t.json('DELETE', `${base}/php-apache`)).status).toBe(200);
    expect((await t.json('GET', `${base}/php-apache`)).status).toBe(404);
  });

  it('aims at 80% CPU when no target is given', async () => {
    t = await newAdmissionServer();
    expect((await t.json('POST', base, hpa('web'))).body.spec.targetCPUUtilizationPercentage).toBe(80);
  });

  it('takes status only through horizontalpodautoscalers/status', async () => {
    t = await newAdmissionServer();
    const created = (await t.json('POST', base, hpa('php-apache', { targetCPUUtilizationPercentage: 50 }))).body;
    const status = { currentReplicas: 3, desiredReplicas: 4, currentCPUUtilizationPercentage: 45, lastScaleTime: '2026-01-01T00:00:00Z' };
    const res = await t.json('PUT', `${base}/php-apache/status`, { ...created, spec: { ...created.spec, maxReplicas: 99 }, status });
    expect(res.status).toBe(200);
    expect(res.body.status).toEqual(status);
    expect(res.body.spec.maxReplicas).toBe(10);
    const main = await t.json('PUT', `${base}/php-apache`, { ...res.body, status: { currentReplicas: 0, desiredReplicas: 0 } });
    expect(main.body.status).toEqual(status);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    [
      'maxReplicas 0 (also below the defaulted minReplicas)',
      { maxReplicas: 0 },
      '[spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`]',
    ],
    [
      'max below min',
      { minReplicas: 5, maxReplicas: 2 },
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    ],
    [
      'minReplicas 0 (scaling to zero needs an Object or External metric as well)',
      { minReplicas: 0 },
      '[spec.minReplicas: Invalid value: 0: must be greater than or equal to 1, spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas]',
    ],
    ['no target name', { scaleTargetRef: { kind: 'Deployment' } }, 'spec.scaleTargetRef.name: Required value'],
    [
      'zero CPU target',
      { targetCPUUtilizationPercentage: 0 },
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    ],
  ];
  it.each(invalid)('refuses %s', async (_name, spec, detail) => {
    t = await newAdmissionServer();
    const res = await t.json('POST', base, hpa('x', spec));
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(`HorizontalPodAutoscaler.autoscaling "x" is invalid: ${detail}`);
  });

  it('prints NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', async () => {
    t = await newAdmissionServer();
    const created = (await t.json('POST', base, hpa('php-apache', { targetCPUUtilizationPercentage: 50 }))).body;
    await t.clock.advance(18_000);
    const res = await t.json('GET', base, undefined, table);
    expect(res.body.columnDefinitions.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).toEqual([
      'Name:string', 'Reference:string', 'Targets:string', 'MinPods:string', 'MaxPods:integer', 'Replicas:integer', 'Age:string',
    ]);
    expect(await cells()).toEqual([['php-apache', 'Deployment/php-apache', 'cpu: <unknown>/50%', '1', 10, 0, '18s']]);
    await t.json('PUT', `${base}/php-apache/status`, { ...created, status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 0 } });
    expect((await cells())[0].slice(2, 6)).toEqual(['cpu: 0%/50%', '1', 10, 1]);
  });

  it('is discoverable as hpa, in the all category, with a status subresource', async () => {
    t = await newAdmissionServer();
    const res = await t.json('GET', '/apis/autoscaling/v1');
    const names = res.body.resources.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['horizontalpodautoscalers', 'horizontalpodautoscalers/status']));
    expect(res.body.resources.find((r: { name: string }) => r.name === 'horizontalpodautoscalers')).toMatchObject({
      kind: 'HorizontalPodAutoscaler',
      namespaced: true,
      shortNames: ['hpa'],
      categories: ['all'],
      singularName: 'horizontalpodautoscaler',
    });
    const groups = await t.json('GET', '/apis');
    expect(groups.body.groups.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['autoscaling', 'coordination.k8s.io']));
  });
});
