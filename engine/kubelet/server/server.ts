// Mirrors pkg/kubelet/server/server.go: the kubelet's HTTP API on port 10250 — /healthz, /pods,
// /containerLogs/{ns}/{pod}/{container}, /exec/{ns}/{pod}/{container},
// /attach/{ns}/{pod}/{container}, /portForward/{ns}/{pod} and /stats/summary. Simplified: a fetch
// handler (the API server reaches it in process or through a transport), no authentication or
// authorization filter, exec and attach over WebSocket only (port-forward also over SPDY), no
// /run, /logs, /metrics or /configz.
import type { Pod } from '../../api/core/v1/types.js';
import { negotiate, portForwardProtocols, remoteCommandProtocols, upgradeOf, type WebSocketConn } from '../../apimachinery/util/httpstream/wsstream/conn.js';
import type { StreamSocket } from '../../net/types.js';
import type { Clock } from '../../util/clock.js';
import type { ContainerdRuntime } from '../cri/runtime-service.js';
import type { Summary } from '../stats/stats-provider.js';
import { streamContainerLogs, type ContainerLogsOptions } from './container-logs.js';
import { optionsFrom, serveExec, validateOptions } from './remotecommand/exec.js';
import { serveAttach, validateAttachOptions } from './remotecommand/attach.js';
import { parsePorts, servePortForward } from './portforward/websocket.js';
import { HTTPStreamHandler, PortForwardProtocolV1Name } from './portforward/httpstream.js';
import {
  HeaderAcceptedProtocolVersions, HeaderProtocolVersion, negotiateProtocol, streamUpgradeOf,
} from '../../apimachinery/util/httpstream/httpstream.js';

/** HostInterface is what the server needs of the Kubelet (upstream's HostInterface); Kubelet satisfies it. */
export interface HostInterface {
  readonly nodeName: string;
  readonly clock: Clock;
  readonly runtime: Pick<ContainerdRuntime, 'readLogs' | 'containerStatus' | 'exec' | 'attach'>;
  readonly statsProvider: { summary(): Summary };
  getPods(): Pod[];
  findPod(namespace: string, name: string): Pod | undefined;
  logContainerID(namespace: string, podName: string, containerName: string, previous?: boolean): string;
  runningContainerID(namespace: string, podName: string, containerName: string): string;
  portForward(namespace: string, podName: string, port: number): StreamSocket;
}

const text = (status: number, body: string) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
const json = (obj: unknown) => new Response(JSON.stringify(obj), { status: 200, headers: { 'Content-Type': 'application/json' } });

/** upgradeRequired refuses a stream request without an offer to switch protocols that is spoken here. */
function upgradeRequired(req: Request): Response {
  const offered = req.headers.get('upgrade');
  if (offered && offered.toLowerCase() !== 'websocket') return text(400, `unable to upgrade: ${offered} is not supported for this request`);
  return text(400, 'Upgrade request required');
}

/** goList prints a string list as Go's %v does: [a b]. */
const goList = (xs: string[]) => `[${xs.join(' ')}]`;

export class Server {
  constructor(private readonly host: HostInterface) {}

  /** handler serves one request (the restful container's ServeHTTP). */
  handler = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    try {
      switch (parts[0]) {
        case 'healthz':
          return text(200, 'ok');
        case 'pods':
          return json({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: this.host.getPods() });
        case 'stats':
          if (parts[1] === 'summary') return json(this.host.statsProvider.summary());
          break;
        case 'containerLogs':
          if (parts.length === 4) return this.getContainerLogs(parts[1]!, parts[2]!, parts[3]!, url.searchParams);
          break;
        case 'exec':
          if (parts.length === 4) return this.getExec(req, parts[1]!, parts[2]!, parts[3]!, url.searchParams);
          break;
        case 'attach':
          if (parts.length === 4) return this.getAttach(req, parts[1]!, parts[2]!, parts[3]!, url.searchParams);
          break;
        case 'portForward':
          if (parts.length === 3) return this.getPortForward(req, parts[1]!, parts[2]!, url.searchParams);
          break;
      }
    } catch (err) {
      return text(500, err instanceof Error ? err.message : String(err));
    }
    return text(404, '404 page not found\n');
  };

  /** getContainerLogs is GET /containerLogs/{podNamespace}/{podID}/{containerName}. */
  private getContainerLogs(ns: string, podName: string, container: string, q: URLSearchParams): Response {
    const pod = this.host.findPod(ns, podName);
    if (!pod) return text(404, `pod "${podName}" does not exist\n`);
    const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
    if (!names.includes(container)) return text(404, `container "${container}" not found in pod "${podName}"\n`);
    const flag = (name: string) => ['1', 'true', 't', 'True', 'TRUE'].includes(q.get(name) ?? '');
    const int = (name: string) => (q.get(name) ? Number(q.get(name)) : undefined);
    const opts: ContainerLogsOptions = { follow: flag('follow'), timestamps: flag('timestamps'), tailLines: int('tailLines'), limitBytes: int('limitBytes') };
    const since = int('sinceSeconds');
    if (since !== undefined) opts.sinceTime = this.host.clock.now() - since * 1000;
    else if (q.get('sinceTime')) opts.sinceTime = Date.parse(q.get('sinceTime')!);
    let id: string;
    try {
      id = this.host.logContainerID(ns, podName, container, flag('previous'));
    } catch (err) {
      return text(400, (err as Error).message);
    }
    const runtime = this.host.runtime;
    const source = {
      readLogs: (cid: string) => runtime.readLogs(cid),
      running: (cid: string) => {
        try {
          return runtime.containerStatus(cid).state === 'CONTAINER_RUNNING';
        } catch {
          return false;
        }
      },
    };
    return new Response(streamContainerLogs(source, id, this.host.clock, opts), { status: 200, headers: { 'Content-Type': 'text/plain' } });
  }

  /** getExec is /exec/{podNamespace}/{podID}/{containerName}: a WebSocket running the command. */
  private getExec(req: Request, ns: string, podName: string, container: string, q: URLSearchParams): Response {
    const opts = optionsFrom(q);
    return this.remoteCommand(req, ns, podName, container, validateOptions(opts), (conn, id) => serveExec(conn, opts, (cmd, streams) => this.host.runtime.exec(id, cmd, streams)));
  }

  /** getAttach is /attach/{podNamespace}/{podID}/{containerName}: a WebSocket joined to the container's stdio. */
  private getAttach(req: Request, ns: string, podName: string, container: string, q: URLSearchParams): Response {
    const opts = optionsFrom(q);
    return this.remoteCommand(req, ns, podName, container, validateAttachOptions(opts), (conn, id) => serveAttach(conn, opts, (streams) => this.host.runtime.attach(id, streams)));
  }

  /**
   * remoteCommand is what exec and attach share: check the options, find the running container,
   * upgrade to a WebSocket with a remotecommand protocol, then serve it.
   */
  private remoteCommand(req: Request, ns: string, podName: string, container: string, invalid: string | undefined, serve: (conn: WebSocketConn, id: string) => Promise<void>): Response {
    if (invalid) return text(400, invalid);
    if (!this.host.findPod(ns, podName)) return text(404, `pod does not exist`);
    let id: string;
    try {
      id = this.host.runningContainerID(ns, podName, container);
    } catch {
      return text(404, `container not found ("${container}")`);
    }
    const upgrade = upgradeOf(req);
    if (!upgrade) return upgradeRequired(req);
    const protocol = negotiate(upgrade.protocols, remoteCommandProtocols);
    if (protocol === undefined) return text(400, `websocket server finished before becoming ready: unable to negotiate protocol: client supports ${JSON.stringify(upgrade.protocols)}, server supports ${JSON.stringify(remoteCommandProtocols)}`);
    void serve(upgrade.accept(protocol), id);
    return new Response(null, { status: 200 });
  }

  /**
   * getPortForward is /portForward/{podNamespace}/{podID}: a SPDY connection whose stream pairs
   * each forward one port, or a WebSocket per set of ports.
   */
  private getPortForward(req: Request, ns: string, podName: string, q: URLSearchParams): Response {
    const pod = this.host.findPod(ns, podName);
    if (!pod) return text(404, `pod does not exist`);
    const describe = `${podName}_${ns}, uid ${pod.metadata.uid ?? ''}`;
    const streams = streamUpgradeOf(req);
    if (streams) {
      const protocol = negotiateProtocol(streams.protocols, [PortForwardProtocolV1Name]);
      if (protocol === undefined) {
        const message = streams.protocols.length
          ? `unable to upgrade: unable to negotiate protocol: client supports ${goList(streams.protocols)}, server accepts ${goList([PortForwardProtocolV1Name])}`
          : `unable to upgrade: ${HeaderProtocolVersion} is required`;
        return new Response(message + '\n', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8', [HeaderAcceptedProtocolVersions]: PortForwardProtocolV1Name } });
      }
      const handler = new HTTPStreamHandler({ dial: (port) => this.host.portForward(ns, podName, port), describe, clock: this.host.clock });
      streams.accept(protocol, handler.onStream);
      return new Response(null, { status: 200 });
    }
    const upgrade = upgradeOf(req);
    if (!upgrade) return upgradeRequired(req);
    const protocol = negotiate(upgrade.protocols, portForwardProtocols);
    if (protocol === undefined) return text(400, `unable to negotiate protocol: client supports ${JSON.stringify(upgrade.protocols)}, server supports ${JSON.stringify(portForwardProtocols)}`);
    let ports: number[];
    try {
      ports = parsePorts(q);
    } catch (err) {
      return text(400, (err as Error).message);
    }
    const conn = upgrade.accept(protocol);
    void servePortForward(conn, ports, (port) => this.host.portForward(ns, podName, port), describe);
    return new Response(null, { status: 200 });
  }

}
