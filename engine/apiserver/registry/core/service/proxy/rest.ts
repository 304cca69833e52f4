// Mirrors pkg/registry/core/service/proxy.go (ProxyREST) and ResourceLocation in
// pkg/registry/core/service/storage/storage.go: /api/v1/namespaces/<ns>/services/<[scheme:]name[:port]>/proxy/<path>
// goes to a ready endpoint address of the service's port, through the dataplane.
// Simplified: the first subset/address with the port is tried first, then the others in turn.
import { newBadRequest, newNotFound, newServiceUnavailable } from '../../../../../apimachinery/api/errors/errors.js';
import type { KubeObject } from '../../../../../apimachinery/apis/meta/v1/types.js';
import type { NodeConnection } from '../../pod/rest/node-connection.js';
import { dialErrorText, proxyTo, splitSchemeNamePort, type Location } from './proxy-handler.js';

interface ServiceShape extends KubeObject {
  spec?: { ports?: Array<{ name?: string; port: number }> };
}

interface EndpointsShape extends KubeObject {
  subsets?: Array<{ addresses?: Array<{ ip: string }>; ports?: Array<{ name?: string; port: number }> }>;
}

type Getter = (resource: string, namespace: string, name: string) => KubeObject | undefined;

/** resourceLocation picks the endpoint a service proxy request goes to. */
export function resourceLocation(get: Getter, namespace: string, id: string): Location[] {
  const parsed = splitSchemeNamePort(id);
  if (!parsed) throw newBadRequest(`invalid service request "${id}"`);
  const { scheme, name } = parsed;
  let port = parsed.port;
  // A port number is translated to the service port's name, which endpoints are keyed by.
  if (/^\d+$/.test(port)) {
    const svc = get('services', namespace, name) as ServiceShape | undefined;
    if (!svc) throw newNotFound({ group: '', resource: 'services' }, name);
    const sp = svc.spec?.ports?.find((p) => p.port === Number(port));
    if (!sp) throw newServiceUnavailable(`no service port ${port} found for service "${name}"`);
    port = sp.name ?? '';
  }
  const eps = get('endpoints', namespace, name) as EndpointsShape | undefined;
  if (!eps) throw newNotFound({ group: '', resource: 'endpoints' }, name);
  if (!eps.subsets?.length) throw newServiceUnavailable(`no endpoints available for service "${name}"`);
  const out: Location[] = [];
  for (const ss of eps.subsets) {
    const p = ss.ports?.find((x) => (x.name ?? '') === port);
    if (!p) continue;
    for (const a of ss.addresses ?? []) out.push({ scheme: scheme || 'http', host: a.ip, port: p.port });
  }
  if (out.length === 0) throw newServiceUnavailable(`no endpoints available for service "${id}"`);
  return out;
}

/** proxyService answers a services/proxy request. */
export function proxyService(req: Request, url: URL, get: Getter, namespace: string, id: string, conn: NodeConnection | undefined): Promise<Response> {
  const [loc] = resourceLocation(get, namespace, id);
  return proxyTo(req, url, (out) => dialProxy(conn, loc!, out), `${loc!.host}:${loc!.port}`);
}

/** dialProxy sends a request through the node connection's dataplane proxy, with Go's dial errors. */
export async function dialProxy(conn: NodeConnection | undefined, loc: Location, out: Request): Promise<Response> {
  if (!conn?.proxy) throw new Error(`dial tcp ${loc.host}:${loc.port}: connect: network is unreachable`);
  try {
    return await conn.proxy(loc.host, loc.port, out);
  } catch (err) {
    throw new Error(dialErrorText(err, loc.host, loc.port));
  }
}
