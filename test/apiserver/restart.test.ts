import { describe, it, expect, afterEach } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../../engine/controlplane/instance.js';
import { FileLogStorage } from '../../engine/host/etcd-file-storage.js';
import { VirtualClock } from '../../engine/util/clock.js';

let dir: string | undefined;
let cp: ControlPlane | undefined;
afterEach(async () => {
  await cp?.close();
  cp = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function call(method: string, path: string, body?: unknown) {
  const res = await cp!.transport(
    new Request(`http://kubelab.test${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return { status: res.status, body: (await res.json()) as any };
}

const nodePortService = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 80 }], ...spec },
});

describe('a file-backed control plane across a restart', () => {
  it('keeps the kubernetes service and every allocation', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-restart-'));
    const clock = new VirtualClock();
    cp = await startControlPlane({ clock, persistence: new FileLogStorage(dir) });
    const first = await call('POST', '/api/v1/namespaces/default/services', nodePortService('web', {}));
    expect(first.status).toBe(201);
    const { clusterIP, ports } = first.body.spec;
    const nodePort = ports[0].nodePort as number;
    const kubernetesIP = (await call('GET', '/api/v1/namespaces/default/services/kubernetes')).body.spec.clusterIP;
    expect(kubernetesIP).toBe('10.254.0.1');
    await cp.close();

    cp = await startControlPlane({ clock, persistence: new FileLogStorage(dir) });
    expect(cp.apiserver.repairWarnings).toEqual([]);
    const kubernetes = await call('GET', '/api/v1/namespaces/default/services/kubernetes');
    expect(kubernetes.status).toBe(200);
    expect(kubernetes.body.spec.clusterIP).toBe(kubernetesIP);
    expect((await call('GET', '/api/v1/namespaces/default/services/web')).body.spec).toMatchObject({ clusterIP, ports: [{ nodePort }] });

    // The restored allocations are taken: asking for them is refused, new ones differ.
    const sameIP = await call('POST', '/api/v1/namespaces/default/services', nodePortService('ip', { clusterIP }));
    expect(sameIP.status).toBe(422);
    expect(sameIP.body.message).toBe(
      `Service "ip" is invalid: spec.clusterIPs: Invalid value: []string{"${clusterIP}"}: failed to allocate IP ${clusterIP}: provided IP is already allocated`,
    );
    const samePort = await call('POST', '/api/v1/namespaces/default/services', nodePortService('port', { ports: [{ port: 80, nodePort }] }));
    expect(samePort.status).toBe(422);
    expect(samePort.body.message).toBe(`Service "port" is invalid: spec.ports[0].nodePort: Invalid value: ${nodePort}: provided port is already allocated`);
    const kubernetesIPTaken = await call('POST', '/api/v1/namespaces/default/services', nodePortService('k', { clusterIP: kubernetesIP }));
    expect(kubernetesIPTaken.status).toBe(422);
    const fresh = await call('POST', '/api/v1/namespaces/default/services', nodePortService('fresh', {}));
    expect(fresh.status).toBe(201);
    expect(fresh.body.spec.clusterIP).not.toBe(clusterIP);
    expect(fresh.body.spec.clusterIP).not.toBe(kubernetesIP);
    expect(fresh.body.spec.ports[0].nodePort).not.toBe(nodePort);
  });
});
