// Mirrors pkg/registry/core/pod/rest/subresources.go (ProxyREST, ExecREST, AttachREST,
// PortForwardREST) and ExecLocation / AttachLocation / PortForwardLocation / ResourceLocation in
// pkg/registry/core/pod/strategy.go: exec, attach and port-forward are sent on to the pod's kubelet
// with the client's WebSocket or SPDY offer (the kubelet speaks SPDY itself, so the tunnelled variant
// needs no translation here); proxy goes to the pod IP through the dataplane.
import { newBadRequest } from '../../../../../apimachinery/api/errors/errors.js';
import type { KubeObject } from '../../../../../apimachinery/apis/meta/v1/types.js';
import { attachStreamUpgrade, streamUpgradeOf } from '../../../../../apimachinery/util/httpstream/httpstream.js';
import { forwardRequest } from '../../../../../apimachinery/util/httpstream/wsstream/conn.js';
import { proxyTo, splitSchemeNamePort } from '../../service/proxy/proxy-handler.js';
import { dialProxy } from '../../service/proxy/rest.js';
import { validateContainer } from './log.js';
import { kubeletPort, type NodeConnection } from './node-connection.js';

interface PodShape extends KubeObject {
  spec?: { nodeName?: string; containers?: Array<{ name: string; ports?: Array<{ containerPort: number }> }> };
  status?: { podIP?: string };
}

/** streamLocation is the kubelet path of an exec (or attach) request, after upstream's checks. */
function streamLocation(pod: PodShape, container: string | null): { node: string; container: string } {
  const name = validateContainer(container ?? undefined, pod);
  const node = pod.spec?.nodeName;
  if (!node) throw newBadRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  return { node, container: name };
}

function sendToKubelet(conn: NodeConnection | undefined, node: string, req: Request, kubeletURL: string): Promise<Response> {
  if (!conn?.kubelet) {
    throw newBadRequest(`error dialing backend: dial tcp ${node}:${kubeletPort}: connect: connection refused`);
  }
  const out = forwardRequest(req, kubeletURL);
  // A SPDY offer (plain, or tunnelled through a WebSocket) travels on to the kubelet like a WebSocket one.
  const streams = streamUpgradeOf(req);
  return conn.kubelet(node, streams ? attachStreamUpgrade(out, streams) : out);
}

/** execPod is pods/exec: the kubelet's /exec/{ns}/{pod}/{container} with the same query. */
export function execPod(req: Request, url: URL, pod: PodShape, conn: NodeConnection | undefined): Promise<Response> {
  const { node, container } = streamLocation(pod, url.searchParams.get('container'));
  const q = new URLSearchParams(url.searchParams);
  q.delete('container');
  const path = `/exec/${encodeURIComponent(pod.metadata.namespace ?? '')}/${encodeURIComponent(pod.metadata.name ?? '')}/${encodeURIComponent(container)}`;
  return sendToKubelet(conn, node, req, `http://${node}:${kubeletPort}${path}?${q}`);
}

/** attachPod is pods/attach: the kubelet's /attach/{ns}/{pod}/{container} with the same query. */
export function attachPod(req: Request, url: URL, pod: PodShape, conn: NodeConnection | undefined): Promise<Response> {
  const { node, container } = streamLocation(pod, url.searchParams.get('container'));
  const q = new URLSearchParams(url.searchParams);
  q.delete('container');
  const path = `/attach/${encodeURIComponent(pod.metadata.namespace ?? '')}/${encodeURIComponent(pod.metadata.name ?? '')}/${encodeURIComponent(container)}`;
  return sendToKubelet(conn, node, req, `http://${node}:${kubeletPort}${path}?${q}`);
}

/** portForwardPod is pods/portforward: the kubelet's /portForward/{ns}/{pod}?port=…. */
export function portForwardPod(req: Request, url: URL, pod: PodShape, conn: NodeConnection | undefined): Promise<Response> {
  const node = pod.spec?.nodeName;
  if (!node) throw newBadRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  const q = new URLSearchParams();
  for (const p of url.searchParams.getAll('ports').flatMap((x) => x.split(','))) q.append('port', p.trim());
  const path = `/portForward/${encodeURIComponent(pod.metadata.namespace ?? '')}/${encodeURIComponent(pod.metadata.name ?? '')}`;
  return sendToKubelet(conn, node, req, `http://${node}:${kubeletPort}${path}?${q}`);
}

/** proxyPod is pods/proxy: the pod IP at the given port (or the first container port, or 80). */
export function proxyPod(req: Request, url: URL, pod: PodShape, id: string, conn: NodeConnection | undefined): Promise<Response> {
  const parsed = splitSchemeNamePort(id);
  if (!parsed) throw newBadRequest(`invalid pod request "${id}"`);
  let port = parsed.port;
  if (!port) port = String(pod.spec?.containers?.find((c) => c.ports?.length)?.ports?.[0]?.containerPort ?? '');
  const ip = pod.status?.podIP ?? '';
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) throw newBadRequest('address not allowed');
  if (port && !/^\d+$/.test(port)) throw newBadRequest(`invalid pod request "${id}"`);
  const loc = { scheme: parsed.scheme || 'http', host: ip, port: port ? Number(port) : 80 };
  return proxyTo(req, url, (out) => dialProxy(conn, loc, out), port ? `${ip}:${port}` : ip);
}
