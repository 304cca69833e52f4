// Mirrors k8s.io/kubectl/pkg/cmd/portforward (portforward.go) with the kubelet's WebSocket
// port-forward protocol (data on channel 0, errors on 1, each opened by the port): a local listener
// whose every connection opens pods/<pod>/portforward?ports=<remote>. Simplified: the listener is the
// host's (a real port in Node, the master machine's own stack in a browser lab), one WebSocket per
// connection, IPv4 only.
import { frame, unframe } from '../../apimachinery/util/httpstream/wsstream/conn.js';
import { str } from './util/flags.js';
import { UsageError } from './util/helpers.js';
import { openWebSocket } from './exec.js';
import type { Command, CommandContext } from './util/command.js';

/** LocalConnection is one accepted local TCP connection. */
export interface LocalConnection {
  onData(fn: (chunk: Uint8Array) => void): void;
  onEnd(fn: () => void): void;
  write(chunk: Uint8Array): void;
  end(): void;
}

/** LocalListener listens on a host port (0 = any free one). */
export type LocalListener = (address: string, port: number, onConnection: (c: LocalConnection) => void) => Promise<{ port: number; close(): void }>;

let listener: LocalListener | undefined;

/** setLocalListener installs the host's listener (the Node CLI does). */
export function setLocalListener(l: LocalListener | undefined): void {
  listener = l;
}

interface PodLike {
  metadata: { name?: string };
  spec?: { containers?: Array<{ ports?: Array<{ name?: string; containerPort: number }> }> };
  status?: { phase?: string };
}

/** parsePortPair reads [LOCAL:]REMOTE (":80" means any free local port). */
export function parsePortPair(spec: string): { local: number; remote: string } {
  const [a, b] = spec.includes(':') ? spec.split(':') : [spec, spec];
  const local = a === '' ? 0 : Number(a);
  if (!Number.isInteger(local) || local < 0 || local > 65535) throw new Error(`Error parsing local port '${a}': strconv.ParseUint: parsing "${a}": invalid syntax`);
  if (!b) throw new Error(`Error parsing remote port '${b}'`);
  return { local, remote: b! };
}

/** resolveTarget finds the pod and the numeric remote port for pod/x, svc/x or deploy/x style arguments. */
async function resolveTarget(ctx: CommandContext, arg: string, remote: string): Promise<{ pod: string; port: number }> {
  const client = await ctx.f.restClient();
  const { namespace } = await ctx.f.namespace();
  const [kind, name] = arg.includes('/') ? (arg.split('/') as [string, string]) : ['pod', arg];
  let pod: PodLike;
  let port = remote;
  if (['pod', 'pods', 'po'].includes(kind)) pod = await client.get<PodLike>(`/api/v1/namespaces/${namespace}/pods/${name}`);
  else {
    const selectorOf = async (): Promise<Record<string, string>> => {
      if (['svc', 'service', 'services'].includes(kind)) {
        const svc = await client.get<{ spec?: { selector?: Record<string, string>; ports?: Array<{ name?: string; port: number; targetPort?: number | string }> } }>(`/api/v1/namespaces/${namespace}/services/${name}`);
        const sp = svc.spec?.ports?.find((p) => String(p.port) === remote || p.name === remote);
        if (!sp) throw new Error(`Service ${name} does not have a service port ${remote}`);
        port = String(sp.targetPort ?? sp.port);
        return svc.spec?.selector ?? {};
      }
      const groups: Record<string, string> = { deploy: 'deployments', deployment: 'deployments', deployments: 'deployments', rs: 'replicasets', replicaset: 'replicasets', replicasets: 'replicasets', sts: 'statefulsets', statefulset: 'statefulsets', statefulsets: 'statefulsets' };
      if (!groups[kind]) throw new Error(`cannot attach to *v1.${kind}: selector for *v1.${kind} not implemented`);
      const o = await client.get<{ spec?: { selector?: { matchLabels?: Record<string, string> } } }>(`/apis/apps/v1/namespaces/${namespace}/${groups[kind]}/${name}`);
      return o.spec?.selector?.matchLabels ?? {};
    };
    const selector = Object.entries(await selectorOf()).map(([k, v]) => `${k}=${v}`).join(',');
    const pods = (await client.get<{ items: PodLike[] }>(`/api/v1/namespaces/${namespace}/pods`, { query: { labelSelector: selector } })).items;
    const running = pods.find((p) => p.status?.phase === 'Running') ?? pods[0];
    if (!running) throw new Error('timed out waiting for the condition');
    pod = running;
  }
  if (pod.status?.phase !== 'Running') throw new Error(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Unknown'}`);
  if (!/^\d+$/.test(port)) {
    const named = pod.spec?.containers?.flatMap((c) => c.ports ?? []).find((p) => p.name === port);
    if (!named) throw new Error(`Pod '${pod.metadata.name}' does not have a named port '${port}'`);
    port = String(named.containerPort);
  }
  return { pod: pod.metadata.name ?? '', port: Number(port) };
}

export const portForwardCommand: Command = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  flags: [
    { name: 'address', kind: 'string', default: 'localhost' },
    { name: 'pod-running-timeout', kind: 'string' },
  ],
  async run(ctx) {
    if (ctx.args.length < 2) throw new UsageError('TYPE/NAME and list of ports are required for port-forward');
    const listen = ctx.io.listenTCP ?? listener;
    if (!listen) throw new Error('port-forward needs a host that can listen on local ports');
    const { namespace } = await ctx.f.namespace();
    const address = (str(ctx.flags, 'address') || 'localhost').split(',')[0] === 'localhost' ? '127.0.0.1' : str(ctx.flags, 'address').split(',')[0]!;
    const servers: Array<{ close(): void }> = [];
    for (const spec of ctx.args.slice(1)) {
      const pair = parsePortPair(spec);
      const target = await resolveTarget(ctx, ctx.args[0]!, pair.remote);
      const server = await listen(address, pair.local, (local) => {
        ctx.io.stdout(`Handling connection for ${boundPort}\n`);
        void forward(ctx, namespace, target, local).catch((err: unknown) => {
          ctx.io.stderr(`E0000 portforward.go: "Unhandled Error" err="an error occurred forwarding ${boundPort} -> ${target.port}: ${(err as Error).message}"\n`);
          local.end();
        });
      });
      const boundPort = server.port;
      servers.push(server);
      ctx.io.stdout(`Forwarding from ${address}:${boundPort} -> ${target.port}\n`);
    }
    await new Promise<void>((resolve) => (ctx.io.signal ? ctx.io.signal.addEventListener('abort', () => resolve(), { once: true }) : undefined));
    for (const s of servers) s.close();
  },
};

/** forward pipes one local connection through its own port-forward WebSocket. */
async function forward(ctx: CommandContext, namespace: string, target: { pod: string; port: number }, local: LocalConnection): Promise<void> {
  const conn = await openWebSocket(ctx, `/api/v1/namespaces/${namespace}/pods/${target.pod}/portforward`, new URLSearchParams({ ports: String(target.port) }), ['v4.channel.k8s.io']);
  const writer = conn.writable.getWriter();
  local.onData((chunk) => void writer.write(frame(0, chunk)).catch(() => undefined));
  local.onEnd(() => void writer.close().catch(() => undefined));
  const seen = new Set<number>();
  const reader = conn.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const m = unframe(value);
    if (!m) continue;
    // The first message on each channel is the port number.
    if (!seen.has(m.channel)) {
      seen.add(m.channel);
      continue;
    }
    if (m.channel === 0) local.write(m.data.slice());
    else if (m.channel === 1 && m.data.length) throw new Error(new TextDecoder().decode(m.data));
  }
  local.end();
}
