// A control plane served over real HTTP on a free loopback port, with a kubeconfig on disk, for
// tests that drive it with real clients (the kubectl binary, @kubernetes/client-node, our kubectl).
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../../engine/controlplane/instance.js';
import { writeClusterState } from '../../engine/host/cluster-state.js';
import { serveEtcd as serveHandler } from '../../engine/host/etcd-http-server.js';
import { RealClock } from '../../engine/util/clock.js';

export interface HTTPCluster {
  plane: ControlPlane;
  apiURL: string;
  dir: string;
  kubeconfig: string;
  stop(): Promise<void>;
}

/** startHTTPCluster starts a memory-backed control plane and serves its API on 127.0.0.1:<free port>. */
export async function startHTTPCluster(): Promise<HTTPCluster> {
  const plane = await startControlPlane({ clock: new RealClock() });
  const server: Server = await serveHandler(plane.apiserver.handler, 0, '127.0.0.1');
  const apiURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-conformance-'));
  const kubeconfig = await writeClusterState(dir, { apiURL, etcdURL: '', pid: process.pid, startedAt: new Date().toISOString() });
  return {
    plane,
    apiURL,
    dir,
    kubeconfig,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await plane.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
