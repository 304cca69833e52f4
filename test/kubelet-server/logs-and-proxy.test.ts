// The API server reaching the kubelets and the dataplane on an in-process cluster (virtual clock):
// pods/log through the node connection (plain and follow), and the proxy subresources of services,
// pods and nodes, whose requests go from the master's host network to the pods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../engine/api/core/v1/types.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { Scenario } from '../scenarios/harness.js';

const base = 'http://127.0.0.1:8080';

describe('kubelet server through the API server', () => {
  let s: Scenario;
  let talker: Pod;
  let nginx: Pod;
  const get = (path: string, init?: RequestInit) => advanceUntil(s.clock, s.cluster.plane.transport(new Request(base + path, init)), 50);
  const nginxIP = () => nginx!.status!.podIP!;
  const text = async (path: string) => {
    const r = await get(path);
    return { status: r.status, body: await advanceUntil(s.clock, r.text(), 50), headers: r.headers };
  };

  beforeAll(async () => {
    s = await Scenario.start({ nodes: 2 });
    await s.apply('talker.yaml', `apiVersion: v1
kind: Pod
metadata: {name: talker}
spec:
  containers:
  - name: sh
    image: busybox
    command: ["sh", "-c", "echo one; echo two; sleep 30; echo three; sleep 3600"]
`);
    await s.apply('web.yaml', `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.7.9
        ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8000, targetPort: 80}]
`);
    [talker] = await s.running('default', 'app!=web', 1);
    [nginx] = await s.running('default', 'app=web', 2);
    await s.waitFor('endpoints', async () => ((await s.client.coreV1().endpoints('default').get('web')).subsets?.[0]?.addresses?.length ?? 0) === 2);
  }, 60_000);
  afterAll(async () => s?.stop());

  it('serves pods/log from the pod node’s kubelet', async () => {
    expect(talker!.spec!.nodeName).toMatch(/^node-/);
    const r = await text('/api/v1/namespaces/default/pods/talker/log');
    expect(r).toMatchObject({ status: 200, body: 'one\ntwo\n' });
    expect((await text('/api/v1/namespaces/default/pods/talker/log?tailLines=1')).body).toBe('two\n');
    expect((await text('/api/v1/namespaces/default/pods/talker/log?timestamps=true')).body).toMatch(/^2026-01-01T\d\d:\d\d:\d\d\.\d{9}Z one\n/);
    const bad = await text('/api/v1/namespaces/default/pods/talker/log?container=nope');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toBe('container nope is not valid for pod talker');
  });

  it('follows a log until the reader stops', async () => {
    const r = await get('/api/v1/namespaces/default/pods/talker/log?follow=true');
    const reader = r.body!.getReader();
    const dec = new TextDecoder();
    let seen = dec.decode((await reader.read()).value);
    expect(seen).toBe('one\ntwo\n');
    const next = reader.read();
    await advanceUntil(s.clock, next, 500);
    seen += dec.decode((await next).value);
    expect(seen).toBe('one\ntwo\nthree\n');
    await reader.cancel();
  });

  it('proxies to a service endpoint by port name or number', async () => {
    for (const id of ['web:http', 'web:8000', 'http:web:8000']) {
      const r = await text(`/api/v1/namespaces/default/services/${id}/proxy/`);
      expect(r.status, id).toBe(200);
      expect(r.body).toContain('<title>Welcome to nginx!</title>');
      expect(r.headers.get('server')).toBe('nginx/1.7.9');
    }
    const missing = await text('/api/v1/namespaces/default/services/web:http/proxy/nope.html');
    expect(missing.status).toBe(404);
    const redirect = await get('/api/v1/namespaces/default/services/web:http/proxy');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/api/v1/namespaces/default/services/web:http/proxy/');
  });

  it('answers service proxy errors as the API server does', async () => {
    // A service whose one endpoint refuses: its target port has no listener.
    await s.client.coreV1().services('default').create({ metadata: { name: 'closed' }, spec: { ports: [{ port: 81 }] } });
    await s.client.coreV1().endpoints('default').create({ metadata: { name: 'closed' }, subsets: [{ addresses: [{ ip: nginxIP() }], ports: [{ port: 81 }] }] });
    const cases: Array<[string, number, string]> = [
      ['/api/v1/namespaces/default/services/nope/proxy/', 404, 'endpoints "nope" not found'],
      ['/api/v1/namespaces/default/services/web:9999/proxy/', 503, 'no service port 9999 found for service "web"'],
      // The port is named: a request without one matches no endpoint port (as upstream).
      ['/api/v1/namespaces/default/services/web/proxy/', 503, 'no endpoints available for service "web"'],
      ['/api/v1/namespaces/default/services/closed:81/proxy/', 503, `error trying to reach service: dial tcp ${nginxIP()}:81: connect: connection refused`],
    ];
    for (const [path, code, message] of cases) {
      const r = await text(path);
      expect({ code: r.status, message: JSON.parse(r.body).message }, path).toEqual({ code, message });
    }
  });

  it('proxies to a pod IP and to a node’s kubelet', async () => {
    const pod = await text(`/api/v1/namespaces/default/pods/${nginx!.metadata.name}/proxy/`);
    expect(pod.status).toBe(200);
    expect(pod.body).toContain('Welcome to nginx!');
    const viaPort = await text(`/api/v1/namespaces/default/pods/${nginx!.metadata.name}:80/proxy/index.html`);
    expect(viaPort.body).toContain('Welcome to nginx!');
    const node = talker!.spec!.nodeName!;
    const pods = await text(`/api/v1/nodes/${node}/proxy/pods`);
    expect(pods.status).toBe(200);
    expect(JSON.parse(pods.body).items.map((p: Pod) => p.metadata.name)).toContain('talker');
    const summary = JSON.parse((await text(`/api/v1/nodes/${node}/proxy/stats/summary`)).body);
    expect(summary.node.nodeName).toBe(node);
    expect(summary.pods.map((p: { podRef: { name: string } }) => p.podRef.name)).toContain('talker');
    expect((await text(`/api/v1/nodes/${node}/proxy/healthz`)).body).toBe('ok');
    const none = await text('/api/v1/nodes/node-9/proxy/healthz');
    expect(none.status).toBe(404);
  });
});
