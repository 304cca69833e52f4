// The admin API (admin-api.ts) of a cluster whose node machines run in processes of their own
// (`kubelab up --processes`): status, node add|remove|fail|recover and the node shell are answered
// from the host's table of node processes — failing a node kills its process, recovering starts a
// new one, `kubelab ssh` is sent on to the node's process. Trace, probes and shutdown are answered
// as for a cluster in one process. (No upstream twin.)
import type { Node } from '../api/core/v1/types.js';
import { newBadRequest, newStatus, StatusError, statusOf } from '../apimachinery/api/errors/errors.js';
import { adminPrefix, newAdminHandler, type AdminOptions, type FetchHandler } from './admin-api.js';
import type { Cluster } from './cluster.js';
import { nodeShellPath } from './node-process.js';
import { deleteNodeAndPods, NodeError } from './node-power.js';
import { clusterStatus, nodeReady, type ClusterInfo, type ClusterStatus } from './status.js';

/** NodeProcessInfo is one node machine's process as the host knows it. */
export interface NodeProcessInfo {
  name: string;
  ip: string;
  podCIDR?: string;
  /** state is Failed from `kubelab node fail` (or a crash) until the machine is recovered. */
  state: 'Running' | 'Failed';
  pid?: number;
  /** url is where the node's kubelet server and node shell answer while it runs. */
  url?: string;
}

/** NodeProcessTable starts, kills and restarts node processes; errors are NodeErrors. */
export interface NodeProcessTable {
  list(): NodeProcessInfo[];
  get(name: string): NodeProcessInfo | undefined;
  add(name: string): Promise<NodeProcessInfo>;
  fail(name: string): Promise<void>;
  recover(name: string): Promise<void>;
  remove(name: string): Promise<void>;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body, null, 2) + '\n', { status, headers: { 'Content-Type': 'application/json' } });
const ndjson = (lines: object[]) => new Response(lines.map((l) => JSON.stringify(l) + '\n').join(''), { headers: { 'Content-Type': 'application/x-ndjson' } });
const validNodeName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function toStatus(err: unknown): StatusError {
  if (err instanceof StatusError) return err;
  if (err instanceof NodeError) return new StatusError(newStatus(err.code === 'NotFound' ? 404 : 409, err.code, err.message));
  return new StatusError(statusOf(err));
}

function mustGet(table: NodeProcessTable, name: string): NodeProcessInfo {
  const n = table.get(name);
  if (!n) throw new NodeError(`node "${name}" not found`, 'NotFound');
  return n;
}

/** processStatus is clusterStatus with the node processes in place of in-process machines. */
export async function processStatus(cluster: Cluster, table: NodeProcessTable, info?: ClusterInfo): Promise<ClusterStatus> {
  const s = await clusterStatus(cluster, info);
  const apiNodes = new Map((await cluster.client.coreV1().nodes().list()).items.map((n) => [(n as Node).metadata.name ?? '', n as Node]));
  for (const n of table.list()) {
    const state = n.state === 'Running' ? 'Running' : 'Stopped';
    s.components.push({ name: 'kubelet', machine: n.name, state }, { name: 'kube-proxy', machine: n.name, state });
    const api = apiNodes.get(n.name);
    s.nodes.push({ name: n.name, ip: n.ip, podCIDR: n.podCIDR ?? api?.spec?.podCIDR ?? '', machine: n.state, ready: nodeReady(api), pid: n.pid });
  }
  return s;
}

/** nodeShell sends `kubelab ssh` on to the node's process; a powered-off machine does not answer. */
async function nodeShell(table: NodeProcessTable, name: string, req: Request): Promise<Response> {
  const n = table.get(name);
  if (!n) return ndjson([{ stderr: `node "${name}" not found\n` }, { exitCode: 1 }]);
  const unreachable = () => ndjson([{ stderr: `ssh: connect to host ${n.ip} port 22: No route to host\n` }, { exitCode: 255 }]);
  if (n.state !== 'Running' || !n.url) return unreachable();
  try {
    const res = await fetch(new URL(nodeShellPath(name), n.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: await req.text(), signal: req.signal });
    return new Response(res.body, { status: res.status, headers: res.headers });
  } catch {
    return unreachable();
  }
}

/** newProcessAdminHandler answers /kubelab/v1/… for a cluster whose nodes are processes in table. */
export function newProcessAdminHandler(cluster: Cluster, table: NodeProcessTable, options: AdminOptions = {}): FetchHandler {
  const inProcess = newAdminHandler(cluster, options);
  return async (req) => {
    const path = new URL(req.url).pathname.replace(/\/+$/, '');
    const rest = path.slice(adminPrefix.length).split('/').filter(Boolean).map(decodeURIComponent);
    const [top, name, action] = rest;
    const method = req.method;
    try {
      if (top === 'status' && rest.length === 1 && method === 'GET') return json(await processStatus(cluster, table, options.info?.()));
      if (top !== 'nodes') return inProcess(req);
      if (rest.length === 1 && method === 'POST') {
        const { name: newName } = (JSON.parse((await req.text()) || '{}') ?? {}) as { name?: unknown };
        if (typeof newName !== 'string' || !validNodeName.test(newName) || newName.length > 253) {
          throw newBadRequest(`invalid node name "${String(newName ?? '')}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`);
        }
        if (table.get(newName) || newName === cluster.master.name) throw new StatusError(newStatus(409, 'AlreadyExists', `node "${newName}" already exists`));
        const n = await table.add(newName);
        return json({ name: n.name, ip: n.ip, podCIDR: n.podCIDR ?? '' }, 201);
      }
      if (name && rest.length === 2 && method === 'DELETE') {
        mustGet(table, name);
        await table.remove(name);
        await deleteNodeAndPods(cluster.client, name);
        return json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: 'nodes' }, code: 200 });
      }
      if (name && rest.length === 3 && method === 'POST') {
        if (action === 'exec') return await nodeShell(table, name, req);
        if (action === 'fail') await table.fail(name);
        else if (action === 'recover') await table.recover(name);
        else return inProcess(req);
        return json({ name, failed: table.get(name)?.state === 'Failed' });
      }
      return inProcess(req);
    } catch (err) {
      const e = err instanceof SyntaxError ? newBadRequest('the request body is not valid JSON') : toStatus(err);
      return json(e.status, e.code);
    }
  };
}
