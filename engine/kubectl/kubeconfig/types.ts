// Mirrors k8s.io/client-go/tools/clientcmd/api/v1/types.go: the kubeconfig file as written on disk
// (named clusters, users and contexts). Exec/auth-provider plugins are left out.

export interface Cluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
}

export interface AuthInfo {
  token?: string;
  username?: string;
  password?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
}

export interface Context {
  cluster: string;
  user: string;
  namespace?: string;
}

export interface NamedCluster {
  name: string;
  cluster: Cluster;
}
export interface NamedAuthInfo {
  name: string;
  user: AuthInfo;
}
export interface NamedContext {
  name: string;
  context: Context;
}

export interface Kubeconfig {
  apiVersion?: string;
  kind?: string;
  preferences?: Record<string, unknown>;
  clusters: NamedCluster[] | null;
  users: NamedAuthInfo[] | null;
  contexts: NamedContext[] | null;
  'current-context': string;
}

/** emptyKubeconfig is what `kubectl config view` shows when no file exists. */
export function emptyKubeconfig(): Kubeconfig {
  return { apiVersion: 'v1', clusters: null, contexts: null, 'current-context': '', kind: 'Config', preferences: {}, users: null };
}
