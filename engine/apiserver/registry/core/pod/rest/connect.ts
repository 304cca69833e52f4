// Mirrors the CONNECT handling of k8s.io/apiserver/pkg/endpoints/installer.go (rest.Connecter and
// restfulConnectResource): the subresources that are connections rather than objects — pods/exec,
// pods/attach, pods/portforward, pods/proxy, services/proxy and nodes/proxy — with the path after
// `/proxy` passed on.
import { newMethodNotSupported } from '../../../../../apimachinery/api/errors/errors.js';
import { requestContext, type RequestScope, type RequestState } from '../../../../endpoints/handlers/rest.js';
import { proxyNode } from '../../node/proxy/rest.js';
import { proxyService } from '../../service/proxy/rest.js';
import type { NodeConnection } from './node-connection.js';
import { attachPod, execPod, portForwardPod, proxyPod } from './subresources.js';

const proxyMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** connectHandler serves a connect subresource, or returns undefined when the request is not one. */
export function connectHandler(scope: RequestScope, st: RequestState, conn: NodeConnection | undefined): Promise<Response> | undefined {
  const { def } = scope;
  const { info, req, url } = st;
  if (def.group !== '' || !info.name) return undefined;
  const sub = info.subresource;
  const gr = { group: '', resource: `${def.resource}/${sub}` };
  const get = scope.services.get.bind(scope.services);
  if (sub === 'proxy' && ['pods', 'services', 'nodes'].includes(def.resource)) {
    if (!proxyMethods.includes(req.method)) throw newMethodNotSupported(gr, info.verb);
    if (def.resource === 'services') return proxyService(req, url, get, info.namespace, info.name, conn);
    if (def.resource === 'nodes') return proxyNode(req, url, get, info.name, conn);
    const podName = info.name.split(':').length === 3 ? info.name.split(':')[1]! : info.name.split(':')[0]!;
    return proxyPod(req, url, scope.store.get(requestContext(scope, st), podName), info.name, conn);
  }
  if (def.resource !== 'pods' || info.parts.length !== 3) return undefined;
  if (sub === 'exec' || sub === 'attach' || sub === 'portforward') {
    if (req.method !== 'GET' && req.method !== 'POST') throw newMethodNotSupported(gr, info.verb);
    const pod = scope.store.get(requestContext(scope, st), info.name);
    if (sub === 'exec') return execPod(req, url, pod, conn);
    return sub === 'attach' ? attachPod(req, url, pod, conn) : portForwardPod(req, url, pod, conn);
  }
  return undefined;
}
