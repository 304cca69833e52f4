import { describe, it, expect, afterEach } from 'vitest';
import { newTestServer, type TestServer } from '../../testing/test-server.js';
import { allResources } from '../../registry/all-resources.js';
import { kubectlBodies } from '../../../api/protobuf/testdata/kubectl-bodies.js';
import { Writer, envelope } from '../../../apimachinery/runtime/serializer/protobuf/writer.js';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
// client-go's typed clients ask for protobuf first and JSON second.
const ACCEPT = 'application/vnd.kubernetes.protobuf,application/json';

let t: TestServer;
afterEach(async () => t?.close());

async function setup() {
  t = await newTestServer(allResources());
  await t.json('POST', '/api/v1/namespaces', { metadata: { name: 'default' } });
  return t;
}

async function send(method: string, path: string, body: Uint8Array, type = PROTOBUF) {
  const res = await t.server.handler(
    new Request(`http://kubelab.test${path}`, { method, body: new Uint8Array(body), headers: { 'Content-Type': type, Accept: ACCEPT } }),
  );
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
}

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** pathOf is the collection a kubectl create body is POSTed to. */
function pathOf(obj: { apiVersion: string; kind: string }): string {
  const resource = { Namespace: 'namespaces', ConfigMap: 'configmaps', Secret: 'secrets', Service: 'services', ServiceAccount: 'serviceaccounts', ResourceQuota: 'resourcequotas', Deployment: 'deployments', Job: 'jobs', CronJob: 'cronjobs' }[obj.kind]!;
  const prefix = obj.apiVersion === 'v1' ? '/api/v1' : `/apis/${obj.apiVersion}`;
  return obj.kind === 'Namespace' ? `${prefix}/${resource}` : `${prefix}/namespaces/default/${resource}`;
}

const configMap = (name: string, data: Record<string, string>) => {
  const w = new Writer().bytes(1, new Writer().string(1, name));
  for (const [k, v] of Object.entries(data)) w.mapEntry(2, k, v);
  return w;
};

describe('protobuf request bodies', () => {
  it.each(kubectlBodies.map((b) => [b.command, b] as const))('%s is created and answered in JSON', async (_, b) => {
    await setup();
    const json = b.json as { apiVersion: string; kind: string; metadata: { name: string } };
    const res = await send('POST', `${pathOf(json)}?fieldManager=kubectl-create&fieldValidation=Strict`, fromBase64(b.body));
    expect(res.status).toBe(201);
    expect(res.type).toBe('application/json');
    expect(res.body).toMatchObject({ apiVersion: json.apiVersion, kind: json.kind, metadata: { name: json.metadata.name } });
  });

  it('stores what the body says: replicas, template and labels of a Deployment', async () => {
    await setup();
    const b = kubectlBodies.find((x) => x.command.startsWith('kubectl create deployment web'))!;
    await send('POST', '/apis/apps/v1/namespaces/default/deployments', fromBase64(b.body));
    const got = await t.json('GET', '/apis/apps/v1/namespaces/default/deployments/web');
    expect(got.body.spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: 'web' } } });
    expect(got.body.spec.template.spec.containers).toMatchObject([{ name: 'nginx', image: 'nginx:1.27' }]);
  });

  it('keeps Secret data as the base64 strings JSON has', async () => {
    await setup();
    const b = kubectlBodies.find((x) => x.command.startsWith('kubectl create secret generic'))!;
    await send('POST', '/api/v1/namespaces/default/secrets', fromBase64(b.body));
    const got = await t.json('GET', '/api/v1/namespaces/default/secrets/db-pass');
    expect(atob(got.body.data.password)).toBe('s3cr3t!');
  });

  it('updates with PUT', async () => {
    await setup();
    await send('POST', '/api/v1/namespaces/default/configmaps', envelope('v1', 'ConfigMap', configMap('cm', { a: '1' })));
    const res = await send('PUT', '/api/v1/namespaces/default/configmaps/cm', envelope('v1', 'ConfigMap', configMap('cm', { a: '2' })));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ a: '2' });
  });

  it('reads DeleteOptions from a protobuf DELETE body', async () => {
    await setup();
    await t.json('POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'p' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] } });
    const options = new Writer().varint(1, 0).string(4, 'Background');
    const res = await send('DELETE', '/api/v1/namespaces/default/pods/p', envelope('v1', 'DeleteOptions', options));
    expect(res.status).toBe(200);
    // gracePeriodSeconds=0 deletes at once.
    expect((await t.json('GET', '/api/v1/namespaces/default/pods/p')).status).toBe(404);
  });

  it('evicts a pod with a protobuf Eviction', async () => {
    await setup();
    await t.json('POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const eviction = new Writer().bytes(1, new Writer().string(1, 'p').string(3, 'default')).bytes(2, new Writer().varint(1, 0));
    const res = await send('POST', '/api/v1/namespaces/default/pods/p/eviction', envelope('policy/v1', 'Eviction', eviction));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'Status', status: 'Success' });
    expect((await t.json('GET', '/api/v1/namespaces/default/pods/p')).status).toBe(404);
  });

  it.each([
    [
      'a body without the k8s prefix',
      () => new TextEncoder().encode('{}'),
      'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (7b7d)',
    ],
    [
      'a kind the server has no message for',
      () => envelope('v1', 'Widget', new Writer()),
      'Widget in version "v1" cannot be handled as a ConfigMap: no kind "Widget" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    ],
    [
      'another kind',
      () => envelope('v1', 'Secret', new Writer()),
      'Secret in version "v1" cannot be handled as a ConfigMap: converting (v1.Secret) to (core.ConfigMap): unknown conversion',
    ],
    [
      'a field with the wrong wire type',
      () => envelope('v1', 'ConfigMap', new Writer().varint(1, 7)),
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: proto: wrong wireType = 0 for field Metadata',
    ],
  ])('rejects %s with 400', async (_, body, message) => {
    await setup();
    const res = await send('POST', '/api/v1/namespaces/default/configmaps', body());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', message });
  });

  it('does not apply strict decoding to protobuf bodies, as upstream', async () => {
    await setup();
    // PodSpec field 40 (resources) is real upstream; fieldValidation=Strict must not turn it away.
    const spec = new Writer().bytes(2, new Writer().string(1, 'c').string(2, 'busybox')).bytes(40, new Writer());
    const pod = new Writer().bytes(1, new Writer().string(1, 'p')).bytes(2, spec);
    const res = await send('POST', '/api/v1/namespaces/default/pods?fieldValidation=Strict', envelope('v1', 'Pod', pod));
    expect(res.status).not.toBe(400);
  });

  it('still checks the fieldValidation value', async () => {
    await setup();
    const res = await send('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Loose', envelope('v1', 'ConfigMap', configMap('cm', {})));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('fieldValidation: Unsupported value: "Loose": supported values: "Ignore", "Strict", "Warn"');
  });

  it('never takes a protobuf patch', async () => {
    await setup();
    await send('POST', '/api/v1/namespaces/default/configmaps', envelope('v1', 'ConfigMap', configMap('cm', {})));
    const res = await send('PATCH', '/api/v1/namespaces/default/configmaps/cm', envelope('v1', 'ConfigMap', configMap('cm', { a: '1' })));
    expect(res.status).toBe(415);
  });
});
