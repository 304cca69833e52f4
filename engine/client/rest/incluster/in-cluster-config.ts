// Mirrors k8s.io/client-go/rest/config.go's InClusterConfig: a program in a pod finds the API server
// through the KUBERNETES_SERVICE_HOST/PORT variables the kubelet sets and authenticates with the
// service account token projected at /var/run/secrets/kubernetes.io/serviceaccount. TLS is not
// modelled: the host keeps client-go's https:// form, but the bytes on the virtual wire are plain
// HTTP/1.1. Like client-go's cached token source, the token file is re-read so rotation is seen.
import type { NetStack } from '../../../net/types.js';
import type { Transport } from '../../transport.js';
import { newForConfig, type Clientset } from '../../kubernetes/clientset.js';
import type { Config } from '../config.js';
import { newHTTPTransport } from './transport.js';

export const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';
export const tokenFile = `${serviceAccountDir}/token`;
export const rootCAFile = `${serviceAccountDir}/ca.crt`;
export const namespaceFile = `${serviceAccountDir}/namespace`;

/** ErrNotInCluster is client-go's error when the service variables are missing. */
export const errNotInCluster = 'unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined';

/** InClusterContext is the part of a process context the config needs (a ProcessContext fits). */
export interface InClusterContext {
  env: Record<string, string>;
  fs: { readText(path: string): string };
  net: NetStack;
}

function readToken(ctx: InClusterContext): string {
  try {
    return ctx.fs.readText(tokenFile).trim();
  } catch {
    throw new Error(`open ${tokenFile}: no such file or directory`);
  }
}

/** withBearerToken adds the current token to every request that carries no Authorization. */
export function withBearerToken(transport: Transport, token: () => string): Transport {
  return (request) => {
    if (request.headers.has('authorization')) return transport(request);
    const headers = new Headers(request.headers);
    headers.set('Authorization', `Bearer ${token()}`);
    return transport(new Request(request, { headers }));
  };
}

/** inClusterConfig builds a rest Config for a program running in a pod; it throws like client-go does. */
export function inClusterConfig(ctx: InClusterContext, userAgent?: string): Config {
  const host = ctx.env.KUBERNETES_SERVICE_HOST ?? '';
  const port = ctx.env.KUBERNETES_SERVICE_PORT ?? '';
  if (host === '' || port === '') throw new Error(errNotInCluster);
  readToken(ctx); // fail now, as client-go does, when no token is mounted
  const transport = withBearerToken(newHTTPTransport({ net: ctx.net, host, port: Number(port) }), () => readToken(ctx));
  const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return { transport, host: `https://${hostPort}`, userAgent };
}

/** urlConfig is the --kube-master-url / --master form: plain HTTP to a given URL, no token. */
export function urlConfig(net: NetStack, masterURL: string, userAgent?: string): Config {
  const url = new URL(masterURL);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { transport: newHTTPTransport({ net, host: url.hostname, port }), host: url.origin, userAgent };
}

/** inClusterNamespace is the pod's namespace from the service account volume ("default" without it). */
export function inClusterNamespace(ctx: Pick<InClusterContext, 'fs'>): string {
  try {
    return ctx.fs.readText(namespaceFile).trim() || 'default';
  } catch {
    return 'default';
  }
}

/** newInClusterClientset is kubernetes.NewForConfig(rest.InClusterConfig()). */
export function newInClusterClientset(ctx: InClusterContext, userAgent?: string): Clientset {
  return newForConfig(inClusterConfig(ctx, userAgent));
}
