// The documents' kube-ui dashboard (gcr.io/google_containers/kube-ui, the add-on behind /ui in 1.x),
// as an original small page: one HTML view of the nodes, pods and services, read through the
// in-cluster config on each request, served on 8080 — through a NodePort or the API server's
// service proxy path (links are relative, so the page works under either prefix).
import type { Image, Program } from '../types.js';
import type { Node, Pod, Service } from '../../api/core/v1/types.js';
import { newForConfig, type Clientset } from '../../client/kubernetes/clientset.js';
import { inClusterConfig } from '../../client/rest/incluster/in-cluster-config.js';
import { serveHttp, type HttpResponse } from '../lib/http.js';
import { untilAborted } from '../lib/process-util.js';

const escape = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function table(title: string, head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.length ? rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n') : `<tr><td colspan="${head.length}">none</td></tr>`;
  return `<h2 id="${title.toLowerCase()}">${escape(title)} (${rows.length})</h2>\n<table>\n<tr>${th}</tr>\n${body}\n</table>`;
}

function nodeRow(n: Node): string[] {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const status = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  return [n.metadata.name ?? '', status + (n.spec?.unschedulable ? ',SchedulingDisabled' : ''), ip, String(n.status?.capacity?.cpu ?? ''), String(n.status?.capacity?.memory ?? '')];
}

function podRow(p: Pod): string[] {
  const reason = p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting?.reason ?? p.status?.phase ?? '');
  const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  return [p.metadata.namespace ?? '', p.metadata.name ?? '', reason, String(restarts), p.spec?.nodeName ?? '', p.status?.podIP ?? ''];
}

function serviceRow(s: Service): string[] {
  const ports = (s.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
  const selector = Object.entries(s.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  return [s.metadata.namespace ?? '', s.metadata.name ?? '', s.spec?.type ?? 'ClusterIP', s.spec?.clusterIP ?? '', ports, selector];
}

/** dashboard renders the page from the cluster's current lists. */
export async function dashboard(client: Clientset): Promise<string> {
  const [nodes, pods, services] = await Promise.all([
    client.coreV1().nodes().list(),
    client.coreV1().pods('').list(),
    client.coreV1().services('').list(),
  ]);
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Kubernetes UI</title>
<style>
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { border: 1px solid #999; padding: 0.25em 0.6em; text-align: left; }
th { background: #326ce5; color: #fff; }
</style>
</head>
<body>
<h1>Kubernetes UI</h1>
<p><a href="#nodes">Nodes</a> · <a href="#pods">Pods</a> · <a href="#services">Services</a> · <a href="./">refresh</a></p>
${table('Nodes', ['NAME', 'STATUS', 'ADDRESS', 'CPU', 'MEMORY'], nodes.items.map(nodeRow))}
${table('Pods', ['NAMESPACE', 'NAME', 'STATUS', 'RESTARTS', 'NODE', 'IP'], pods.items.map(podRow))}
${table('Services', ['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'PORT(S)', 'SELECTOR'], services.items.map(serviceRow))}
</body>
</html>
`;
}

/** kubeUI serves the dashboard on --port (8080). */
export const kubeUI: Program = async (ctx) => {
  const portArg = ctx.argv.find((a) => a.startsWith('--port='));
  const port = portArg ? Number(portArg.slice('--port='.length)) : 8080;
  let client: Clientset;
  try {
    client = newForConfig(inClusterConfig(ctx, 'kube-ui/v5'));
  } catch (err) {
    ctx.stderr(`${(err as Error).message}\n`);
    return 1;
  }
  const handle = async (path: string): Promise<HttpResponse> => {
    if (path.endsWith('/healthz')) return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' };
    try {
      return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: await dashboard(client) };
    } catch (err) {
      return { status: 502, headers: { 'Content-Type': 'text/plain' }, body: `cannot reach the API server: ${(err as Error).message}\n` };
    }
  };
  const server = await serveHttp(ctx.net, port, (req) => handle(req.path));
  ctx.stdout(`Starting kube-ui on :${port}\n`);
  await untilAborted(ctx);
  server.close();
  return 0;
};

export const kubeUIImage: Image = {
  name: 'kubelab/kube-ui',
  tags: ['latest', 'v5', 'v4', 'v3', 'v2', 'v1.1', 'v1'],
  config: { entrypoint: ['/kube-ui'], exposedPorts: [8080] },
  programs: { 'kube-ui': kubeUI },
  files: { '/kube-ui': '' },
  sizeBytes: 5_676_927,
};
