// Mirrors k8s.io/apiserver/pkg/server/config.go (and the kube-apiserver options that feed it): what
// a Kubelab API server is built from.
import type { KV } from '../../etcd/types.js';
import type { Clock } from '../../util/clock.js';
import type { Plugin } from '../admission/interfaces.js';
import type { AdmissionOptions } from '../admission/plugin/plugins.js';
import type { TokenEntry } from '../authentication/token-file.js';
import type { Authorizer } from '../authorization/authorizer.js';
import type { VersionInfo } from '../endpoints/discovery/version.js';
import type { Allocator, ResourceDefinition } from '../registry/rest/resource.js';
import type { NodeConnection } from '../registry/core/pod/rest/node-connection.js';

export interface APIServerConfig {
  kv: KV;
  clock: Clock;
  resources: ResourceDefinition[];
  /** serviceCIDR is --service-cluster-ip-range (default 10.254.0.0/16). */
  serviceCIDR?: string;
  /** nodePortRange is --service-node-port-range (default 30000-32767). */
  nodePortRange?: string;
  version?: Partial<VersionInfo>;
  /** tokens are the static bearer tokens the secure handler accepts (--token-auth-file). */
  tokens?: TokenEntry[];
  /**
   * admissionOptions pick the built-in plugins (--enable-admission-plugins, --disable-admission-plugins,
   * the deprecated --admission-control) and configure them; omitted means upstream's default set.
   */
  admissionOptions?: AdmissionOptions;
  /** admission plugins run after the built-in ones. */
  admission?: Plugin[];
  authorizer?: Authorizer;
  /** allocators override the default service IP / node port allocators. */
  serviceIPs?: Allocator<string>;
  nodePorts?: Allocator<number>;
  /** bookmarkIntervalMs is how often watches that allow bookmarks get one (default 60 s). */
  bookmarkIntervalMs?: number;
  /** serverAddress is what /api advertises (host:port). */
  serverAddress?: string;
  /** watchCacheEvents is the per-resource event buffer of the watch cache. */
  watchCacheEvents?: number;
  /** nodeConnection reaches the kubelets (pods/log); the cluster wiring provides it. */
  nodeConnection?: NodeConnection;
}

export const defaultServiceCIDR = '10.254.0.0/16';
export const defaultNodePortRange = '30000-32767';
