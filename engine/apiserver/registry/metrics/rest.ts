// Mirrors sigs.k8s.io/metrics-server (pkg/api/node.go, pod.go and the summary scraper) as if it were
// aggregated into the API server: metrics.k8s.io/v1beta1 NodeMetrics and PodMetrics built from each
// kubelet's /stats/summary, read through the node connection at request time. Simplified: no
// scrape loop or store (every request scrapes), no APIService object; nodes that cannot be reached
// are left out, as metrics-server leaves them out.
import { newBadRequest, newMethodNotSupported, newNotFound, newStatus, StatusError } from '../../../apimachinery/api/errors/errors.js';
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { parse as parseSelector } from '../../../apimachinery/labels/parser.js';
import type { RequestInfo } from '../../endpoints/request/request-info.js';
import type { ResourceDefinition } from '../rest/resource.js';
import type { NodeConnection } from '../core/pod/rest/node-connection.js';

export const metricsGroup = 'metrics.k8s.io';
export const metricsVersion = 'v1beta1';
const apiVersion = `${metricsGroup}/${metricsVersion}`;
/** window is the interval the usage is averaged over (metrics-server's default resolution). */
const window = '10s';

const describe = (kind: string, resource: string, namespaced: boolean) =>
  ({ group: metricsGroup, version: metricsVersion, kind, listKind: `${kind}List`, resource, singular: '', shortNames: [], categories: [], namespaced, verbs: ['get', 'list'] }) as unknown as ResourceDefinition;

/**
 * metricsDefinitions describe the two resources for discovery only (/apis, /apis/metrics.k8s.io…):
 * they have no store; serveMetrics answers their requests.
 */
export const metricsDefinitions: ResourceDefinition[] = [describe('NodeMetrics', 'nodes', false), describe('PodMetrics', 'pods', true)];

interface SummaryStats {
  node: { nodeName: string; cpu: { time: string; usageNanoCores: number }; memory: { workingSetBytes: number } };
  pods: Array<{ podRef: { name: string; namespace: string }; containers: Array<{ name: string; cpu: { usageNanoCores: number }; memory: { workingSetBytes: number } }> }>;
}

/** MetricsSources are the objects the metrics are joined with (the API server's own stores). */
export interface MetricsSources {
  nodes(): KubeObject[];
  pods(namespace: string): KubeObject[];
  conn?: NodeConnection;
  now(): number;
}

const usage = (nanoCores: number, bytes: number) => ({ cpu: `${Math.round(nanoCores)}n`, memory: `${Math.round(bytes / 1024)}Ki` });
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

async function scrape(sources: MetricsSources, node: string): Promise<SummaryStats | undefined> {
  if (!sources.conn?.kubelet) return undefined;
  try {
    const res = await sources.conn.kubelet(node, new Request(`http://${node}:10250/stats/summary`));
    return res.status === 200 ? ((await res.json()) as SummaryStats) : undefined;
  } catch {
    return undefined;
  }
}

/** serveMetrics answers GET requests of metrics.k8s.io/v1beta1. */
export async function serveMetrics(info: RequestInfo, url: URL, sources: MetricsSources): Promise<Response> {
  const notFound = () => new StatusError(newStatus(404, 'NotFound', 'the server could not find the requested resource', {}));
  if (info.apiVersion !== metricsVersion || !['nodes', 'pods'].includes(info.resource) || info.subresource) throw notFound();
  const gr = { group: metricsGroup, resource: info.resource };
  if (info.verb !== 'get' && info.verb !== 'list') throw newMethodNotSupported(gr, info.verb);
  if (info.resource === 'nodes' && info.namespace) throw notFound();
  let selector;
  try {
    selector = parseSelector(url.searchParams.get('labelSelector') ?? '');
  } catch (err) {
    throw newBadRequest((err as Error).message);
  }
  const now = iso(sources.now());
  const labelsOf = (o: KubeObject) => o.metadata.labels ?? {};
  let items: object[];
  if (info.resource === 'nodes') {
    const nodes = sources.nodes().filter((n) => (info.name ? n.metadata.name === info.name : selector.matches(labelsOf(n))));
    const summaries = await Promise.all(nodes.map((n) => scrape(sources, n.metadata.name ?? '')));
    items = nodes.flatMap((n, i) => {
      const s = summaries[i];
      if (!s) return [];
      return [{ metadata: { name: n.metadata.name, creationTimestamp: now, labels: labelsOf(n) }, timestamp: s.node.cpu.time, window, usage: usage(s.node.cpu.usageNanoCores, s.node.memory.workingSetBytes) }];
    });
  } else {
    const pods = sources.pods(info.namespace).filter((p) => (info.name ? p.metadata.name === info.name : selector.matches(labelsOf(p))));
    const byNode = new Set(pods.map((p) => (p as { spec?: { nodeName?: string } }).spec?.nodeName).filter((n): n is string => !!n));
    const stats = new Map<string, SummaryStats['pods'][number]>();
    for (const s of await Promise.all([...byNode].map((n) => scrape(sources, n)))) for (const p of s?.pods ?? []) stats.set(`${p.podRef.namespace}/${p.podRef.name}`, p);
    items = pods.flatMap((p) => {
      const s = stats.get(`${p.metadata.namespace}/${p.metadata.name}`);
      if (!s) return [];
      return [{
        metadata: { name: p.metadata.name, namespace: p.metadata.namespace, creationTimestamp: now, labels: labelsOf(p) },
        timestamp: now,
        window,
        containers: s.containers.map((c) => ({ name: c.name, usage: usage(c.cpu.usageNanoCores, c.memory.workingSetBytes) })),
      }];
    });
  }
  const kind = info.resource === 'nodes' ? 'NodeMetrics' : 'PodMetrics';
  const body = info.name
    ? items[0] ? { kind, apiVersion, ...items[0] } : undefined
    : { kind: `${kind}List`, apiVersion, metadata: {}, items };
  if (!body) throw newNotFound({ group: metricsGroup, resource: info.resource === 'nodes' ? 'nodemetrics' : 'podmetrics' }, info.name);
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}
