// A node machine in a process of its own (`kubelab up --processes`), as kubeadm join leaves a real
// node: the machine's network stack joined to the others by the underlay, kube-proxy and a kubelet
// that reach the API server over HTTP, the kubelet server (10250 upstream) and the node shell that
// `kubelab ssh` uses. Web-standard: the host gives the Network, the transport and a port to serve.
// Leaves out TLS and the kubelet server's authentication.
import { newForTransport } from '../client/kubernetes/clientset.js';
import type { Transport } from '../client/transport.js';
import { Server } from '../kubelet/server/server.js';
import type { Network } from '../net/network.js';
import type { Clock } from '../util/clock.js';
import type { ClusterNode } from './cluster.js';
import { startKubelet, startKubeProxy } from './node-components.js';
import { runNodeCommand } from './node-shell.js';

export type FetchHandler = (req: Request) => Promise<Response>;

/** nodeShellPath is where a node process runs `kubelab ssh` commands (the master forwards them here). */
export const nodeShellPath = (name: string) => `/kubelab/v1/nodes/${encodeURIComponent(name)}/exec`;

export interface NodeMachineOptions {
  name: string;
  /** ip is the node IP with its prefix, e.g. "192.168.1.102/24". */
  ip: string;
  /** podCidr is the node's pod subnet in routing mode (the overlay leases one instead). */
  podCidr?: string;
  network: Network;
  /** transport reaches the API server (HTTP to the master). */
  transport: Transport;
  clock: Clock;
  proxyMode?: 'iptables' | 'userspace';
  kubeletFlags?: string[];
  onError?: (component: string, err: unknown) => void;
}

export interface NodeMachine {
  node: ClusterNode;
  /** handler serves the kubelet server's paths and the node shell. */
  handler: FetchHandler;
  /** stop ends the kubelet and kube-proxy (the machine's links stay as they are). */
  stop(): Promise<void>;
}

const text = (status: number, body: string) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** startNodeMachine plugs the machine into the network and starts its node components. */
export function startNodeMachine(o: NodeMachineOptions): NodeMachine {
  const { name, clock } = o;
  const machine = o.network.addMachine({ name, ip: o.ip, podCidr: o.podCidr });
  const abort = new AbortController();
  const node = { name, machine, abort } as ClusterNode;
  const client = newForTransport(o.transport, `kube-proxy/v1.32.0 (linux/amd64) kubernetes/${name}`);
  node.proxy = startKubeProxy({ name, machine, client, clock, proxyMode: o.proxyMode, onError: o.onError }, abort.signal);
  node.agent = startKubelet({ name, machine, clock, kubeletFlags: o.kubeletFlags, onError: o.onError, transport: o.transport, onKubelet: (k) => void (node.kubelet = k) }, abort.signal);
  const shell = { clock, nodes: new Map([[name, node]]) };
  let server: { kubelet: unknown; server: Server } | undefined;
  const handler: FetchHandler = async (req) => {
    const path = new URL(req.url).pathname;
    if (path === nodeShellPath(name)) return req.method === 'POST' ? execStream(shell, name, req) : text(405, 'method not allowed\n');
    const kubelet = node.kubelet;
    // Upstream the port is closed until the kubelet listens; a kubelet still starting answers the same way.
    if (!kubelet) return text(503, 'the kubelet is starting\n');
    if (server?.kubelet !== kubelet) server = { kubelet, server: new Server(kubelet) };
    return server.server.handler(req);
  };
  return {
    node,
    handler,
    async stop() {
      abort.abort();
      await node.agent?.stop();
      await node.proxy.done.catch(() => undefined);
    },
  };
}

/** execStream runs one node-shell command and streams {stdout}/{stderr} lines, then {exitCode}. */
async function execStream(shell: Parameters<typeof runNodeCommand>[0], name: string, req: Request): Promise<Response> {
  let body: { argv?: unknown; stdin?: unknown };
  try {
    body = JSON.parse((await req.text()) || '{}') as typeof body;
  } catch {
    return text(400, 'the request body is not valid JSON\n');
  }
  const argv = body.argv;
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string')) return text(400, 'argv must be a non-empty array of strings\n');
  const stdin = typeof body.stdin === 'string' ? body.stdin : undefined;
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (o: object) => {
        try {
          controller.enqueue(enc.encode(JSON.stringify(o) + '\n'));
        } catch {
          // The reader went away; the command finishes unheard.
        }
      };
      let exitCode: number;
      try {
        exitCode = await runNodeCommand(shell, name, argv as string[], {
          stdout: (s) => send({ stdout: s }),
          stderr: (s) => send({ stderr: s }),
          stdin: stdin === undefined ? undefined : (async function* () { yield stdin; })(),
          signal: req.signal,
        });
      } catch (err) {
        send({ stderr: `${(err as Error).message}\n` });
        exitCode = 1;
      }
      send({ exitCode });
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson' } });
}
