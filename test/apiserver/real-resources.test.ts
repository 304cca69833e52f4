import { describe, it, expect, afterEach } from 'vitest';
import { allResources } from '../../engine/apiserver/registry/all-resources.js';
import { newTestServer, readEvents, type TestServer } from '../../engine/apiserver/testing/test-server.js';

let t: TestServer;
afterEach(async () => t?.close());

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
});

async function setup() {
  t = await newTestServer(allResources());
  for (const ns of ['default', 'kube-system']) {
    const r = await t.json('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    expect(r.status).toBe(201);
  }
}

describe('pods with the real strategies', () => {
  it('binds once; a second binding is 409 with upstream wording', async () => {
    await setup();
    const created = await t.json('POST', '/api/v1/namespaces/default/pods?fieldValidation=Strict', pod('web'));
    expect(created.status).toBe(201);
    const bind = (node: string) => t.json('POST', '/api/v1/namespaces/default/pods/web/binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { kind: 'Node', name: node } });
    const ok = await bind('node-1');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    const bound = (await t.json('GET', '/api/v1/namespaces/default/pods/web')).body;
    expect(bound.spec.nodeName).toBe('node-1');
    expect(bound.status.conditions.find((c: any) => c.type === 'PodScheduled').status).toBe('True');
    const again = await bind('node-2');
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-1"');
  });

  it('field selectors on spec.nodeName; unknown pod fields fail strict decoding', async () => {
    await setup();
    await t.json('POST', '/api/v1/namespaces/default/pods', pod('a'));
    await t.json('POST', '/api/v1/namespaces/default/pods', pod('b'));
    await t.json('POST', '/api/v1/namespaces/default/pods/a/binding', { target: { name: 'n1' }, metadata: { name: 'a' } });
    const l = await t.json('GET', '/api/v1/pods?fieldSelector=spec.nodeName%3Dn1');
    expect(l.body.items.map((p: any) => p.metadata.name)).toEqual(['a']);
    const bad = pod('c') as any;
    bad.spec.containers[0].imagee = 'x';
    const r = await t.json('POST', '/api/v1/namespaces/default/pods?fieldValidation=Strict', bad);
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"');
  });

  it('evicts a scheduled pod gracefully and watchers see it', async () => {
    await setup();
    await t.json('POST', '/api/v1/namespaces/default/pods', pod('e'));
    await t.json('POST', '/api/v1/namespaces/default/pods/e/binding', { target: { name: 'n1' }, metadata: { name: 'e' } });
    const res = await t.call('GET', '/api/v1/namespaces/default/pods?watch=true&fieldSelector=metadata.name%3De');
    const ev = await t.json('POST', '/api/v1/namespaces/default/pods/e/eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'e' } });
    expect(ev.status).toBe(201);
    const events = await readEvents(res, 2);
    expect(events[1]!.type).toBe('MODIFIED');
    expect(events[1]!.object.metadata.deletionTimestamp).toBeDefined();
    await res.body!.cancel();
  });

  it('scales a deployment through deployments/scale and lists discovery subresources', async () => {
    await setup();
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    };
    expect((await t.json('POST', '/apis/apps/v1/namespaces/default/deployments', dep)).status).toBe(201);
    const s = await t.json('PATCH', '/apis/apps/v1/namespaces/default/deployments/d/scale', { spec: { replicas: 3 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(s.body).toMatchObject({ kind: 'Scale', spec: { replicas: 3 }, status: { selector: 'app=d' } });
    const core = (await t.json('GET', '/api/v1')).body.resources.map((r: any) => r.name);
    expect(core).toEqual(expect.arrayContaining(['pods', 'pods/status', 'pods/binding', 'pods/eviction', 'services', 'namespaces']));
    const apps = (await t.json('GET', '/apis/apps/v1')).body.resources;
    expect(apps.find((r: any) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
  });

  it('allocates service cluster IPs from 10.254.0.0/16', async () => {
    await setup();
    const svc = await t.json('POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(svc.status).toBe(201);
    expect(svc.body.spec.clusterIP).toMatch(/^10\.254\.\d+\.\d+$/);
  });
});
