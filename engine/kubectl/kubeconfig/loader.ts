// Mirrors k8s.io/client-go/tools/clientcmd (loader.go, client_config.go): finds the kubeconfig
// (--kubeconfig, then $KUBECONFIG's list, then ~/.kube/config), merges the list first-wins, and
// resolves the effective server, credentials and namespace with the command-line overrides.
import { parse as parseYAML } from 'yaml';
import type { FileAccess } from '../cmd/util/io.js';
import { emptyKubeconfig, type AuthInfo, type Cluster, type Kubeconfig } from './types.js';

export interface Overrides {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  server?: string;
  token?: string;
  namespace?: string;
}

export interface LoadedConfig {
  config: Kubeconfig;
  /** path is the file `kubectl config` commands write to. */
  path: string;
}

/** ClientConfig is the resolved connection: where to send requests and as whom. */
export interface ClientConfig {
  server: string;
  token?: string;
  username?: string;
  password?: string;
  namespace: string;
  /** explicitNamespace is true when -n or the context chose the namespace. */
  explicitNamespace: boolean;
  contextName: string;
}

export function homeConfigPath(env: Record<string, string>): string {
  return `${env.HOME ?? ''}/.kube/config`;
}

/** loadKubeconfig reads and merges the kubeconfig files; missing files are skipped, as upstream does. */
export async function loadKubeconfig(files: FileAccess, env: Record<string, string>, explicit?: string): Promise<LoadedConfig> {
  if (explicit) {
    const cfg = await readConfig(files, explicit, true);
    return { config: cfg ?? emptyKubeconfig(), path: explicit };
  }
  const list = (env.KUBECONFIG ?? '').split(':').filter(Boolean);
  const paths = list.length ? list : [homeConfigPath(env)];
  const merged = emptyKubeconfig();
  let found = false;
  for (const p of paths) {
    const cfg = await readConfig(files, p, false);
    if (!cfg) continue;
    found = true;
    mergeInto(merged, cfg);
  }
  // Writes go to the first existing file of the list, else the last one (client-go's rule).
  let writePath = paths[paths.length - 1]!;
  for (const p of paths) if ((await files.stat(p)) === 'file') { writePath = p; break; }
  void found;
  return { config: merged, path: writePath };
}

async function readConfig(files: FileAccess, path: string, mustExist: boolean): Promise<Kubeconfig | undefined> {
  if ((await files.stat(path)) !== 'file') {
    if (mustExist) throw new Error(`stat ${path}: no such file or directory`);
    return undefined;
  }
  const text = await files.readFile(path);
  const raw = (parseYAML(text) ?? {}) as Partial<Kubeconfig>;
  return normalize(raw);
}

export function normalize(raw: Partial<Kubeconfig>): Kubeconfig {
  const cfg = emptyKubeconfig();
  cfg.clusters = raw.clusters?.length ? raw.clusters : null;
  cfg.users = raw.users?.length ? raw.users : null;
  cfg.contexts = raw.contexts?.length ? raw.contexts : null;
  cfg['current-context'] = raw['current-context'] ?? '';
  if (raw.preferences) cfg.preferences = raw.preferences;
  return cfg;
}

function mergeInto(into: Kubeconfig, from: Kubeconfig): void {
  const mergeList = <T extends { name: string }>(a: T[] | null, b: T[] | null): T[] | null => {
    const out = [...(a ?? [])];
    for (const x of b ?? []) if (!out.some((y) => y.name === x.name)) out.push(x);
    return out.length ? out : null;
  };
  into.clusters = mergeList(into.clusters, from.clusters);
  into.users = mergeList(into.users, from.users);
  into.contexts = mergeList(into.contexts, from.contexts);
  if (!into['current-context']) into['current-context'] = from['current-context'];
}

/** ConfigError mirrors clientcmd's errConfigurationInvalid messages. */
export class ConfigError extends Error {}

/** resolveClientConfig applies overrides to the kubeconfig, as DirectClientConfig.ClientConfig does. */
export function resolveClientConfig(cfg: Kubeconfig, o: Overrides): ClientConfig {
  const contextName = o.context || cfg['current-context'];
  const ctx = cfg.contexts?.find((c) => c.name === contextName)?.context;
  if (o.context && !ctx) throw new ConfigError(`context was not found for specified context: ${o.context}`);
  const clusterName = o.cluster || ctx?.cluster || '';
  const userName = o.user || ctx?.user || '';
  const cluster: Cluster = cfg.clusters?.find((c) => c.name === clusterName)?.cluster ?? {};
  if (o.cluster && !cfg.clusters?.some((c) => c.name === o.cluster)) throw new ConfigError(`cluster "${o.cluster}" does not exist`);
  const user: AuthInfo = cfg.users?.find((u) => u.name === userName)?.user ?? {};
  const server = o.server || cluster.server || 'http://localhost:8080';
  const namespace = o.namespace || ctx?.namespace || 'default';
  const out: ClientConfig = {
    server: /^https?:\/\//.test(server) ? server : `http://${server}`,
    namespace,
    explicitNamespace: !!(o.namespace || ctx?.namespace),
    contextName,
  };
  const token = o.token || user.token;
  if (token) out.token = token;
  if (user.username) out.username = user.username;
  if (user.password) out.password = user.password;
  return out;
}
