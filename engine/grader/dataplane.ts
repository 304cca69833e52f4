// No upstream twin: how checks reach a cluster's network. Inside Kubelab a check speaks from a
// probe pod on node-1 (cluster IPs, pod IPs, DNS) or from the master machine on the node network
// (NodePorts, as a browser on the LAN would); a remote cluster is reached with the host's fetch,
// so only node addresses and NodePorts work there.
import type { Cluster } from '../cluster/cluster.js';
import { dnsServiceIP } from '../cluster/addons.js';
import type { NetNamespace } from '../net/netns.js';
import { httpRequest, type HttpFailure } from '../net/tools/http-client.js';
import { lookupHost } from '../net/tools/resolver.js';
import type { ToolContext } from '../net/tools/types.js';
import type { Clock } from '../util/clock.js';
import type { Dataplane, HttpOptions, HttpResult } from './types.js';

const probePod = 'kubelab-grader-probe';
const resolv = { nameservers: [dnsServiceIP], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 };
const dec = new TextDecoder();

function describeFailure(f: HttpFailure): string {
  switch (f.kind) {
    case 'resolve':
      return `could not resolve host ${f.host}`;
    case 'connect':
      return f.code === 'ECONNREFUSED' ? `connection to ${f.host}:${f.port} refused` : `connect to ${f.host}:${f.port} failed: ${f.code}`;
    case 'timeout':
      return `no answer within ${f.elapsedMs} ms`;
    case 'url':
      return `malformed URL ${f.url}`;
    case 'reset':
      return 'connection reset by peer';
  }
}

/** isNodeAddress tells the node network (192.168.x.x, 127.x) from pod and service ranges. */
function outsideByDefault(url: string): boolean {
  const host = new URL(url.includes('://') ? url : `http://${url}`).hostname;
  return /^(192\.168\.|127\.)/.test(host);
}

/** clusterDataplane reaches a Kubelab cluster's dataplane in process. */
export function clusterDataplane(cluster: Cluster): Dataplane {
  const clock = cluster.clock;
  const probe = (): NetNamespace => {
    const node = [...cluster.nodes.values()][0];
    if (!node) return cluster.master.host;
    return node.machine.setUpPod(probePod).netns;
  };
  const ctx = (netns: NetNamespace): ToolContext => ({ netns, clock, resolv });
  return {
    inCluster: true,
    async http(url, opts: HttpOptions = {}) {
      const outside = opts.from ? opts.from === 'outside' : outsideByDefault(url);
      const netns = outside ? cluster.master.host : probe();
      const res = await httpRequest(ctx(netns), {
        method: opts.method ?? 'GET',
        url,
        headers: Object.entries(opts.headers ?? {}),
        connectTimeoutMs: opts.timeoutMs ?? 3000,
        maxTimeMs: opts.timeoutMs ?? 3000,
      });
      if ('kind' in res) return { ok: false, error: describeFailure(res) };
      return { ok: true, status: res.status, headers: res.headers, body: dec.decode(res.body), remote: res.remote };
    },
    async lookup(name) {
      return (await lookupHost(ctx(probe()), name)).addresses;
    },
  };
}

/** fetchDataplane reaches a remote cluster's NodePorts with the host's fetch. */
export function fetchDataplane(clock: Clock, fetchFn: typeof fetch = fetch): Dataplane {
  return {
    inCluster: false,
    async http(url, opts: HttpOptions = {}): Promise<HttpResult> {
      const abort = new AbortController();
      const ms = opts.timeoutMs ?? 3000;
      const timer = clock.setTimer(ms, () => abort.abort());
      try {
        const res = await fetchFn(url.includes('://') ? url : `http://${url}`, { method: opts.method ?? 'GET', headers: opts.headers, signal: abort.signal });
        const headers = new Map<string, string>();
        res.headers.forEach((v, k) => headers.set(k.toLowerCase(), v));
        return { ok: true, status: res.status, headers, body: await res.text(), remote: new URL(url.includes('://') ? url : `http://${url}`).host };
      } catch (err) {
        return { ok: false, error: abort.signal.aborted ? `no answer within ${ms} ms` : (err as Error).message };
      } finally {
        timer.stop();
      }
    },
    async lookup() {
      return [];
    },
  };
}
