// DefaultTolerationSeconds, AlwaysPullImages, AlwaysDeny and the chain's phases through the API server.
import { afterEach, describe, expect, it } from 'vitest';
import type { Plugin } from '../../engine/apiserver/admission/interfaces.js';
import type { TestServer } from '../../engine/apiserver/testing/test-server.js';
import { newAdmissionServer, pod } from './helpers.js';

let t: TestServer;
afterEach(async () => t?.close());

const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

const tolerationCases: [string, unknown[] | undefined, unknown[]][] = [
  ['none given: both added', undefined, [notReady, unreachable]],
  [
    'not-ready tolerated already: only unreachable added',
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }],
    [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }, unreachable],
  ],
  ['tolerate everything: nothing added', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
  [
    'a NoSchedule toleration does not count',
    [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }],
    [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable],
  ],
];

describe('DefaultTolerationSeconds', () => {
  it.each(tolerationCases)('%s', async (_name, given, want) => {
    t = await newAdmissionServer();
    const res = await t.json('POST', '/api/v1/namespaces/default/pods', pod('x', undefined, given ? { tolerations: given } : {}));
    expect(res.status).toBe(201);
    expect(res.body.spec.tolerations).toEqual(want);
  });

  it('takes its seconds from the options', async () => {
    t = await newAdmissionServer({ admissionOptions: { defaultTolerationSeconds: { defaultNotReadyTolerationSeconds: 60, defaultUnreachableTolerationSeconds: 30 } } });
    const res = await t.json('POST', '/api/v1/namespaces/default/pods', pod('x'));
    expect(res.body.spec.tolerations.map((x: { tolerationSeconds: number }) => x.tolerationSeconds)).toEqual([60, 30]);
  });
});

describe('AlwaysPullImages', () => {
  it('is off by default and forces Always when enabled', async () => {
    t = await newAdmissionServer();
    const off = await t.json('POST', '/api/v1/namespaces/default/pods', pod('a', undefined, { containers: [{ name: 'c', image: 'nginx:1.7.9' }] }));
    expect(off.body.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    await t.close();
    t = await newAdmissionServer({ admissionOptions: { enableAdmissionPlugins: ['AlwaysPullImages'] } });
    const on = await t.json('POST', '/api/v1/namespaces/default/pods', pod('b', undefined, {
      containers: [{ name: 'c', image: 'nginx:1.7.9', imagePullPolicy: 'Never' }],
      initContainers: [{ name: 'i', image: 'busybox', imagePullPolicy: 'IfNotPresent' }],
    }));
    expect(on.status).toBe(201);
    expect(on.body.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(on.body.spec.initContainers[0].imagePullPolicy).toBe('Always');
  });
});

describe('the admission chain', () => {
  it('AlwaysDeny refuses every write, reads still work', async () => {
    t = await newAdmissionServer({ admissionOptions: { enableAdmissionPlugins: ['AlwaysDeny'] } }, []);
    const res = await t.json('POST', '/api/v1/namespaces', { metadata: { name: 'x' } });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('namespaces "x" is forbidden: admission control is denying all modifications');
    expect((await t.json('GET', '/api/v1/namespaces')).status).toBe(200);
  });

  it('NamespaceExists refuses objects in a missing namespace under --admission-control', async () => {
    t = await newAdmissionServer({ admissionOptions: { admissionControl: ['NamespaceExists'] } });
    const res = await t.json('POST', '/api/v1/namespaces/nope/configmaps', { metadata: { name: 'c' } });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('namespaces "nope" not found');
  });

  it('runs every mutating phase before any validating one, extra plugins last', async () => {
    const seen: string[] = [];
    const probe: Plugin = {
      name: 'Probe',
      handles: () => true,
      admit: (a) => void seen.push(`admit:${(a.object?.spec as { tolerations?: unknown[] })?.tolerations?.length ?? 0}`),
      validate: () => void seen.push('validate'),
    };
    t = await newAdmissionServer({ admission: [probe] });
    seen.length = 0;
    await t.json('POST', '/api/v1/namespaces/default/pods', pod('x'));
    expect(seen).toEqual(['admit:2', 'validate']);
  });
});
