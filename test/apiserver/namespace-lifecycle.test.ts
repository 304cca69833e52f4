import { describe, it, expect, afterEach } from 'vitest';
import { allResources } from '../../engine/apiserver/registry/all-resources.js';
import { newTestServer, type TestServer } from '../../engine/apiserver/testing/test-server.js';

let t: TestServer;
afterEach(async () => t?.close());

async function setup() {
  t = await newTestServer(allResources());
  for (const ns of ['default', 'dev']) {
    expect((await t.json('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })).status).toBe(201);
  }
}

const finalize = (name: string, finalizers: string[], extra: Record<string, unknown> = {}) =>
  t.json('PUT', `/api/v1/namespaces/${name}/finalize`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...extra }, spec: { finalizers } });

describe('namespace deletion', () => {
  it('marks the namespace Terminating on the first DELETE and keeps it', async () => {
    await setup();
    t.clock.step(5000);
    const r = await t.json('DELETE', '/api/v1/namespaces/dev');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      kind: 'Namespace',
      metadata: { name: 'dev', deletionTimestamp: '2026-01-01T00:00:05Z' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Terminating' },
    });
    const got = await t.json('GET', '/api/v1/namespaces/dev');
    expect(got.status).toBe(200);
    expect(got.body.status.phase).toBe('Terminating');
  });

  it('refuses new content in a terminating namespace', async () => {
    await setup();
    await t.json('DELETE', '/api/v1/namespaces/dev');
    const r = await t.json('POST', '/api/v1/namespaces/dev/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(r.status).toBe(403);
    expect(r.body.reason).toBe('Forbidden');
    expect(r.body.message).toBe('configmaps "c" is forbidden: unable to create new content in namespace dev because it is being terminated');
  });

  it('answers a second DELETE with the unchanged namespace', async () => {
    await setup();
    const first = await t.json('DELETE', '/api/v1/namespaces/dev');
    t.clock.step(60_000);
    const second = await t.json('DELETE', '/api/v1/namespaces/dev');
    expect(second.status).toBe(200);
    expect(second.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
    expect(second.body.metadata.deletionTimestamp).toBe(first.body.metadata.deletionTimestamp);
  });

  it('removes the namespace when finalize empties spec.finalizers', async () => {
    await setup();
    await t.json('DELETE', '/api/v1/namespaces/dev');
    const r = await finalize('dev', []);
    expect(r.status).toBe(200);
    expect(r.body.metadata.name).toBe('dev');
    expect((await t.json('GET', '/api/v1/namespaces/dev')).status).toBe(404);
  });

  it('waits for metadata finalizers after the spec ones are gone', async () => {
    await setup();
    const r = await t.json('DELETE', '/api/v1/namespaces/dev?propagationPolicy=Orphan');
    expect(r.body.metadata.finalizers).toEqual(['orphan']);
    await finalize('dev', []);
    const kept = await t.json('GET', '/api/v1/namespaces/dev');
    expect(kept.status).toBe(200);
    expect(kept.body.spec.finalizers).toBeUndefined();
    const patched = await t.json('PATCH', '/api/v1/namespaces/dev', { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(patched.status).toBe(200);
    expect((await t.json('GET', '/api/v1/namespaces/dev')).status).toBe(404);
  });

  it('removes a terminating namespace whose spec finalizers are gone on the next DELETE', async () => {
    await setup();
    await finalize('dev', []);
    expect((await t.json('GET', '/api/v1/namespaces/dev')).body.spec.finalizers).toBeUndefined();
    expect((await t.json('DELETE', '/api/v1/namespaces/dev')).body.status.phase).toBe('Terminating');
    const gone = await t.json('DELETE', '/api/v1/namespaces/dev');
    expect(gone.status).toBe(200);
    expect(gone.body.kind).toBe('Namespace');
    expect((await t.json('GET', '/api/v1/namespaces/dev')).status).toBe(404);
  });
});

describe('namespaces/finalize', () => {
  it('changes only spec.finalizers', async () => {
    await setup();
    const r = await finalize('dev', ['example.com/cleanup'], { labels: { team: 'a' } });
    expect(r.status).toBe(200);
    expect(r.body.spec.finalizers).toEqual(['example.com/cleanup']);
    expect(r.body.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(r.body.status.phase).toBe('Active');
    // A plain update cannot change them back.
    const cur = (await t.json('GET', '/api/v1/namespaces/dev')).body;
    const put = await t.json('PUT', '/api/v1/namespaces/dev', { ...cur, spec: { finalizers: ['kubernetes'] } });
    expect(put.body.spec.finalizers).toEqual(['example.com/cleanup']);
  });

  it.each([
    ['an unknown short name', ['foo'], 'Namespace "dev" is invalid: spec.finalizers[0]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified'],
    ['a bad qualified name', ['a/b/c'], `Namespace "dev" is invalid: spec.finalizers[0]: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
  ])('rejects %s', async (_name, finalizers, message) => {
    await setup();
    const r = await finalize('dev', finalizers);
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(message);
  });

  it('serves only PUT', async () => {
    await setup();
    expect((await t.json('GET', '/api/v1/namespaces/dev/finalize')).status).toBe(405);
  });

  it('is listed by discovery beside namespaces/status', async () => {
    await setup();
    const resources = (await t.json('GET', '/api/v1')).body.resources;
    expect(resources.find((r: any) => r.name === 'namespaces/finalize')).toEqual({ name: 'namespaces/finalize', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['update'] });
    expect(resources.find((r: any) => r.name === 'namespaces/status')).toMatchObject({ kind: 'Namespace', verbs: ['get', 'patch', 'update'] });
    expect(resources.find((r: any) => r.name === 'pods/finalize')).toBeUndefined();
  });
});

describe('ReturnDeletedObject', () => {
  it.each([
    ['configmaps', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, 'Status'],
    ['services', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 80 }] } }, 'Service'],
    ['serviceaccounts', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x' } }, 'ServiceAccount'],
    ['secrets', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } }, 'Status'],
  ])('DELETE of %s answers with a %s', async (_name, path, body, kind) => {
    await setup();
    expect((await t.json('POST', path, body)).status).toBe(201);
    const r = await t.json('DELETE', `${path}/x`);
    expect(r.status).toBe(200);
    expect(r.body.kind).toBe(kind);
  });
});

describe('create fills system fields before the strategy', () => {
  it("builds a Job's selector and template labels on its real uid", async () => {
    await setup();
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
    };
    const r = await t.json('POST', '/apis/batch/v1/namespaces/default/jobs', job);
    expect(r.status).toBe(201);
    const uid = r.body.metadata.uid;
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.spec.selector.matchLabels).toEqual({ 'batch.kubernetes.io/controller-uid': uid });
    expect(r.body.spec.template.metadata.labels).toMatchObject({ 'controller-uid': uid, 'batch.kubernetes.io/controller-uid': uid, 'job-name': 'pi' });
  });

  it('labels a namespace with its generated name', async () => {
    await setup();
    const r = await t.json('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'tmp-' } });
    expect(r.status).toBe(201);
    expect(r.body.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': r.body.metadata.name });
  });
});
