// ResourceQuota admission through the API server: usage is charged to status.used as objects are
// created, refusals carry upstream's words, and racing creates cannot both take the last unit.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../../engine/apiserver/testing/test-server.js';
import { newAdmissionServer, pod } from './helpers.js';

let t: TestServer;
afterEach(async () => t?.close());

const base = '/api/v1/namespaces/default';

/** quota creates a quota and fills its status as the quota controller would (used defaults to zeros). */
async function quota(name: string, hard: Record<string, string>, spec: Record<string, unknown> = {}, used?: Record<string, string>) {
  expect((await t.json('POST', `${base}/resourcequotas`, { metadata: { name }, spec: { hard, ...spec } })).status).toBe(201);
  const status = { hard, used: used ?? Object.fromEntries(Object.keys(hard).map((k) => [k, '0'])) };
  const res = await t.json('PUT', `${base}/resourcequotas/${name}/status`, { metadata: { name }, spec: { hard, ...spec }, status });
  expect(res.status).toBe(200);
}

const used = async (name: string) => (await t.json('GET', `${base}/resourcequotas/${name}`)).body.status.used;
const createPod = (body: unknown, query = '') => t.json('POST', `${base}/pods${query}`, body);

const cpuPod = (name: string, cpu: string) => pod(name, { web: { requests: { cpu, memory: '64Mi' }, limits: { cpu, memory: '64Mi' } } });

describe('ResourceQuota admission', () => {
  it('charges pods to status.used and refuses the one over the limit', async () => {
    t = await newAdmissionServer();
    await quota('pods', { pods: '2' });
    for (const n of ['p1', 'p2']) expect((await createPod(pod(n))).status).toBe(201);
    expect(await used('pods')).toEqual({ pods: '2' });
    const res = await createPod(pod('p3'));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ reason: 'Forbidden', message: 'pods "p3" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2' });
    expect(await used('pods')).toEqual({ pods: '2' });
  });

  it('refuses pods that do not state the tracked compute resources (v1.32 wording)', async () => {
    t = await newAdmissionServer();
    await quota('compute', { 'requests.cpu': '1', 'limits.cpu': '2', 'limits.memory': '1Gi' });
    const res = await createPod(pod('x', { web: undefined, log: { requests: { cpu: '100m' } } }));
    expect(res.status).toBe(403);
    expect(res.body.message).toBe(
      'pods "x" is forbidden: failed quota: compute: must specify limits.cpu for: log,web; limits.memory for: log,web; requests.cpu for: web',
    );
  });

  it('sums compute requests and reports only the exceeded resources', async () => {
    t = await newAdmissionServer();
    await quota('compute', { 'requests.cpu': '1', 'requests.memory': '1Gi', pods: '10' });
    expect((await createPod(cpuPod('a', '600m'))).status).toBe(201);
    expect(await used('compute')).toEqual({ 'requests.cpu': '600m', 'requests.memory': '64Mi', pods: '1' });
    const res = await createPod(cpuPod('b', '600m'));
    expect(res.body.message).toBe('pods "b" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1');
  });

  it('refuses while the quota has no usage for a resource it limits', async () => {
    t = await newAdmissionServer();
    await quota('q', { pods: '5', 'requests.cpu': '1' }, {}, { pods: '0' });
    const res = await createPod(cpuPod('x', '100m'));
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('pods "x" is forbidden: status unknown for quota: q, resources: pods,requests.cpu');
  });

  it('ignores quotas the controller has not processed (no status.hard), as upstream', async () => {
    t = await newAdmissionServer();
    await t.json('POST', `${base}/resourcequotas`, { metadata: { name: 'new' }, spec: { hard: { pods: '0' } } });
    expect((await createPod(pod('x'))).status).toBe(201);
  });

  it('counts services, node ports and config maps', async () => {
    t = await newAdmissionServer();
    await quota('objects', { 'services.nodeports': '1', 'count/configmaps': '1' });
    const svc = {
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] },
    };
    const res = await t.json('POST', `${base}/services`, svc);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe(
      'services "web" is forbidden: exceeded quota: objects, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
    expect((await t.json('POST', `${base}/configmaps`, { metadata: { name: 'one' } })).status).toBe(201);
    const two = await t.json('POST', `${base}/configmaps`, { metadata: { name: 'two' } });
    expect(two.body.message).toBe('configmaps "two" is forbidden: exceeded quota: objects, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1');
  });

  it('charges nothing for a dry run', async () => {
    t = await newAdmissionServer();
    await quota('pods', { pods: '1' });
    expect((await createPod(pod('x'), '?dryRun=All')).status).toBe(201);
    expect(await used('pods')).toEqual({ pods: '0' });
  });

  it('applies scoped quotas only to the pods they select', async () => {
    t = await newAdmissionServer();
    await quota('besteffort', { pods: '1' }, { scopes: ['BestEffort'] });
    expect((await createPod(pod('be1'))).status).toBe(201);
    expect((await createPod(cpuPod('burst', '100m'))).status).toBe(201);
    const res = await createPod(pod('be2'));
    expect(res.body.message).toBe('pods "be2" is forbidden: exceeded quota: besteffort, requested: pods=1, used: pods=1, limited: pods=1');
  });

  it('lets exactly one of two racing creates take the last unit', async () => {
    t = await newAdmissionServer();
    await quota('pods', { pods: '1' });
    const results = await Promise.all([createPod(pod('a')), createPod(pod('b'))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
    expect(await used('pods')).toEqual({ pods: '1' });
    const list = await t.json('GET', `${base}/pods`);
    expect(list.body.items).toHaveLength(1);
  });

  it('lets exactly three of ten racing creates in under a limit of three, across two quotas', async () => {
    t = await newAdmissionServer();
    await quota('pods', { pods: '3' });
    await quota('cpu', { 'requests.cpu': '10', 'requests.memory': '10Gi' });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => createPod(cpuPod(`p${i}`, '100m'))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(await used('pods')).toEqual({ pods: '3' });
    expect((await used('cpu'))['requests.cpu']).toBe('300m');
  });
});
