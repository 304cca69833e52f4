// Mirrors pkg/kubelet/client (ConnectionInfoGetter) as the pods/log, exec and portforward REST
// objects use it: how the API server reaches a node's kubelet. Simplified: instead of a URL and a
// round tripper, the kubelet side implements this interface directly (in process or over the wire).

/** ContainerLogOptions are PodLogOptions as the kubelet's /containerLogs endpoint takes them. */
export interface ContainerLogOptions {
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
  sinceSeconds?: number;
  /** sinceTime is an RFC 3339 time; at most one of sinceSeconds and sinceTime is set. */
  sinceTime?: string;
  limitBytes?: number;
}

/**
 * NodeConnection is the API server's way into the kubelets. getContainerLogs returns the log stream
 * of one container (it stays open while follow is set, until the container stops or the reader
 * cancels). A refusal the kubelet words itself ("container \"x\" in pod \"y\" is waiting to start:
 * ContainerCreating") is thrown as an Error with that message and answered 400 BadRequest, as the
 * kubelet's HTTP 400 is; a StatusError passes through unchanged.
 */
export interface NodeConnection {
  getContainerLogs(nodeName: string, namespace: string, podName: string, containerName: string, opts: ContainerLogOptions): Promise<ReadableStream<Uint8Array>> | ReadableStream<Uint8Array>;
  /**
   * kubelet sends req to the node's kubelet server (its path is the kubelet's: /exec/…, /portForward/…,
   * /stats/summary, /pods); a WebSocket offer attached to req travels with it. Used by pods/exec,
   * pods/portforward and nodes/proxy.
   */
  kubelet?(nodeName: string, req: Request): Promise<Response>;
  /**
   * proxy sends req to address:port from the control plane's host network (the dataplane) and
   * streams the answer back; a refused or unreachable dial rejects. Used by services/proxy and
   * pods/proxy.
   */
  proxy?(address: string, port: number, req: Request): Promise<Response>;
}

/** kubeletPort is the kubelet's default secure port, which unreachable-node errors name. */
export const kubeletPort = 10250;
