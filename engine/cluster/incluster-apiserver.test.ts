import { describe, it, expect } from 'vitest';
import { sha256Hex } from '../images/lib/sha256.js';
import { secureHandler, verifyServiceAccountToken } from './incluster-apiserver.js';

const b64url = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
function token(claims: object, sign = true): string {
  const h = b64url(JSON.stringify({ alg: 'RS256', kid: 'kubelab' }));
  const p = b64url(JSON.stringify(claims));
  return `${h}.${p}.${sign ? b64url(sha256Hex(`${h}.${p}`)) : 'bad'}`;
}
const iss = 'https://kubernetes.default.svc.cluster.local';

describe('verifyServiceAccountToken', () => {
  const cases: { name: string; token: string; want?: string }[] = [
    { name: 'bound pod token', token: token({ iss, sub: 'system:serviceaccount:kube-system:coredns', 'kubernetes.io': { pod: { name: 'coredns-1' } } }), want: 'system:serviceaccount:kube-system:coredns' },
    { name: 'expired token is still accepted (extended expiry)', token: token({ iss, sub: 'system:serviceaccount:default:default', exp: 1 }), want: 'system:serviceaccount:default:default' },
    { name: 'bad signature', token: token({ iss, sub: 'system:serviceaccount:default:default' }, false) },
    { name: 'other issuer', token: token({ iss: 'https://evil', sub: 'system:serviceaccount:default:default' }) },
    { name: 'not a service account', token: token({ iss, sub: 'admin' }) },
    { name: 'not a JWT', token: 'abc' },
  ];
  for (const c of cases) it(c.name, () => expect(verifyServiceAccountToken(c.token)?.username).toBe(c.want));
});

describe('secureHandler', () => {
  const plane = {
    apiserver: {
      handler: async () => new Response('trusted'),
      secureHandler: async () => new Response('token-file', { status: 401 }),
    },
  } as unknown as Parameters<typeof secureHandler>[0];
  it('serves service account tokens and hands everything else to the token-file authenticator', async () => {
    const ok = await secureHandler(plane)(new Request('http://x/api', { headers: { Authorization: `Bearer ${token({ iss, sub: 'system:serviceaccount:a:b' })}` } }));
    expect(await ok.text()).toBe('trusted');
    const anon = await secureHandler(plane)(new Request('http://x/api'));
    expect(anon.status).toBe(401);
  });
});
