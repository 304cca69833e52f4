import { afterEach, describe, expect, it } from 'vitest';
import { allResources } from '../registry/all-resources.js';
import { newTestServer, type TestServer } from '../testing/test-server.js';
import { legacyToken, b64 } from '../../controller/serviceaccount/legacy-token.js';
import { apiIssuer, signature } from './serviceaccount.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const b64url = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** bound builds a token in the kubelet's projected format; sign=false spoils the signature. */
function bound(claims: Record<string, unknown>, sign = true): string {
  const h = b64url(JSON.stringify({ alg: 'RS256', kid: 'kubelab' }));
  const p = b64url(JSON.stringify({ iss: apiIssuer, aud: [apiIssuer], ...claims }));
  return `${h}.${p}.${sign ? signature(`${h}.${p}`) : 'bad'}`;
}

async function server(): Promise<TestServer> {
  const s = await newTestServer(allResources(), { tokens: [{ token: 'admin-token', user: 'admin', groups: ['system:masters'] }] });
  await s.json('POST', '/api/v1/namespaces', { metadata: { name: 'default' } });
  await s.json('POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder' } });
  return s;
}

/** whoami asks the secure side, with a token, who it is (the answer echoes the authenticated user in 403s). */
async function ask(s: TestServer, token?: string): Promise<{ status: number; body: any }> {
  const res = await s.server.secureHandler(new Request('http://x/api/v1/namespaces/default/configmaps', { headers: token ? { Authorization: `Bearer ${token}` } : {} }));
  return { status: res.status, body: await res.json() };
}

describe('service account tokens in the API server', () => {
  it('authenticates a bound token as system:serviceaccount:<ns>:<name> with the service account groups', async () => {
    const users: { name: string; groups: string[] }[] = [];
    t = await newTestServer(allResources(), { authorizer: { authorize: (user) => (users.push(user), { decision: 'Allow', reason: '' }) } });
    await t.json('POST', '/api/v1/namespaces', { metadata: { name: 'default' } });
    await t.json('POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder' } });
    const res = await ask(t, bound({ sub: 'system:serviceaccount:default:builder' }));
    expect(res.status).toBe(200);
    expect(users.at(-1)).toMatchObject({ name: 'system:serviceaccount:default:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] });
  });

  it('accepts the token secret the token controller writes, while the secret holds that token', async () => {
    t = await server();
    const sa = (await t.json('GET', '/api/v1/namespaces/default/serviceaccounts/builder')).body;
    const token = legacyToken('default', 'builder', sa.metadata.uid, 'builder-token-abcde');
    await t.json('POST', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { name: 'builder-token-abcde', annotations: { 'kubernetes.io/service-account.name': 'builder' } }, data: { token: b64(token) } });
    expect((await ask(t, token)).status).toBe(200);
    await t.json('DELETE', '/api/v1/namespaces/default/secrets/builder-token-abcde');
    expect((await ask(t, token)).status).toBe(401);
  });

  const refused: [string, (uid: string) => string][] = [
    ['a bad signature', () => bound({ sub: 'system:serviceaccount:default:builder' }, false)],
    ['an account that does not exist', () => bound({ sub: 'system:serviceaccount:default:ghost' })],
    ['another audience', () => bound({ sub: 'system:serviceaccount:default:builder', aud: ['vault'] })],
    ['a pod that is gone', () => bound({ sub: 'system:serviceaccount:default:builder', 'kubernetes.io': { pod: { name: 'gone', uid: 'x' } } })],
    ['a stale account uid', () => bound({ sub: 'system:serviceaccount:default:builder', 'kubernetes.io': { serviceaccount: { name: 'builder', uid: 'old' } } })],
    ['a legacy token whose secret never existed', (uid) => legacyToken('default', 'builder', uid, 'builder-token-zzzzz')],
    ['something that is not a token', () => 'not-a-token'],
  ];
  it.each(refused)('answers 401 for %s', async (_name, token) => {
    t = await server();
    const sa = (await t.json('GET', '/api/v1/namespaces/default/serviceaccounts/builder')).body;
    const res = await ask(t, token(sa.metadata.uid));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401, message: 'Unauthorized' });
  });

  it('stops accepting tokens of a deleted account', async () => {
    t = await server();
    const token = bound({ sub: 'system:serviceaccount:default:builder' });
    expect((await ask(t, token)).status).toBe(200);
    await t.json('DELETE', '/api/v1/namespaces/default/serviceaccounts/builder');
    expect((await ask(t, token)).status).toBe(401);
  });

  it('checks a pod-bound token against the pod and its uid', async () => {
    t = await server();
    const pod = (await t.json('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { serviceAccountName: 'builder', containers: [{ name: 'c', image: 'busybox' }] } })).body;
    const sub = 'system:serviceaccount:default:builder';
    expect((await ask(t, bound({ sub, 'kubernetes.io': { pod: { name: 'web', uid: pod.metadata.uid } } }))).status).toBe(200);
    expect((await ask(t, bound({ sub, 'kubernetes.io': { pod: { name: 'web', uid: 'another-uid' } } }))).status).toBe(401);
  });

  it('still takes the static tokens, and nothing without a token', async () => {
    t = await server();
    expect((await ask(t, 'admin-token')).status).toBe(200);
    expect((await ask(t)).status).toBe(401);
  });
});
