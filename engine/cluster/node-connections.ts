// Mirrors pkg/kubelet/client (KubeletClientConfig, NodeConnectionInfoGetter) for a cluster in one
// process: the API server reaches a node's kubelet server through the Cluster's node table (no
// TLS, no socket), and reaches services and pods through the dataplane from the master machine's
// host network namespace — as kube-apiserver dials them from its own host.
import { newStatus, StatusError } from '../apimachinery/api/errors/errors.js';
import { kubeletPort, type ContainerLogOptions, type NodeConnection } from '../apiserver/registry/core/pod/rest/node-connection.js';
import type { Kubelet } from '../kubelet/kubelet.js';
import { Server } from '../kubelet/server/server.js';
import type { Machine } from '../net/machine.js';
import { roundTrip } from './dataplane-round-tripper.js';

/** ClusterView is what node connections need of the Cluster (bound after the control plane starts). */
export interface ClusterView {
  readonly master: Machine;
  readonly nodes: Map<string, { machine: Machine; kubelet?: Kubelet; failed?: boolean }>;
}

export class ClusterNodeConnection implements NodeConnection {
  /** cluster is set once the Cluster exists; until then every kubelet is unreachable. */
  cluster?: ClusterView;
  private readonly servers = new WeakMap<Kubelet, Server>();

  /** server is the kubelet server of a node, or a dial error as the API server reports it. */
  private server(nodeName: string, path: string): Server {
    const node = this.cluster?.nodes.get(nodeName);
    const kubelet = node && !node.failed ? node.kubelet : undefined;
    if (!kubelet) {
      const host = `${node?.machine.ip ?? nodeName}:${kubeletPort}`;
      const why = node ? 'connect: connection refused' : `lookup ${nodeName}: no such host`;
      throw new StatusError(newStatus(500, '', `Get "https://${nodeName}:${kubeletPort}${path}": dial tcp ${host}: ${why}`));
    }
    let server = this.servers.get(kubelet);
    if (!server) this.servers.set(kubelet, (server = new Server(kubelet)));
    return server;
  }

  async getContainerLogs(nodeName: string, namespace: string, podName: string, containerName: string, opts: ContainerLogOptions): Promise<ReadableStream<Uint8Array>> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts)) if (v !== undefined) q.set(k, String(v));
    const path = `/containerLogs/${encodeURIComponent(namespace)}/${encodeURIComponent(podName)}/${encodeURIComponent(containerName)}`;
    const res = await this.server(nodeName, path).handler(new Request(`http://${nodeName}:${kubeletPort}${path}?${q}`));
    if (res.status !== 200) throw new Error((await res.text()).trimEnd());
    return res.body ?? new ReadableStream({ start: (c) => c.close() });
  }

  async kubelet(nodeName: string, req: Request): Promise<Response> {
    return this.server(nodeName, new URL(req.url).pathname).handler(req);
  }

  async proxy(address: string, port: number, req: Request): Promise<Response> {
    if (!this.cluster) throw new Error('the cluster network is not up');
    return roundTrip(this.cluster.master.host.stack, address, port, req);
  }
}
