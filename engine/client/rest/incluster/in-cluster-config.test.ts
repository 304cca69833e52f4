import { describe, it, expect } from 'vitest';
import { FakeNetwork } from '../../../images/testing/fake-net.js';
import { VirtualClock } from '../../../util/clock.js';
import { errNotInCluster, inClusterConfig, inClusterNamespace, tokenFile, withBearerToken } from './in-cluster-config.js';

function ctx(env: Record<string, string>, files: Record<string, string>) {
  const net = new FakeNetwork(new VirtualClock(0)).stack('10.0.0.2');
  return { env, net, fs: { readText: (p: string) => { if (!(p in files)) throw new Error('ENOENT'); return files[p]!; } } };
}

describe('inClusterConfig', () => {
  const env = { KUBERNETES_SERVICE_HOST: '10.254.0.1', KUBERNETES_SERVICE_PORT: '443' };
  it('builds the host from the service variables, as client-go does', () => {
    expect(inClusterConfig(ctx(env, { [tokenFile]: 'tok\n' })).host).toBe('https://10.254.0.1:443');
  });
  const failures: { name: string; env: Record<string, string>; files: Record<string, string>; want: string }[] = [
    { name: 'no service variables', env: {}, files: { [tokenFile]: 't' }, want: errNotInCluster },
    { name: 'no port', env: { KUBERNETES_SERVICE_HOST: '10.254.0.1' }, files: { [tokenFile]: 't' }, want: errNotInCluster },
    { name: 'no token mounted', env, files: {}, want: `open ${tokenFile}: no such file or directory` },
  ];
  for (const f of failures) it(`fails: ${f.name}`, () => expect(() => inClusterConfig(ctx(f.env, f.files))).toThrow(f.want));

  it('reads the namespace file, defaulting to "default"', () => {
    expect(inClusterNamespace(ctx(env, { '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'kube-system' }))).toBe('kube-system');
    expect(inClusterNamespace(ctx(env, {}))).toBe('default');
  });

  it('withBearerToken sends the current token unless the request carries its own', async () => {
    let token = 'one';
    const seen: (string | null)[] = [];
    const t = withBearerToken(async (r) => (seen.push(r.headers.get('authorization')), new Response('')), () => token);
    await t(new Request('http://x/'));
    token = 'two';
    await t(new Request('http://x/'));
    await t(new Request('http://x/', { headers: { Authorization: 'Bearer mine' } }));
    expect(seen).toEqual(['Bearer one', 'Bearer two', 'Bearer mine']);
  });
});
