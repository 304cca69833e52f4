// Mirrors pkg/kubelet/client (the API server's kubelet client) and the upgrade-aware proxying of
// k8s.io/apimachinery/pkg/util/proxy for kubelets in other processes (`kubelab up --processes`):
// logs, stats and pod lists are plain HTTP to the node's kubelet server; exec's WebSocket and
// port-forward's SPDY are dialled anew to the kubelet and joined message by message (stream by
// stream) to the client's connection. Node-only. Leaves out TLS and kubelet authentication.
import { newStatus, StatusError } from '../apimachinery/api/errors/errors.js';
import { streamUpgradeOf, type Connection, type Stream } from '../apimachinery/util/httpstream/httpstream.js';
import { forwardRequest, upgradeOf } from '../apimachinery/util/httpstream/wsstream/conn.js';
import { kubeletPort, type ContainerLogOptions } from '../apiserver/registry/core/pod/rest/node-connection.js';
import { ClusterNodeConnection } from '../cluster/node-connections.js';
import { dialSPDY } from './spdy-upgrade.js';
import { dialWebSocket } from './websocket.js';

/** KubeletLocator finds where a node's kubelet server answers (undefined: the node is not in another process). */
export type KubeletLocator = (nodeName: string) => { url?: string; ip: string } | undefined;

/** headersOf keeps the end-to-end headers of a request for the dialled connection. */
function headersOf(req: Request): Record<string, string> {
  const skip = new Set(['connection', 'upgrade', 'host', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'sec-websocket-extensions', 'content-length', 'x-stream-protocol-version']);
  const out: Record<string, string> = {};
  req.headers.forEach((v, k) => {
    if (!skip.has(k)) out[k] = v;
  });
  return out;
}

/** join pipes one stream into another; either side failing resets both. */
function join(a: Stream, b: Stream): void {
  const reset = () => {
    a.reset();
    b.reset();
  };
  a.readable.pipeTo(b.writable).catch(reset);
  b.readable.pipeTo(a.writable).catch(reset);
}

/** RemoteKubeletConnection reaches kubelets in node processes; in-process nodes as ClusterNodeConnection does. */
export class RemoteKubeletConnection extends ClusterNodeConnection {
  constructor(private readonly locate: KubeletLocator) {
    super();
  }

  /** base is the node's kubelet server URL, or the dial error the API server reports. */
  private base(nodeName: string, path: string): string {
    const at = this.locate(nodeName);
    if (!at?.url) throw this.refused(nodeName, path, at?.ip);
    return at.url;
  }

  private refused(nodeName: string, path: string, ip?: string): StatusError {
    const why = ip ? 'connect: connection refused' : `lookup ${nodeName}: no such host`;
    return new StatusError(newStatus(500, '', `Get "https://${nodeName}:${kubeletPort}${path}": dial tcp ${ip ?? nodeName}:${kubeletPort}: ${why}`));
  }

  private remote(nodeName: string): boolean {
    return this.locate(nodeName) !== undefined;
  }

  override async getContainerLogs(nodeName: string, namespace: string, podName: string, containerName: string, opts: ContainerLogOptions): Promise<ReadableStream<Uint8Array>> {
    if (!this.remote(nodeName)) return super.getContainerLogs(nodeName, namespace, podName, containerName, opts);
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts)) if (v !== undefined) q.set(k, String(v));
    const path = `/containerLogs/${encodeURIComponent(namespace)}/${encodeURIComponent(podName)}/${encodeURIComponent(containerName)}`;
    const res = await this.fetch(nodeName, path, new URL(`${path}?${q}`, this.base(nodeName, path)));
    if (res.status !== 200) throw new Error((await res.text()).trimEnd());
    return res.body ?? new ReadableStream({ start: (c) => c.close() });
  }

  override async kubelet(nodeName: string, req: Request): Promise<Response> {
    if (!this.remote(nodeName)) return super.kubelet(nodeName, req);
    const incoming = new URL(req.url);
    const path = incoming.pathname;
    const url = new URL(path + incoming.search, this.base(nodeName, path));
    const streams = streamUpgradeOf(req);
    if (streams) {
      const session = await this.dial(nodeName, path, () => dialSPDY(url.href, streams.protocols, { method: req.method }));
      if (session instanceof Response) return session;
      // Each stream the client opens is opened on the kubelet too, with the same headers.
      const conn: Connection = streams.accept(session.protocol, (s) => {
        session.createStream(s.headers).then((k) => join(s, k), () => s.reset());
      });
      void conn.closed.then(() => session.close());
      void session.closed.then(() => conn.close());
      // Once a connection is accepted its handler's Response is not sent (as the kubelet server's).
      return new Response(null, { status: 200 });
    }
    const ws = upgradeOf(req);
    if (ws) {
      const kubelet = await this.dial(nodeName, path, () => dialWebSocket(url.href, ws.protocols, headersOf(req)));
      if (kubelet instanceof Response) return kubelet;
      const client = ws.accept(kubelet.protocol);
      client.readable.pipeTo(kubelet.writable).catch(() => undefined);
      kubelet.readable.pipeTo(client.writable).catch(() => undefined);
      return new Response(null, { status: 200 });
    }
    return this.fetch(nodeName, path, forwardRequest(req, url));
  }

  private async fetch(nodeName: string, path: string, req: Request | URL): Promise<Response> {
    return this.dial(nodeName, path, () => fetch(req));
  }

  /** dial turns a refused connection (the node process just died) into the API server's dial error. */
  private async dial<T>(nodeName: string, path: string, open: () => Promise<T>): Promise<T> {
    try {
      return await open();
    } catch (err) {
      if (err instanceof StatusError) throw err;
      throw this.refused(nodeName, path, this.locate(nodeName)?.ip);
    }
  }
}
