// LimitRanger through the API server: defaults from a namespace's LimitRange, and the refusals with
// upstream's messages.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../../engine/apiserver/testing/test-server.js';
import { newAdmissionServer, pod } from './helpers.js';

let t: TestServer;
afterEach(async () => t?.close());

const limitRange = (limits: Record<string, unknown>[]) => ({ metadata: { name: 'limits' }, spec: { limits } });

async function withRange(limits: Record<string, unknown>[]) {
  t = await newAdmissionServer();
  const res = await t.json('POST', '/api/v1/namespaces/default/limitranges', limitRange(limits));
  expect(res.status).toBe(201);
}

describe('LimitRanger defaults', () => {
  it('fills missing requests and limits from type Container and says so in an annotation', async () => {
    await withRange([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } }]);
    const res = await t.json('POST', '/api/v1/namespaces/default/pods', pod('web'));
    expect(res.status).toBe(201);
    expect(res.body.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(res.body.metadata.annotations['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web',
    );
  });

  // Pod defaulting has already copied the cpu limit into the request (SetDefaults_Pod) when admission runs.
  it('keeps what the container states and only fills the rest', async () => {
    await withRange([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' } }]);
    const res = await t.json('POST', '/api/v1/namespaces/default/pods', pod('web', { web: { limits: { cpu: '200m' } } }));
    expect(res.status).toBe(201);
    expect(res.body.spec.containers[0].resources).toEqual({ limits: { cpu: '200m', memory: '256Mi' }, requests: { cpu: '200m', memory: '256Mi' } });
    expect(res.body.metadata.annotations['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: memory request for container web; memory limit for container web',
    );
  });

  it('leaves pods alone in namespaces without a LimitRange', async () => {
    t = await newAdmissionServer();
    const res = await t.json('POST', '/api/v1/namespaces/default/pods', pod('web'));
    expect(res.status).toBe(201);
    expect(res.body.metadata.annotations).toBeUndefined();
  });
});

const refusals: [string, Record<string, unknown>[], ReturnType<typeof pod>, string][] = [
  ['max limit', [{ type: 'Container', max: { cpu: '1' } }], pod('x', { web: { limits: { cpu: '2' } } }), 'maximum cpu usage per Container is 1, but limit is 2'],
  [
    'min request',
    [{ type: 'Container', min: { memory: '64Mi' } }],
    pod('x', { web: { requests: { memory: '32Mi' } } }),
    'minimum memory usage per Container is 64Mi, but request is 32Mi',
  ],
  [
    'limit/request ratio',
    [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }],
    pod('x', { web: { requests: { cpu: '100m' }, limits: { cpu: '500m' } } }),
    'cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000',
  ],
  [
    'ratio without a request',
    [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }],
    pod('x'),
    'cpu max limit to request ratio per Container is 2, but no request is specified or request is 0',
  ],
  [
    'Pod max over the sum of containers',
    [{ type: 'Pod', max: { cpu: '1' } }],
    pod('x', { a: { limits: { cpu: '600m' } }, b: { limits: { cpu: '600m' } } }),
    'maximum cpu usage per Pod is 1, but limit is 1200m',
  ],
  [
    'Pod max without limits',
    [{ type: 'Pod', max: { memory: '1Gi' } }],
    pod('x'),
    'maximum memory usage per Pod is 1Gi.  No limit is specified',
  ],
  [
    'several errors, aggregated',
    [{ type: 'Container', max: { cpu: '1', memory: '1Gi' } }],
    pod('x', { web: { limits: { cpu: '2', memory: '2Gi' } } }),
    '[maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
  ],
];

describe('LimitRanger refusals', () => {
  it.each(refusals)('%s', async (_name, limits, body, reason) => {
    await withRange(limits);
    const res = await t.json('POST', '/api/v1/namespaces/default/pods', body);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403, message: `pods "x" is forbidden: ${reason}` });
    expect((await t.json('GET', '/api/v1/namespaces/default/pods/x')).status).toBe(404);
  });

  it('checks claims against type PersistentVolumeClaim', async () => {
    await withRange([{ type: 'PersistentVolumeClaim', max: { storage: '1Gi' }, min: { storage: '100Mi' } }]);
    const claim = (name: string, storage: string) => ({
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
    });
    const big = await t.json('POST', '/api/v1/namespaces/default/persistentvolumeclaims', claim('big', '2Gi'));
    expect(big.status).toBe(403);
    expect(big.body.message).toBe('persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 1Gi, but request is 2Gi');
    const small = await t.json('POST', '/api/v1/namespaces/default/persistentvolumeclaims', claim('small', '10Mi'));
    expect(small.body.message).toBe('persistentvolumeclaims "small" is forbidden: minimum storage usage per PersistentVolumeClaim is 100Mi, but request is 10Mi');
    expect((await t.json('POST', '/api/v1/namespaces/default/persistentvolumeclaims', claim('ok', '500Mi'))).status).toBe(201);
  });

  it('is off when disabled', async () => {
    t = await newAdmissionServer({ admissionOptions: { disableAdmissionPlugins: ['LimitRanger'] } });
    await t.json('POST', '/api/v1/namespaces/default/limitranges', limitRange([{ type: 'Container', max: { cpu: '1' } }]));
    expect((await t.json('POST', '/api/v1/namespaces/default/pods', pod('x', { web: { limits: { cpu: '2' } } }))).status).toBe(201);
  });
});
