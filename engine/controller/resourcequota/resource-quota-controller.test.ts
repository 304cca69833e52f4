import { describe, it, expect, afterEach } from 'vitest';
import type { Pod, ResourceQuota } from '../../api/core/v1/types.js';
import { newHarness, setPodPhase, type Harness } from '../../../test/support/controller-harness.js';
import { maskToHard, podComputeUsage, podUsage, type Usage } from './evaluator.js';
import { newResourceQuotaController } from './resource-quota-controller.js';

let h: Harness;
afterEach(async () => h?.close());

const pod = (name: string, requests: Record<string, string> = {}, limits: Record<string, string> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests, limits } }] },
});

describe('quota evaluators', () => {
  it('sums containers and floors by init containers', () => {
    const p = pod('a', { cpu: '100m', memory: '64Mi' });
    p.spec!.containers.push({ name: 'd', image: 'x', resources: { requests: { cpu: '0.2', memory: '64Mi' } } });
    p.spec!.initContainers = [{ name: 'i', image: 'x', resources: { requests: { cpu: '1' } } }];
    expect(podComputeUsage(p).requests).toEqual({ cpu: '1', memory: '128Mi' });
  });

  it('prints canonical quantities and zero for unused resources', () => {
    const usage: Usage = new Map();
    podUsage(usage, pod('a', { cpu: '250m', memory: '1Gi' }, { cpu: '500m' }));
    podUsage(usage, pod('b', { cpu: '0.75', memory: '512Mi' }, { cpu: '1' }));
    expect(maskToHard(usage, { pods: '10', 'requests.cpu': '2', 'requests.memory': '4Gi', 'limits.cpu': '4', 'limits.memory': '4Gi', cpu: '2' })).toEqual({
      pods: '2',
      'requests.cpu': '1',
      'requests.memory': '1536Mi',
      'limits.cpu': '1500m',
      'limits.memory': '0',
      cpu: '1',
    });
  });
});

describe('ResourceQuotaController', () => {
  it('fills status.hard and status.used and follows changes', async () => {
    h = await newHarness();
    const c = newResourceQuotaController(h.ctx());
    await h.start();
    void c.run(1, h.signal);
    const quota: ResourceQuota = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute', namespace: 'default' },
      spec: { hard: { pods: '4', 'requests.cpu': '1', 'requests.memory': '1Gi', services: '2', secrets: '10', configmaps: '5', persistentvolumeclaims: '3', 'services.nodeports': '1' } },
    };
    await h.cs.coreV1().resourceQuotas('default').create(quota);
    const status = async () => (await h.cs.coreV1().resourceQuotas('default').get('compute')).status;
    await h.until(async () => !!(await status())?.used);
    // The bootstrap `kubernetes` service is in default.
    expect((await status())?.used).toEqual({ pods: '0', 'requests.cpu': '0', 'requests.memory': '0', services: '1', secrets: '0', configmaps: '0', persistentvolumeclaims: '0', 'services.nodeports': '0' });
    expect((await status())?.hard).toEqual(quota.spec!.hard);

    await h.cs.coreV1().pods('default').create(pod('a', { cpu: '300m', memory: '128Mi' }));
    const b = await h.cs.coreV1().pods('default').create(pod('b', { cpu: '200m', memory: '128Mi' }));
    await h.cs.coreV1().configMaps('default').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: {} });
    await h.cs.coreV1().services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    await h.until(async () => (await status())?.used?.pods === '2' && (await status())?.used?.services === '2' && (await status())?.used?.configmaps === '1');
    expect((await status())?.used).toMatchObject({ 'requests.cpu': '500m', 'requests.memory': '256Mi', 'services.nodeports': '1' });

    // A finished pod stops counting.
    await setPodPhase(h.cs, h.clock, b, 'Succeeded', false);
    await h.until(async () => (await status())?.used?.pods === '1');
    expect((await status())?.used?.['requests.cpu']).toBe('300m');
  });
});
