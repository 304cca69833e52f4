// `kubelab kubectl …` and `kubelab etcdctl …`: Kubelab's clients pointed at the cluster that
// `kubelab up` started from this folder, unless the user already points them elsewhere.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { main as kubectlMain } from '../kubectl.js';
import { main as etcdctlMain } from '../etcdctl.js';
import { defaultDataDir, kubeconfigPath, readClusterState } from '../../host/cluster-state.js';

function dataDirOf(env: NodeJS.ProcessEnv): string {
  return resolve(env.KUBELAB_DATA_DIR ?? defaultDataDir);
}

/** kubectl runs our kubectl; without KUBECONFIG or --kubeconfig it uses kubelab's kubeconfig. */
export async function kubectl(argv: string[]): Promise<number> {
  const explicit = argv.some((a) => a === '--kubeconfig' || a.startsWith('--kubeconfig=') || a === '--server' || a === '-s' || a.startsWith('--server='));
  const ours = kubeconfigPath(dataDirOf(process.env));
  if (!explicit && !process.env.KUBECONFIG && existsSync(ours)) process.env.KUBECONFIG = ours;
  return kubectlMain(argv);
}

/** etcdctl runs our etcdctl; without --endpoints or ETCDCTL_ENDPOINTS it uses kubelab's store. */
export async function etcdctl(argv: string[]): Promise<number> {
  const explicit = argv.some((a) => a.startsWith('--endpoints'));
  if (!explicit && !process.env.ETCDCTL_ENDPOINTS) {
    const state = await readClusterState(dataDirOf(process.env));
    if (state) process.env.ETCDCTL_ENDPOINTS = state.etcdURL;
  }
  return etcdctlMain(argv);
}
