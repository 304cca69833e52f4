// Mirrors k8s.io/apiserver/pkg/server (genericapiserver.go, handler.go, config.go's
// DefaultBuildHandlerChain) and pkg/controlplane/instance.go: builds the stores and the handler chain
// — panic recovery → request info → authentication → authorization → routing (non-resource paths,
// discovery, OpenAPI, REST handlers with admission inside).
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { newForbidden, newStatus, StatusError } from '../../apimachinery/api/errors/errors.js';
import { patchMetaFor } from '../../api/openapi/index.js';
import { Chain } from '../admission/interfaces.js';
import type { PluginContext } from '../admission/plugin/context.js';
import { newAdmissionPlugins } from '../admission/plugin/plugins.js';
import { insecureUser, newTokenFileAuthenticator, type Authenticator } from '../authentication/token-file.js';
import { newBearerTokenAuthenticator } from '../authentication/bearer-token.js';
import { newServiceAccountAuthenticator } from '../authentication/serviceaccount.js';
import { alwaysAllow } from '../authorization/authorizer.js';
import { newRequestInfo } from '../endpoints/request/request-info.js';
import { APIInstaller } from '../endpoints/installer.js';
import { errorResponse } from '../endpoints/handlers/responsewriters/writers.js';
import type { RequestScope } from '../endpoints/handlers/rest.js';
import { defaultVersion } from '../endpoints/discovery/version.js';
import { OpenAPIService } from '../endpoints/openapi/openapi.js';
import { Range } from '../registry/core/service/ipallocator/ip-allocator.js';
import { PortAllocator } from '../registry/core/service/portallocator/port-allocator.js';
import { rebuildAllocations } from '../registry/core/service/rebuild-allocations.js';
import { Store } from '../registry/generic/registry/store.js';
import type { StrategyServices } from '../registry/rest/resource.js';
import { Cacher } from '../storage/cacher/cacher.js';
import { EtcdStorage, prefixEnd, decode } from '../storage/etcd3/store.js';
import { defaultNodePortRange, defaultServiceCIDR, type APIServerConfig } from './config.js';
import { NonResourceHandler } from './non-resource.js';
import { metricsDefinitions } from '../registry/metrics/rest.js';

export type Handler = (req: Request) => Promise<Response>;

export interface APIServer {
  /** handler is the insecure side: everyone is an administrator (like --insecure-port). */
  handler: Handler;
  /** secureHandler requires a bearer token: one of config.tokens or a service account token; others get 401. */
  secureHandler: Handler;
  /** stores gives in-process access to the registry (wiring and tests; clients use the handler). */
  stores: Map<string, Store>;
  services: StrategyServices;
  /** repairWarnings are what rebuilding the allocators from stored services found wrong (upstream logs them). */
  repairWarnings: string[];
  close(): void;
}

/** publicPaths are served without credentials (system:public-info-viewer upstream). */
const publicPaths = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/']);

export function createAPIServer(config: APIServerConfig): APIServer {
  const { kv, clock, resources } = config;
  const storage = new EtcdStorage(kv);
  const cacher = new Cacher(kv, resources.map((d) => d.etcdPrefix), config.watchCacheEvents);
  cacher.start();

  const stores = new Map<string, Store>();
  const byResource = new Map<string, Store>();
  for (const def of resources) {
    if (def.conversion) continue; // served from its storage version's store below
    const store = new Store(def, storage, cacher, clock);
    stores.set(`${def.group}/${def.version}/${def.resource}`, store);
    // services.get looks resources up by plural name; the core group wins a clash.
    if (!byResource.has(def.resource) || def.group === '') byResource.set(def.resource, store);
  }
  const services: StrategyServices = {
    serviceIPs: config.serviceIPs ?? new Range(config.serviceCIDR ?? defaultServiceCIDR),
    nodePorts: config.nodePorts ?? new PortAllocator(config.nodePortRange ?? defaultNodePortRange),
    get(resource: string, namespace: string, name: string): KubeObject | undefined {
      const store = byResource.get(resource);
      return store?.storage.get(store.keyFor(namespace, name))?.object;
    },
  };
  const repairWarnings = rebuildServiceAllocations(byResource.get('services'), services);

  // Admission: the enabled built-in plugins in upstream's order, then the caller's own.
  const coreStore = (resource: string) => {
    const store = byResource.get(resource);
    return store?.def.group === '' ? store : undefined;
  };
  const pluginContext: PluginContext = {
    clock,
    has: (resource) => coreStore(resource) !== undefined,
    get: (resource, namespace, name) => {
      const store = coreStore(resource);
      return store?.storage.get(store.keyFor(namespace, name))?.object;
    },
    list: (resource, namespace) => {
      const store = coreStore(resource);
      if (!store) return [];
      const prefix = store.listPrefix(namespace);
      return kv.range(prefix, { end: prefixEnd(prefix) }).kvs.map((e) => ({ object: decode(e), modRevision: e.modRevision }));
    },
    update: async (resource, obj, modRevision) => {
      const store = coreStore(resource);
      return store?.storage.update(store.keyFor(obj.metadata.namespace ?? '', obj.metadata.name!), obj, modRevision);
    },
  };
  const admission = new Chain([...newAdmissionPlugins(pluginContext, config.admissionOptions), ...(config.admission ?? [])]);

  const installer = new APIInstaller();
  installer.nodeConnection = config.nodeConnection;
  for (const def of resources) {
    const store = stores.get(`${def.group}/${def.conversion?.storageVersion ?? def.version}/${def.resource}`);
    if (!store) throw new Error(`no storage version ${def.conversion?.storageVersion} for ${def.group}/${def.version}/${def.resource}`);
    const scope: RequestScope = {
      def,
      store,
      gvk: { group: def.group, version: def.version, kind: def.kind },
      clock,
      services,
      admission,
      patchMeta: patchMetaFor({ group: def.group, version: def.version, kind: def.kind }),
      bookmarkIntervalMs: config.bookmarkIntervalMs ?? 60_000,
    };
    installer.add(scope);
  }
  const version = { ...defaultVersion, ...config.version };
  // With kubelets to read from, discovery also lists metrics.k8s.io, which the installer serves (no store).
  const metrics = config.nodeConnection?.kubelet ? metricsDefinitions : [];
  const nonResource = new NonResourceHandler([...resources, ...metrics], version, new OpenAPIService(resources, version.gitVersion), config.serverAddress ?? '127.0.0.1:8080');
  const authorizer = config.authorizer ?? alwaysAllow;

  const build = (authenticate: Authenticator): Handler => async (req) => {
    try {
      const url = new URL(req.url);
      const info = newRequestInfo(req.method, url);
      const user = publicPaths.has(url.pathname) ? insecureUser : authenticate(req);
      const decision = authorizer.authorize(user, info);
      if (decision.decision !== 'Allow') {
        const what = info.isResourceRequest
          ? `User "${user.name}" cannot ${info.verb} resource "${info.resource}" in API group "${info.apiGroup}"${info.namespace ? ` in the namespace "${info.namespace}"` : ' at the cluster scope'}`
          : `User "${user.name}" cannot ${info.verb} path "${url.pathname}"`;
        throw info.isResourceRequest
          ? newForbidden({ group: info.apiGroup, resource: info.resource }, info.name, `${what}${decision.reason ? `: ${decision.reason}` : ''}`)
          : new StatusError(newStatus(403, 'Forbidden', `forbidden: ${what}`, {}));
      }
      if (info.isResourceRequest) return await installer.serve({ req, url, info, user });
      return await nonResource.serve(req, url);
    } catch (err) {
      // Recover: every failure, expected or not, is answered with a Status.
      return errorResponse(err);
    }
  };

  return {
    handler: build(() => insecureUser),
    secureHandler: build(
      newBearerTokenAuthenticator([newTokenFileAuthenticator(config.tokens ?? []), newServiceAccountAuthenticator((r, ns, name) => services.get(r, ns, name), () => clock.now())]),
    ),
    stores,
    services,
    repairWarnings,
    close: () => cacher.stop(),
  };
}

/**
 * rebuildServiceAllocations runs the allocators' repair once at start: the IPs and node ports of the
 * services already stored (a restart) are marked used, so new services cannot take them.
 */
function rebuildServiceAllocations(services: Store | undefined, s: StrategyServices): string[] {
  if (!services) return [];
  const stored = services.cacher.cache(services.def.etcdPrefix).list(services.listPrefix('')).map((e) => e.object);
  return rebuildAllocations(stored, s.serviceIPs, s.nodePorts);
}
