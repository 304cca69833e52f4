// ServiceAccount admission through the API server: the default account, the API access volume,
// and the refusals with upstream's messages.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../../engine/apiserver/testing/test-server.js';
import type { APIServerConfig } from '../../engine/apiserver/server/config.js';
import { newAdmissionServer, pod } from './helpers.js';

let t: TestServer;
afterEach(async () => t?.close());

const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

async function server(accounts: Record<string, unknown>[] = [{ metadata: { name: 'default' } }], extra: Partial<APIServerConfig> = {}) {
  t = await newAdmissionServer(extra);
  for (const sa of accounts) expect((await t.json('POST', '/api/v1/namespaces/default/serviceaccounts', sa)).status).toBe(201);
}

const create = (body: unknown) => t.json('POST', '/api/v1/namespaces/default/pods', body);

describe('ServiceAccount admission', () => {
  it('runs pods as "default" and mounts the projected API access volume in every container', async () => {
    await server();
    const res = await create(pod('web', { web: undefined, side: undefined }, { initContainers: [{ name: 'init', image: 'busybox' }] }));
    expect(res.status).toBe(201);
    const spec = res.body.spec;
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.serviceAccount).toBe('default');
    expect(spec.volumes).toHaveLength(1);
    const volume = spec.volumes[0];
    expect(volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    for (const c of [...spec.containers, ...spec.initContainers]) {
      expect(c.volumeMounts).toEqual([{ name: volume.name, readOnly: true, mountPath }]);
    }
  });

  it('refuses a pod whose named account does not exist', async () => {
    await server();
    const res = await create(pod('x', undefined, { serviceAccountName: 'foo' }));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      reason: 'Forbidden',
      message: 'pods "x" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found',
      details: { name: 'x', kind: 'pods' },
    });
  });

  it('admits a pod whose "default" account is missing, without a token, unless told to require it', async () => {
    await server([]);
    const res = await create(pod('x'));
    expect(res.status).toBe(201);
    expect(res.body.spec.serviceAccountName).toBe('default');
    expect(res.body.spec.volumes).toBeUndefined();
    await t.close();
    await server([], { admissionOptions: { serviceAccount: { requireDefaultServiceAccount: true } } });
    const strict = await create(pod('x'));
    expect(strict.status).toBe(403);
    expect(strict.body.message).toBe('pods "x" is forbidden: error looking up service account default/default: serviceaccount "default" not found');
  });

  it('lets named accounts be missing when requireServiceAccount is off', async () => {
    await server([], { admissionOptions: { serviceAccount: { requireServiceAccount: false } } });
    const res = await create(pod('x', undefined, { serviceAccountName: 'foo' }));
    expect(res.status).toBe(201);
    expect(res.body.spec.serviceAccountName).toBe('foo');
  });

  const automount: [string, boolean | undefined, boolean | undefined, boolean][] = [
    ['neither says: mount', undefined, undefined, true],
    ['account opts out', false, undefined, false],
    ['pod opts back in', false, true, true],
    ['pod opts out', true, false, false],
  ];
  it.each(automount)('automount: %s', async (_name, onAccount, onPod, mounted) => {
    await server([{ metadata: { name: 'default' }, ...(onAccount === undefined ? {} : { automountServiceAccountToken: onAccount }) }]);
    const res = await create(pod('x', undefined, onPod === undefined ? {} : { automountServiceAccountToken: onPod }));
    expect(res.status).toBe(201);
    expect((res.body.spec.volumes ?? []).length).toBe(mounted ? 1 : 0);
  });

  it('skips containers that already mount something at the token path, and copies imagePullSecrets', async () => {
    await server([{ metadata: { name: 'builder' }, imagePullSecrets: [{ name: 'registry' }] }]);
    const body = pod('x', { own: undefined, plain: undefined }, { serviceAccountName: 'builder', volumes: [{ name: 'mine', emptyDir: {} }] });
    (body.spec.containers[0] as Record<string, unknown>).volumeMounts = [{ name: 'mine', mountPath }];
    const res = await create(body);
    expect(res.status).toBe(201);
    expect(res.body.spec.containers[0].volumeMounts).toEqual([{ name: 'mine', mountPath }]);
    expect(res.body.spec.containers[1].volumeMounts[0].mountPath).toBe(mountPath);
    expect(res.body.spec.volumes.map((v: { name: string }) => v.name)).toEqual(['mine', res.body.spec.containers[1].volumeMounts[0].name]);
    expect(res.body.spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
  });

  it('keeps mirror pods unchanged and refuses mirror pods that name an account', async () => {
    await server();
    const mirror = (name: string, spec = {}) => ({ ...pod(name, undefined, spec), metadata: { name, annotations: { 'kubernetes.io/config.mirror': 'hash' } } });
    const ok = await create(mirror('static-web'));
    expect(ok.status).toBe(201);
    expect(ok.body.spec.serviceAccountName).toBeUndefined();
    const bad = await create(mirror('static-bad', { serviceAccountName: 'default' }));
    expect(bad.status).toBe(403);
    expect(bad.body.message).toBe('pods "static-bad" is forbidden: a mirror pod may not reference service accounts');
  });
});
