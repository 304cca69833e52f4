import { describe, expect, it } from 'vitest';
import type { Transport } from '../client/transport.js';
import { bootstrapControlPlane } from './bootstrap.js';

/** fakeServer stores objects by path and answers like the API server for GET/POST/PUT. */
function fakeServer() {
  const objects = new Map<string, Record<string, unknown>>();
  const calls: string[] = [];
  const transport: Transport = async (req) => {
    const path = new URL(req.url).pathname;
    calls.push(`${req.method} ${path}`);
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (req.method === 'GET') {
      const obj = objects.get(path);
      return obj ? json(200, obj) : json(404, { kind: 'Status', code: 404, reason: 'NotFound', message: 'not found' });
    }
    const body = (await req.json()) as { metadata: { name: string } };
    const target = req.method === 'POST' ? `${path}/${body.metadata.name}` : path;
    if (req.method === 'POST' && objects.has(target)) return json(409, { kind: 'Status', code: 409, reason: 'AlreadyExists' });
    objects.set(target, body as Record<string, unknown>);
    return json(req.method === 'POST' ? 201 : 200, body);
  };
  return { objects, calls, transport };
}

describe('bootstrapControlPlane', () => {
  it('creates the system namespaces, the kubernetes service and its endpoints', async () => {
    const srv = fakeServer();
    await bootstrapControlPlane({ transport: srv.transport, publicIP: '192.168.1.100', port: 6443 });
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(srv.objects.has(`/api/v1/namespaces/${ns}`)).toBe(true);
    }
    expect(srv.objects.get('/api/v1/namespaces/default/services/kubernetes')).toMatchObject({
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: '10.254.0.1', sessionAffinity: 'None', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    });
    expect(srv.objects.get('/api/v1/namespaces/default/endpoints/kubernetes')).toMatchObject({
      subsets: [{ addresses: [{ ip: '192.168.1.100' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    });
  });

  it('is idempotent and repairs drifted ports and endpoints on restart', async () => {
    const srv = fakeServer();
    const cfg = { transport: srv.transport, publicIP: '192.168.1.100', port: 6443, serviceCIDR: '10.96.0.0/12' };
    await bootstrapControlPlane(cfg);
    expect((srv.objects.get('/api/v1/namespaces/default/services/kubernetes') as { spec: { clusterIP: string } }).spec.clusterIP).toBe('10.96.0.1');
    srv.calls.length = 0;
    await bootstrapControlPlane(cfg);
    expect(srv.calls.every((c) => c.startsWith('GET'))).toBe(true);

    await bootstrapControlPlane({ ...cfg, port: 8443, publicIP: '192.168.1.200' });
    expect(srv.objects.get('/api/v1/namespaces/default/services/kubernetes')).toMatchObject({ spec: { clusterIP: '10.96.0.1', ports: [{ targetPort: 8443 }] } });
    expect(srv.objects.get('/api/v1/namespaces/default/endpoints/kubernetes')).toMatchObject({ subsets: [{ addresses: [{ ip: '192.168.1.200' }], ports: [{ port: 8443 }] }] });
  });

  it('fails with the server message on unexpected errors', async () => {
    const transport: Transport = async () => new Response(JSON.stringify({ kind: 'Status', code: 403, message: 'forbidden!' }), { status: 403 });
    await expect(bootstrapControlPlane({ transport, publicIP: '1.1.1.1', port: 6443 })).rejects.toThrow('bootstrap: get namespace default: forbidden!');
  });
});
