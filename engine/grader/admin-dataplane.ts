// No upstream twin: the dataplane of a `kubelab up` cluster graded over HTTP. Its admin API
// (/kubelab/v1 on the API server's port) runs each probe inside the cluster with clusterDataplane
// — HTTP from the probe pod on node-1 or from the master machine, DNS as a pod resolves — so a
// check sees what it sees in process and nothing has to be skipped. A cluster is known to be a
// Kubelab cluster when it answers GET /kubelab/v1/status with its ClusterStatus; any other API
// server answers 404 (or 403) there and keeps the host's fetchDataplane.
//
//   POST /kubelab/v1/probe/http {url, method?, headers?, from?, timeoutMs?} → HttpResult (headers as pairs)
//   POST /kubelab/v1/probe/dns  {name}                                      → {name, addresses}
import { newBadRequest, newNotFound } from '../apimachinery/api/errors/errors.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Clock } from '../util/clock.js';
import { clusterDataplane } from './dataplane.js';
import type { Dataplane, HttpOptions, HttpResult } from './types.js';

const adminPath = '/kubelab/v1';

/** WireHttpResult is an HttpResult as JSON carries it. */
type WireHttpResult = { ok: true; status: number; headers: [string, string][]; body: string; remote: string } | { ok: false; error: string };

const isStringRecord = (v: unknown): v is Record<string, string> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/** probeOptions checks the body of a probe/http request field by field, as the API server would. */
function probeOptions(body: Record<string, unknown>): { url: string; opts: HttpOptions } {
  const { url, method, headers, from, timeoutMs } = body;
  if (typeof url !== 'string' || !url) throw newBadRequest('url is required');
  if (method !== undefined && (typeof method !== 'string' || !/^[A-Z]+$/.test(method))) throw newBadRequest(`method must be an HTTP method, not ${JSON.stringify(method)}`);
  if (headers !== undefined && !isStringRecord(headers)) throw newBadRequest('headers must map names to strings');
  if (from !== undefined && from !== 'pod' && from !== 'outside') throw newBadRequest(`from must be "pod" or "outside", not ${JSON.stringify(from)}`);
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || timeoutMs > 60_000)) throw newBadRequest('timeoutMs must be a number of milliseconds from 1 to 60000');
  return { url, opts: { ...(method ? { method } : {}), ...(headers ? { headers } : {}), ...(from ? { from } : {}), ...(timeoutMs ? { timeoutMs } : {}) } };
}

/** serveProbe answers POST /kubelab/v1/probe/<kind> for the admin API. */
export async function serveProbe(cluster: Cluster, kind: string, body: Record<string, unknown>): Promise<object> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw newBadRequest('the request body must be a JSON object');
  const net = clusterDataplane(cluster);
  if (kind === 'dns') {
    if (typeof body.name !== 'string' || !body.name) throw newBadRequest('name is required');
    return { name: body.name, addresses: await net.lookup(body.name) };
  }
  if (kind === 'http') {
    const { url, opts } = probeOptions(body);
    const res = await net.http(url, opts);
    return res.ok ? { ...res, headers: [...res.headers] } : res;
  }
  throw newNotFound({ group: '', resource: 'probe' }, kind);
}

/** statusMessage reads a Status error's message from an answer, or says what came back. */
async function statusMessage(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const status = JSON.parse(text) as { message?: string };
    if (status.message) return status.message;
  } catch {
    // Not a Status: say what came back.
  }
  return `HTTP ${res.status}${text.trim() ? `: ${text.trim().slice(0, 200)}` : ''}`;
}

/** findAdminAPI returns the admin API's URL when server is a Kubelab cluster, else undefined. */
export async function findAdminAPI(server: string, headers: Record<string, string>, clock: Clock, fetchFn: typeof fetch = fetch): Promise<string | undefined> {
  const url = `${server.replace(/\/+$/, '')}${adminPath}`;
  const abort = new AbortController();
  const timer = clock.setTimer(10_000, () => abort.abort());
  try {
    const res = await fetchFn(`${url}/status`, { headers: { ...headers, Accept: 'application/json' }, signal: abort.signal });
    if (!res.ok) return undefined;
    const status = (await res.json()) as { kind?: string };
    return status.kind === 'ClusterStatus' ? url : undefined;
  } catch {
    // Unreachable or not JSON: not an admin API the grader can use.
    return undefined;
  } finally {
    timer.stop();
  }
}

/** adminDataplane sends each probe to the admin API at adminURL (from findAdminAPI). */
export function adminDataplane(adminURL: string, headers: Record<string, string>, clock: Clock, fetchFn: typeof fetch = fetch): Dataplane {
  /** post sends one probe; the probe's own timeout runs in the cluster, this one guards the request. */
  const post = async (kind: string, body: object, timeoutMs: number): Promise<unknown> => {
    const abort = new AbortController();
    const timer = clock.setTimer(timeoutMs + 10_000, () => abort.abort());
    try {
      let res: Response;
      try {
        res = await fetchFn(`${adminURL}/probe/${kind}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: abort.signal });
      } catch (err) {
        throw new Error(`the cluster's admin API did not answer: ${abort.signal.aborted ? `no answer within ${(timeoutMs + 10_000) / 1000}s` : (err as Error).message}`);
      }
      if (!res.ok) throw new Error(`the cluster's admin API refused the probe: ${await statusMessage(res)}`);
      return await res.json();
    } finally {
      timer.stop();
    }
  };
  return {
    inCluster: true,
    async http(url, opts: HttpOptions = {}): Promise<HttpResult> {
      let wire: WireHttpResult;
      try {
        wire = (await post('http', { url, ...opts }, opts.timeoutMs ?? 3000)) as WireHttpResult;
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
      return wire.ok ? { ...wire, headers: new Map(wire.headers) } : wire;
    },
    async lookup(name) {
      return ((await post('dns', { name }, 3000)) as { addresses: string[] }).addresses;
    },
  };
}
