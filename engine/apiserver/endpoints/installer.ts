// Mirrors k8s.io/apiserver/pkg/endpoints/installer.go: routes a resource request (by group, version,
// resource, subresource and verb) to its REST handler; verbs a resource does not serve are 405s.
import { newMethodNotSupported, StatusError, newStatus } from '../../apimachinery/api/errors/errors.js';
import { requestContext, type RequestScope, type RequestState } from './handlers/rest.js';
import { getResource, listResource } from './handlers/get.js';
import { createResource } from './handlers/create.js';
import { updateResource } from './handlers/update.js';
import { patchResource } from './handlers/patch.js';
import { deleteCollection, deleteResource } from './handlers/delete.js';
import { watchResource } from './handlers/watch.js';
import { bindingHandler, evictionHandler, finalizeHandler, scaleHandler } from './handlers/subresources.js';
import { isPods } from './discovery/discovery.js';
import { streamLogs } from '../registry/core/pod/rest/log.js';
import type { NodeConnection } from '../registry/core/pod/rest/node-connection.js';
import { connectHandler } from '../registry/core/pod/rest/connect.js';
import { metricsGroup, serveMetrics, type MetricsSources } from '../registry/metrics/rest.js';

/** notFoundResource is the 404 for a path no resource serves. */
export function notFoundResource(): StatusError {
  return new StatusError(newStatus(404, 'NotFound', 'the server could not find the requested resource', {}));
}

export class APIInstaller {
  private readonly scopes = new Map<string, RequestScope>();
  /** nodeConnection reaches the kubelets for pods/log; unset, logs of scheduled pods fail as a refused dial. */
  nodeConnection?: NodeConnection;

  add(scope: RequestScope): void {
    this.scopes.set(`${scope.def.group}/${scope.def.version}/${scope.def.resource}`, scope);
  }

  scope(group: string, version: string, resource: string): RequestScope | undefined {
    return this.scopes.get(`${group}/${version}/${resource}`);
  }

  /** metricsSources lists nodes and pods from the stores' watch caches for the metrics API. */
  private metricsSources(): MetricsSources {
    const list = (resource: string, namespace: string) => {
      const store = this.scope('', 'v1', resource)?.store;
      return store ? store.cacher.cache(store.def.etcdPrefix).list(store.listPrefix(namespace)).map((e) => e.object) : [];
    };
    const clock = this.scope('', 'v1', 'nodes')?.clock;
    return { nodes: () => list('nodes', ''), pods: (ns) => list('pods', ns), conn: this.nodeConnection, now: () => clock?.now() ?? 0 };
  }

  async serve(st: RequestState): Promise<Response> {
    const info = st.info;
    // metrics.k8s.io is not stored: it is read from the kubelets (metrics-server's API, aggregated here).
    if (info.apiGroup === metricsGroup && this.nodeConnection?.kubelet) return serveMetrics(info, st.url, this.metricsSources());
    const scope = this.scope(info.apiGroup, info.apiVersion, info.resource);
    if (!scope) throw notFoundResource();
    const def = scope.def;
    const gr = { group: def.group, resource: info.subresource ? `${def.resource}/${info.subresource}` : def.resource };
    // A namespaced resource is reached through /namespaces/<ns>/… except for cross-namespace lists and watches.
    if (def.namespaced && !info.namespace && !(info.verb === 'list' || info.verb === 'watch')) throw notFoundResource();
    if (!def.namespaced && info.namespace) throw notFoundResource();
    const allowed = (verb: string) => {
      if (!def.verbs.includes(verb)) throw newMethodNotSupported(gr, verb);
    };
    const sub = info.subresource;
    // Connect subresources (exec, portforward, proxy/<path>) are connections, not objects.
    const connected = sub ? connectHandler(scope, st, this.nodeConnection) : undefined;
    if (connected) return connected;
    if (info.parts.length > 3) throw notFoundResource();
    if (sub) {
      if (sub === 'status' && def.statusStrategy) {
        if (info.verb === 'get') return getResource(scope, st);
        if (info.verb === 'update') return updateResource(scope, st);
        if (info.verb === 'patch') return patchResource(scope, st);
        throw newMethodNotSupported(gr, info.verb);
      }
      if (sub === 'scale' && def.scale) {
        if (['get', 'update', 'patch'].includes(info.verb)) return scaleHandler(scope, st);
        throw newMethodNotSupported(gr, info.verb);
      }
      if (isPods(def) && (sub === 'binding' || sub === 'eviction')) {
        if (info.verb !== 'create') throw newMethodNotSupported(gr, info.verb);
        return sub === 'binding' ? bindingHandler(scope, st) : evictionHandler(scope, st);
      }
      if (isPods(def) && sub === 'log') {
        if (info.verb !== 'get') throw newMethodNotSupported(gr, info.verb);
        return streamLogs(scope.store.get(requestContext(scope, st), info.name), st.url.searchParams, this.nodeConnection);
      }
      if (sub === 'finalize' && def.finalizeStrategy) {
        if (info.verb !== 'update') throw newMethodNotSupported(gr, info.verb);
        return finalizeHandler(scope, st);
      }
      throw notFoundResource();
    }
    switch (info.verb) {
      case 'get':
        allowed('get');
        return getResource(scope, st);
      case 'list':
        allowed('list');
        return listResource(scope, st);
      case 'watch':
        allowed('watch');
        return watchResource(scope, st);
      case 'create':
        if (info.name) throw newMethodNotSupported(gr, 'create');
        allowed('create');
        return createResource(scope, st);
      case 'update':
        allowed('update');
        return updateResource(scope, st);
      case 'patch':
        allowed('patch');
        return patchResource(scope, st);
      case 'delete':
        allowed('delete');
        return deleteResource(scope, st);
      case 'deletecollection':
        allowed('deletecollection');
        return deleteCollection(scope, st);
      default:
        throw newMethodNotSupported(gr, info.verb);
    }
  }
}

