// Mirrors pkg/registry/core/node/rest/proxy.go and ResourceLocation in pkg/registry/core/node/strategy.go:
// /api/v1/nodes/<[scheme:]name[:port]>/proxy/<path> goes to the node's kubelet (no port, or the
// kubelet port 10250) or to another port of the node's address through the dataplane.
import { newBadRequest, newNotFound } from '../../../../../apimachinery/api/errors/errors.js';
import type { KubeObject } from '../../../../../apimachinery/apis/meta/v1/types.js';
import { kubeletPort, type NodeConnection } from '../../pod/rest/node-connection.js';
import { proxyTo, splitSchemeNamePort } from '../../service/proxy/proxy-handler.js';
import { dialProxy } from '../../service/proxy/rest.js';

interface NodeShape extends KubeObject {
  status?: { addresses?: Array<{ type: string; address: string }> };
}

type Getter = (resource: string, namespace: string, name: string) => KubeObject | undefined;

/** proxyNode answers a nodes/proxy request. */
export function proxyNode(req: Request, url: URL, get: Getter, id: string, conn: NodeConnection | undefined): Promise<Response> {
  const parsed = splitSchemeNamePort(id);
  if (!parsed) throw newBadRequest(`invalid node request "${id}"`);
  const node = get('nodes', '', parsed.name) as NodeShape | undefined;
  if (!node) throw newNotFound({ group: '', resource: 'nodes' }, parsed.name);
  const port = parsed.port ? Number(parsed.port) : kubeletPort;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw newBadRequest(`invalid node request "${id}"`);
  const addresses = node.status?.addresses ?? [];
  const ip = (addresses.find((a) => a.type === 'InternalIP') ?? addresses[0])?.address ?? parsed.name;
  if (port === kubeletPort) {
    const kubelet = conn?.kubelet?.bind(conn);
    if (!kubelet) throw newBadRequest(`no kubelet connection for node "${parsed.name}"`);
    return proxyTo(req, url, (out) => kubelet(parsed.name, out), `${parsed.name}:${kubeletPort}`);
  }
  const loc = { scheme: parsed.scheme || 'http', host: ip, port };
  return proxyTo(req, url, (out) => dialProxy(conn, loc, out), `${ip}:${port}`);
}
