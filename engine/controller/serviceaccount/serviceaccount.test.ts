import { describe, it, expect, afterEach } from 'vitest';
import { newHarness, type Harness } from '../../../test/support/controller-harness.js';
import { newServiceAccountsController } from './serviceaccounts-controller.js';
import { newTokensController } from './tokens-controller.js';

let h: Harness;
afterEach(async () => h?.close());

const decode = (b64: string) => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));

async function setup() {
  h = await newHarness();
  const f = h.factory;
  const sac = newServiceAccountsController(f.core().v1().serviceAccounts(), f.core().v1().namespaces(), h.cs, h.clock);
  let n = 0;
  const tc = newTokensController(f.core().v1().serviceAccounts(), f.core().v1().secrets(), h.cs, h.clock, { rootCA: 'PEM', randomSuffix: () => `x${String(n++).padStart(4, 'b')}` });
  f.start(h.signal);
  void sac.run(1, h.signal);
  void tc.run(1, h.signal);
}

describe('ServiceAccountsController and TokensController', () => {
  it('gives every namespace a default account with a referenced token secret', async () => {
    await setup();
    await h.cs.coreV1().namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const sa = await h.waitFor(async () => {
      const a = await h.cs.coreV1().serviceAccounts('team').get('default').catch(() => undefined);
      return a?.secrets?.length ? a : undefined;
    }, 'default account with token');
    expect(sa.secrets).toHaveLength(1);
    const secret = await h.cs.coreV1().secrets('team').get(sa.secrets![0]!.name!);
    expect(secret.metadata.name).toMatch(/^default-token-/);
    expect(secret.type).toBe('kubernetes.io/service-account-token');
    expect(secret.metadata.annotations).toEqual({ 'kubernetes.io/service-account.name': 'default', 'kubernetes.io/service-account.uid': sa.metadata.uid });
    expect(Object.keys(secret.data ?? {}).sort()).toEqual(['ca.crt', 'namespace', 'token']);
    expect(decode(secret.data!.namespace!)).toBe('team');
    expect(decode(secret.data!['ca.crt']!)).toBe('PEM');
    const [header, payload, signature] = decode(secret.data!.token!).split('.');
    expect(JSON.parse(atob(header!.replace(/-/g, '+').replace(/_/g, '/')))).toEqual({ alg: 'none', typ: 'JWT' });
    expect(JSON.parse(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')))).toMatchObject({ sub: 'system:serviceaccount:team:default', iss: 'kubernetes/serviceaccount' });
    expect(signature).toBe('');
  });

  it('recreates a deleted default account, replaces a deleted token and deletes tokens of deleted accounts', async () => {
    await setup();
    const first = await h.waitFor(async () => {
      const a = await h.cs.coreV1().serviceAccounts('default').get('default').catch(() => undefined);
      return a?.secrets?.length ? a : undefined;
    }, 'default account');
    const firstSecret = first.secrets![0]!.name!;
    await h.cs.coreV1().secrets('default').delete(firstSecret);
    const replaced = await h.waitFor(async () => {
      const a = await h.cs.coreV1().serviceAccounts('default').get('default');
      return a.secrets?.length === 1 && a.secrets[0]!.name !== firstSecret ? a : undefined;
    }, 'replacement token');
    await h.cs.coreV1().serviceAccounts('default').delete('default');
    await h.waitFor(() => h.cs.coreV1().secrets('default').get(replaced.secrets![0]!.name!).then(() => false, () => true), 'old token deleted');
    await h.waitFor(async () => (await h.cs.coreV1().serviceAccounts('default').get('default').catch(() => undefined))?.metadata.uid !== undefined, 'account recreated');
  });
});
