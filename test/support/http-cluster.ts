// A control plane served over real HTTP on a free loopback port, with a kubeconfig on disk, for
// tests that drive it with real clients (the kubectl binary, @kubernetes/client-node, our kubectl).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../../engine/controlplane/instance.js';
import { writeClusterState } from '../../engine/host/cluster-state.js';
import { serve } from '../../engine/host/http-server.js';
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
  const served = await serve(plane.apiserver.handler);
  const apiURL = served.url;
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-conformance-'));
  const kubeconfig = await writeClusterState(dir, { apiURL, etcdURL: '', pid: process.pid, startedAt: new Date().toISOString() });
  return {
    plane,
    apiURL,
    dir,
    kubeconfig,
    async stop() {
      await served.close();
      await plane.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
