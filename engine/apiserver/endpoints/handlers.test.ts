import { describe, it, expect, afterEach } from 'vitest';
import { parse as parseYAML } from 'yaml';
import { newFixtureServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
afterEach(async () => t?.close());
const base = '/api/v1/namespaces/default/configmaps';
async function setup(extra = {}) {
  t = await newFixtureServer(['default'], extra);
  return t;
}

describe('request decoding', () => {
  it.each([
    ['malformed JSON', '{"metadata": ', 'application/json', 400, 'the object provided is unrecognized (must be of type ConfigMap): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"metadata": )'],
    ['malformed YAML', 'metadata:\n  name: [a\n', 'application/yaml', 400, /^the object provided is unrecognized \(must be of type ConfigMap\): error converting YAML to JSON: yaml: /],
    ['wrong apiVersion', '{"apiVersion":"apps/v1","kind":"ConfigMap","metadata":{"name":"a"}}', 'application/json', 400, 'the API version in the data (apps/v1) does not match the expected API version (v1)'],
    ['wrong kind', '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a"}}', 'application/json', 400, /^Secret in version "v1" cannot be handled as a ConfigMap: /],
    ['unknown content type', 'x', 'text/plain', 415, /^the body of the request was in an unknown format/],
  ])('%s', async (_n, body, type, code, message) => {
    await setup();
    const r = await t.json('POST', base, body, { 'Content-Type': type });
    expect(r.status).toBe(code);
    expect(r.body.kind).toBe('Status');
    if (typeof message === 'string') expect(r.body.message).toBe(message);
    else expect(r.body.message).toMatch(message);
  });

  it('accepts YAML bodies and answers YAML when asked', async () => {
    await setup();
    const res = await t.call('POST', base, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  k: v\n', { 'Content-Type': 'application/yaml', Accept: 'application/yaml' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/yaml');
    expect(parseYAML(await res.text()).data).toEqual({ k: 'v' });
  });

  it('rejects bodies over 3 MiB with 413', async () => {
    await setup();
    const r = await t.json('POST', base, JSON.stringify({ metadata: { name: 'big' }, data: { k: 'x'.repeat(3 * 1024 * 1024) } }));
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' });
  });

  it('reports duplicate fields per fieldValidation', async () => {
    await setup();
    const body = '{"metadata":{"name":"d"},"data":{"a":"1"},"data":{"b":"2"}}';
    const strict = await t.json('POST', `${base}?fieldValidation=Strict`, body);
    expect(strict.status).toBe(400);
    expect(strict.body.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field "data"');
    const warn = await t.json('POST', `${base}?fieldValidation=Warn`, body);
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toBe('299 - "duplicate field \\"data\\""');
    const ignore = await t.json('POST', `${base}?fieldValidation=Ignore`, body.replace('"d"', '"e"'));
    expect(ignore.headers.get('warning')).toBeNull();
  });
});

describe('Table output', () => {
  it('prints get and list as meta.k8s.io/v1 Tables with PartialObjectMetadata rows', async () => {
    await setup();
    await t.json('POST', base, { metadata: { name: 'a' }, data: { x: '1', y: '2' } });
    const accept = { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' };
    const list = await t.json('GET', `${base}?limit=500`, undefined, accept);
    expect(list.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', columnDefinitions: [{ name: 'Name' }, { name: 'Data' }] });
    expect(list.body.rows[0].cells).toEqual(['a', 2]);
    expect(list.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'a' } });
    const one = await t.json('GET', `${base}/a?includeObject=None`, undefined, accept);
    expect(one.body.rows[0].object).toBeUndefined();
    expect((await t.json('GET', base, undefined, { Accept: 'application/vnd.kubernetes.protobuf' })).status).toBe(406);
  });
});

describe('PATCH', () => {
  it.each([
    ['application/merge-patch+json', { data: { b: '2' } }, { a: '1', b: '2' }],
    ['application/strategic-merge-patch+json', { data: { a: null } }, {}],
    ['application/json-patch+json', [{ op: 'add', path: '/data/c', value: '3' }], { a: '1', c: '3' }],
  ])('%s', async (type, patch, data) => {
    await setup();
    await t.json('POST', base, { metadata: { name: 'p' }, data: { a: '1' } });
    const r = await t.json('PATCH', `${base}/p`, patch, { 'Content-Type': type });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual(data);
  });

  it('answers 422 for a failing JSON patch test and 404 for a missing object', async () => {
    await setup();
    await t.json('POST', base, { metadata: { name: 'p' }, data: { a: '1' } });
    const r = await t.json('PATCH', `${base}/p`, [{ op: 'test', path: '/data/a', value: '2' }], { 'Content-Type': 'application/json-patch+json' });
    expect(r.status).toBe(422);
    const missing = await t.json('PATCH', `${base}/none`, {}, { 'Content-Type': 'application/merge-patch+json' });
    expect(missing.status).toBe(404);
  });

  it('server-side apply creates, records the manager, and reports conflicts unless forced', async () => {
    await setup();
    const apply = (mgr: string, data: Record<string, string>, force = false) =>
      t.json('PATCH', `${base}/s?fieldManager=${mgr}${force ? '&force=true' : ''}`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n${Object.keys(data).length ? 'data:\n' : ''}${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"\n`).join('')}`, { 'Content-Type': 'application/apply-patch+yaml' });
    const created = await apply('alice', { a: '1', b: '1' });
    expect(created.status).toBe(201);
    expect(created.body.metadata.managedFields[0]).toMatchObject({ manager: 'alice', operation: 'Apply', fieldsV1: { 'f:data': { 'f:a': {}, 'f:b': {} } } });
    const conflict = await apply('bob', { a: '2' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toBe('Apply failed with 1 conflict: conflict with "alice": .data.a');
    const forced = await apply('bob', { a: '2' }, true);
    expect(forced.body.data).toEqual({ a: '2', b: '1' });
    // alice stops applying b: it is removed; a is bob's now.
    const dropped = await apply('alice', {});
    expect(dropped.body.data).toEqual({ a: '2' });
    const noManager = await t.json('PATCH', `${base}/s`, 'metadata:\n  name: s\n', { 'Content-Type': 'application/apply-patch+yaml' });
    expect(noManager.status).toBe(400);
  });
});

describe('subresources', () => {
  it('scale reads and writes spec.replicas through autoscaling/v1 Scale', async () => {
    await setup();
    const w = '/apis/example.com/v1/namespaces/default/widgets/w';
    await t.json('POST', '/apis/example.com/v1/namespaces/default/widgets', { metadata: { name: 'w' }, spec: { replicas: 1 } });
    const s = await t.json('GET', `${w}/scale`);
    expect(s.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { replicas: 0, selector: 'app=w' } });
    const put = await t.json('PUT', `${w}/scale`, { ...s.body, spec: { replicas: 4 } });
    expect(put.body.spec.replicas).toBe(4);
    const patched = await t.json('PATCH', `${w}/scale`, { spec: { replicas: 2 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(patched.body.spec.replicas).toBe(2);
    expect((await t.json('GET', w)).body.spec.replicas).toBe(2);
    const bad = await t.json('PUT', `${w}/scale`, { ...s.body, metadata: { name: 'w' }, spec: { replicas: -1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('Scale.autoscaling "w" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });
});

describe('authentication, discovery and health', () => {
  it('the secure handler wants a known bearer token', async () => {
    await setup({ tokens: [{ token: 's3cret', user: 'admin' }] });
    const ask = (auth?: string) => t.server.secureHandler(new Request(`http://x${base}`, { headers: auth ? { Authorization: auth } : {} }));
    const denied = await ask();
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
    expect((await ask('Bearer nope')).status).toBe(401);
    expect((await ask('Bearer s3cret')).status).toBe(200);
    expect((await t.server.secureHandler(new Request('http://x/healthz'))).status).toBe(200);
  });

  it('serves /version, /api, /apis and resource lists with subresources', async () => {
    await setup();
    expect((await t.json('GET', '/version')).body.gitVersion).toBe('v1.32.0-kubelab');
    expect((await t.json('GET', '/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apis = (await t.json('GET', '/apis')).body;
    expect(apis).toMatchObject({ kind: 'APIGroupList', groups: [{ name: 'example.com', preferredVersion: { groupVersion: 'example.com/v1' } }] });
    const aggregated = (await t.json('GET', '/apis', undefined, { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' })).body;
    expect(aggregated).toMatchObject({ kind: 'APIGroupDiscoveryList', items: [{ metadata: { name: 'example.com' }, versions: [{ version: 'v1' }] }] });
    const rl = (await t.json('GET', '/apis/example.com/v1')).body;
    expect(rl.resources.map((r: any) => r.name)).toEqual(['widgets', 'widgets/scale', 'widgets/status']);
    expect(rl.resources[1]).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    const core = (await t.json('GET', '/api/v1')).body;
    expect(core.resources.find((r: any) => r.name === 'configmaps')).toMatchObject({ singularName: 'configmap', namespaced: true, kind: 'ConfigMap', shortNames: ['cm'] });
    expect(await (await t.call('GET', '/healthz')).text()).toBe('ok');
    expect((await t.json('GET', '/apis/nope/v1')).status).toBe(404);
    expect((await t.json('GET', '/api/v1/namespaces/default/nothings')).status).toBe(404);
  });

  it('serves OpenAPI v3 with fieldValidation on PATCH operations', async () => {
    await setup();
    const index = (await t.json('GET', '/openapi/v3')).body;
    expect(index.paths['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{32}$/);
    const doc = (await t.json('GET', index.paths['api/v1'].serverRelativeURL)).body;
    const op = doc.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'].patch;
    expect(op['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'ConfigMap' });
    expect(op['x-kubernetes-action']).toBe('patch');
    expect(op.parameters.some((p: any) => p.name === 'fieldValidation' && p.in === 'query')).toBe(true);
    expect((await t.json('GET', '/openapi/v2')).status).toBe(404);
  });
});
