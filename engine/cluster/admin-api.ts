// The admin API of a running Kubelab cluster: what `kubelab status|down|node|ssh|trace` ask the
// `kubelab up` process for (the browser worker calls the same handler in process). It is served on
// the API server's port under /kubelab/v1/, a path the Kubernetes API never uses; errors are
// Kubernetes Status objects. (No upstream twin: kind's and minikube's CLIs drive Docker instead.)
//
//   GET    /kubelab/v1/status                  cluster, components and nodes
//   POST   /kubelab/v1/nodes          {name}   add a node
//   DELETE /kubelab/v1/nodes/<name>            remove a node
//   POST   /kubelab/v1/nodes/<name>/fail       power the machine off
//   POST   /kubelab/v1/nodes/<name>/recover    power it back on
//   POST   /kubelab/v1/nodes/<name>/exec {argv, stdin?}   run a node-shell command; NDJSON stream
//   POST   /kubelab/v1/trace {from, to, protocol?}        trace a probe hop by hop
//   POST   /kubelab/v1/probe/http {url, method?, headers?, from?, timeoutMs?}   HTTP from inside (the grader)
//   POST   /kubelab/v1/probe/dns {name}                   a name looked up as a pod would
//   POST   /kubelab/v1/shutdown                stop the cluster (kubelab down)
import { newBadRequest, newNotFound, newStatus, StatusError, statusOf } from '../apimachinery/api/errors/errors.js';
import { serveProbe } from '../grader/admin-dataplane.js';
import type { Cluster } from './cluster.js';
import { NodeError } from './node-power.js';
import { runNodeCommand } from './node-shell.js';
import { clusterStatus, type ClusterInfo } from './status.js';
import { traceBetween } from './trace-target.js';

export const adminPrefix = '/kubelab/v1';

export type FetchHandler = (req: Request) => Promise<Response>;

export interface AdminOptions {
  /** info adds what only the host knows: URLs, data directory, pid. */
  info?: () => ClusterInfo;
  /** shutdown is called by POST /shutdown; the host stops the cluster after answering. */
  shutdown?: () => void;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body, null, 2) + '\n', { status, headers: { 'Content-Type': 'application/json' } });

function toStatusError(err: unknown): StatusError {
  if (err instanceof StatusError) return err;
  if (err instanceof NodeError) {
    return err.code === 'NotFound' ? new StatusError(newStatus(404, 'NotFound', err.message)) : new StatusError(newStatus(409, 'Conflict', err.message));
  }
  const message = (err as Error)?.message ?? String(err);
  if (/already exists/.test(message)) return new StatusError(newStatus(409, 'AlreadyExists', message));
  return new StatusError(statusOf(err));
}

async function readBody<T>(req: Request): Promise<T> {
  const text = await req.text();
  if (!text) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw newBadRequest('the request body is not valid JSON');
  }
}

const validNodeName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** execStream runs a node command and streams {stdout}/{stderr} lines, then {exitCode}. */
function execStream(cluster: Cluster, node: string, body: { argv?: unknown; stdin?: unknown }, signal: AbortSignal): Response {
  if (!Array.isArray(body.argv) || body.argv.length === 0 || !body.argv.every((a) => typeof a === 'string')) throw newBadRequest('argv must be a non-empty array of strings');
  const argv = body.argv as string[];
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
        exitCode = await runNodeCommand(cluster, node, argv, {
          stdout: (s) => send({ stdout: s }),
          stderr: (s) => send({ stderr: s }),
          stdin: stdin === undefined ? undefined : (async function* () { yield stdin; })(),
          signal,
        });
      } catch (err) {
        const e = toStatusError(err);
        send({ stderr: `${e.message}\n` });
        exitCode = e.code === 409 && /ssh: connect/.test(e.message) ? 255 : 1;
      }
      send({ exitCode });
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson' } });
}

/** newAdminHandler answers /kubelab/v1/… for one cluster. */
export function newAdminHandler(cluster: Cluster, options: AdminOptions = {}): FetchHandler {
  return async (req) => {
    const path = new URL(req.url).pathname.replace(/\/+$/, '');
    const method = req.method;
    try {
      if (!path.startsWith(adminPrefix)) throw newNotFound({ group: '', resource: '' }, path);
      const rest = path.slice(adminPrefix.length).split('/').filter(Boolean).map(decodeURIComponent);
      const [top, name, action] = rest;
      if (top === 'status' && rest.length === 1 && method === 'GET') return json(await clusterStatus(cluster, options.info?.()));
      if (top === 'shutdown' && rest.length === 1 && method === 'POST') {
        if (!options.shutdown) throw new StatusError(newStatus(405, 'MethodNotAllowed', 'this cluster cannot be shut down through its admin API'));
        queueMicrotask(options.shutdown);
        return json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', message: 'shutting down', code: 202 }, 202);
      }
      if (top === 'trace' && rest.length === 1 && method === 'POST') {
        const body = await readBody<{ from?: unknown; to?: unknown; protocol?: unknown }>(req);
        if (typeof body.from !== 'string' || typeof body.to !== 'string') throw newBadRequest('from and to are required');
        if (body.protocol !== undefined && body.protocol !== 'tcp' && body.protocol !== 'udp') throw newBadRequest(`protocol must be tcp or udp, not "${String(body.protocol)}"`);
        return json(await traceBetween(cluster, { from: body.from, to: body.to, protocol: body.protocol }));
      }
      if (top === 'probe' && name && rest.length === 2 && method === 'POST') return json(await serveProbe(cluster, name, await readBody(req)));
      if (top === 'nodes' && rest.length === 1 && method === 'POST') {
        const { name: newName } = await readBody<{ name?: unknown }>(req);
        if (typeof newName !== 'string' || !validNodeName.test(newName) || newName.length > 253) {
          throw newBadRequest(`invalid node name "${String(newName ?? '')}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`);
        }
        if (cluster.nodes.has(newName) || newName === cluster.master.name) throw new StatusError(newStatus(409, 'AlreadyExists', `node "${newName}" already exists`));
        const node = await cluster.addNode(newName);
        return json({ name: node.name, ip: node.machine.ip, podCIDR: node.machine.podCidr ?? '' }, 201);
      }
      if (top === 'nodes' && name && rest.length === 2 && method === 'DELETE') {
        await cluster.removeNode(name);
        return json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: 'nodes' }, code: 200 });
      }
      if (top === 'nodes' && name && rest.length === 3 && method === 'POST') {
        if (action === 'fail') await cluster.failNode(name);
        else if (action === 'recover') await cluster.recoverNode(name);
        else if (action === 'exec') return execStream(cluster, name, await readBody(req), req.signal);
        else throw newNotFound({ group: '', resource: '' }, path);
        return json({ name, failed: cluster.nodes.get(name)?.failed ?? false });
      }
      throw new StatusError(newStatus(404, 'NotFound', `the server could not find the requested resource (${method} ${path})`));
    } catch (err) {
      const e = toStatusError(err);
      return json(e.status, e.code);
    }
  };
}

/** withAdminAPI serves the admin paths beside the Kubernetes API on one handler. */
export function withAdminAPI(api: FetchHandler, admin: FetchHandler): FetchHandler {
  return (req) => (new URL(req.url).pathname.startsWith(`${adminPrefix}/`) ? admin(req) : api(req));
}
