// Mirrors CoreDNS plugin/kubernetes (kubernetes.go, controller.go): the plugin's configuration and
// its view of the cluster — services, endpoints and (optionally) pods read from shared informers.
// Indexes are replaced by scans of the informer caches, which are small in a lab cluster.
import type { Endpoints, Pod, Service } from '../api/core/v1/types.js';
import type { SharedInformerFactory } from '../client/informers/factory.js';

/** ClusterState is what the plugin reads; tests may pass plain arrays. */
export interface ClusterState {
  services(): Service[];
  endpoints(): Endpoints[];
  pods?(): Pod[];
}

export interface KubernetesOptions {
  /** zones the plugin is authoritative for (default cluster.local. and in-addr.arpa.). */
  zones?: string[];
  /** ttl of answers in seconds (CoreDNS default 5). */
  ttl?: number;
  /** pods is the `pods` directive: disabled (default) or insecure (answer any dashed IP). */
  pods?: 'disabled' | 'insecure' | 'verified';
  /** fallthrough lists zones whose misses go to the next plugin (forward) instead of NXDOMAIN. */
  fallthrough?: string[];
  /** endpointPodNames names headless endpoints after their pod rather than their dashed IP. */
  endpointPodNames?: boolean;
}

export interface Kubernetes {
  zones: string[];
  ttl: number;
  pods: 'disabled' | 'insecure' | 'verified';
  fallthrough: string[];
  endpointPodNames: boolean;
  state: ClusterState;
}

export const defaultClusterDomain = 'cluster.local';

/** newKubernetes builds the plugin over a cluster state. */
export function newKubernetes(state: ClusterState, options: KubernetesOptions = {}): Kubernetes {
  const zones = (options.zones ?? [defaultClusterDomain, 'in-addr.arpa']).map((z) => (z.endsWith('.') ? z : `${z}.`).toLowerCase());
  return {
    zones,
    ttl: options.ttl ?? 5,
    pods: options.pods ?? 'disabled',
    fallthrough: (options.fallthrough ?? []).map((z) => (z.endsWith('.') ? z : `${z}.`).toLowerCase()),
    endpointPodNames: options.endpointPodNames ?? false,
    state,
  };
}

/** informerState reads the cluster from a shared informer factory (the plugin's dnsControl). */
export function informerState(factory: SharedInformerFactory, withPods = false): ClusterState {
  const services = factory.core().v1().services().lister();
  const endpoints = factory.core().v1().endpoints().lister();
  const pods = withPods ? factory.core().v1().pods().lister() : undefined;
  return {
    services: () => services.list(),
    endpoints: () => endpoints.list(),
    ...(pods ? { pods: () => pods.list() } : {}),
  };
}
