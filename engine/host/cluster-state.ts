// What a running `kubelab up` leaves in its data directory so `kubelab kubectl` and
// `kubelab etcdctl` find it: the kubeconfig and the endpoints of the API server and the store.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

export const defaultDataDir = '.kubelab';

export interface ClusterState {
  apiURL: string;
  etcdURL: string;
  pid: number;
  startedAt: string;
}

export const kubeconfigPath = (dataDir: string) => resolve(dataDir, 'kubeconfig');
const statePath = (dataDir: string) => join(dataDir, 'cluster.json');

/** kubeconfigFor is a kubeconfig with one cluster, user and context named "kubelab". */
export function kubeconfigFor(apiURL: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // client-node refuses plain http unless TLS verification is explicitly off.
    clusters: [{ name: 'kubelab', cluster: { server: apiURL, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'kubelab-admin', user: {} }],
    contexts: [{ name: 'kubelab', context: { cluster: 'kubelab', user: 'kubelab-admin', namespace: 'default' } }],
    'current-context': 'kubelab',
    preferences: {},
  });
}

/** writeClusterState records a running cluster and writes its kubeconfig; returns the kubeconfig path. */
export async function writeClusterState(dataDir: string, state: ClusterState): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(kubeconfigPath(dataDir), kubeconfigFor(state.apiURL), { mode: 0o600 });
  await writeFile(statePath(dataDir), JSON.stringify(state, null, 2) + '\n');
  return kubeconfigPath(dataDir);
}

export async function readClusterState(dataDir: string): Promise<ClusterState | undefined> {
  try {
    return JSON.parse(await readFile(statePath(dataDir), 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}

export async function clearClusterState(dataDir: string): Promise<void> {
  await rm(statePath(dataDir), { force: true });
}
