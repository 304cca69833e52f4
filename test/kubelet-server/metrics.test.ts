// metrics.k8s.io/v1beta1 on an in-process cluster (virtual clock): discovery lists the group,
// NodeMetrics and PodMetrics come from the kubelets' /stats/summary, and `kubectl top` prints them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { Scenario, table } from '../scenarios/harness.js';

const base = 'http://127.0.0.1:8080';

describe('metrics API', () => {
  let s: Scenario;
  const get = async (path: string, accept = 'application/json') => {
    const r = await advanceUntil(s.clock, s.cluster.plane.transport(new Request(base + path, { headers: { Accept: accept } })), 50);
    return { status: r.status, body: JSON.parse(await r.text()) };
  };

  beforeAll(async () => {
    s = await Scenario.start({ nodes: 2 });
    await s.apply('web.yaml', `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - {name: nginx, image: "nginx:1.7.9"}
  - {name: sh, image: busybox, command: ["sleep", "3600"]}
`);
    await s.running('default', 'app=web', 1);
  }, 60_000);
  afterAll(async () => s?.stop());

  it('is discoverable as metrics.k8s.io/v1beta1', async () => {
    const groups = (await get('/apis')).body.groups.map((g: { name: string }) => g.name);
    expect(groups).toContain('metrics.k8s.io');
    const aggregated = await get('/apis', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9');
    expect(JSON.stringify(aggregated.body)).toContain('"metrics.k8s.io"');
    const resources = (await get('/apis/metrics.k8s.io/v1beta1')).body.resources;
    expect(resources.map((r: { name: string; kind: string; namespaced: boolean; verbs: string[] }) => [r.name, r.kind, r.namespaced, r.verbs])).toEqual([
      ['nodes', 'NodeMetrics', false, ['get', 'list']],
      ['pods', 'PodMetrics', true, ['get', 'list']],
    ]);
  });

  it('serves NodeMetrics and PodMetrics from the kubelets', async () => {
    const nodes = (await get('/apis/metrics.k8s.io/v1beta1/nodes')).body;
    expect(nodes.kind).toBe('NodeMetricsList');
    expect(nodes.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['node-1', 'node-2']);
    expect(nodes.items[0].usage.cpu).toMatch(/^\d+n$/);
    expect(nodes.items[0].usage.memory).toMatch(/^\d+Ki$/);
    const pod = (await get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web')).body;
    expect(pod).toMatchObject({ kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, window: '10s' });
    expect(pod.containers.map((c: { name: string }) => c.name).sort()).toEqual(['nginx', 'sh']);
    const missing = await get('/apis/metrics.k8s.io/v1beta1/nodes/node-9');
    expect([missing.status, missing.body.message]).toEqual([404, 'nodemetrics.metrics.k8s.io "node-9" not found']);
    const selected = (await get('/apis/metrics.k8s.io/v1beta1/pods?labelSelector=app%3Dnope')).body;
    expect(selected.items).toEqual([]);
  });

  it('kubectl top (ours) prints nodes and pods', async () => {
    const nodes = table(await s.ok('top', 'nodes'));
    expect(nodes[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    expect(nodes.slice(1).map((r) => r[0])).toEqual(['node-1', 'node-2']);
    expect(nodes[1]![1]).toMatch(/^\d+m$/);
    const pods = table(await s.ok('top', 'pods', '--containers'));
    expect(pods[0]).toEqual(['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(pods.slice(1).map((r) => r.slice(0, 2)).sort()).toEqual([['web', 'nginx'], ['web', 'sh']]);
  });
});
