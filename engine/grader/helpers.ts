// No upstream twin: small helpers lab checks are written with. They find objects the way a
// task describes them (by labels, images and ports rather than fixed names where the task leaves
// names open) and say what they saw in one line a learner can act on.
import type { Pod, ReplicationController, Service } from '../api/core/v1/types.js';
import type { Deployment, ReplicaSet } from '../api/apps/v1/types.js';
import type { CheckContext, CheckOutcome, HttpResult } from './types.js';

export const pass = (observed: string): CheckOutcome => ({ passed: true, observed });
export const fail = (observed: string): CheckOutcome => ({ passed: false, observed });
export const skip = (observed: string): CheckOutcome => ({ passed: false, skipped: true, observed });

/** Workload is a pod controller of any kind (RC, ReplicaSet, Deployment) seen the same way. */
export interface Workload {
  kind: 'ReplicationController' | 'ReplicaSet' | 'Deployment';
  name: string;
  replicas: number;
  /** selector is the equality part of the selector (matchLabels, or an RC's map). */
  selector: Record<string, string>;
  templateLabels: Record<string, string>;
  images: string[];
  readyReplicas: number;
  object: ReplicationController | ReplicaSet | Deployment;
}

/** workloads lists RCs, Deployments and the ReplicaSets no Deployment owns, in the namespace. */
export async function workloads(ctx: CheckContext): Promise<Workload[]> {
  const ns = ctx.namespace;
  const [rcs, deps, rss] = await Promise.all([
    ctx.client.coreV1().replicationControllers(ns).list(),
    ctx.client.appsV1().deployments(ns).list(),
    ctx.client.appsV1().replicaSets(ns).list(),
  ]);
  const images = (t?: { spec?: { containers?: { image?: string }[] } }) => t?.spec?.containers?.map((c) => c.image ?? '') ?? [];
  const out: Workload[] = rcs.items.map((o) => ({
    kind: 'ReplicationController',
    name: o.metadata.name ?? '',
    replicas: o.spec?.replicas ?? 1,
    selector: o.spec?.selector ?? o.spec?.template?.metadata?.labels ?? {},
    templateLabels: o.spec?.template?.metadata?.labels ?? {},
    images: images(o.spec?.template),
    readyReplicas: o.status?.readyReplicas ?? 0,
    object: o,
  }));
  for (const o of deps.items) {
    out.push({ kind: 'Deployment', name: o.metadata.name ?? '', replicas: o.spec?.replicas ?? 1, selector: o.spec?.selector?.matchLabels ?? {}, templateLabels: o.spec?.template?.metadata?.labels ?? {}, images: images(o.spec?.template), readyReplicas: o.status?.readyReplicas ?? 0, object: o });
  }
  for (const o of rss.items) {
    if (o.metadata.ownerReferences?.some((r) => r.kind === 'Deployment')) continue;
    out.push({ kind: 'ReplicaSet', name: o.metadata.name ?? '', replicas: o.spec?.replicas ?? 1, selector: o.spec?.selector?.matchLabels ?? {}, templateLabels: o.spec?.template?.metadata?.labels ?? {}, images: images(o.spec?.template), readyReplicas: o.status?.readyReplicas ?? 0, object: o });
  }
  return out;
}

/** imageRepo strips the tag and registry-less library prefix: "docker.io/library/nginx:1.9" → "nginx". */
export function imageRepo(image: string): string {
  const at = image.split('@')[0]!;
  const colon = at.lastIndexOf(':');
  const name = colon > at.lastIndexOf('/') ? at.slice(0, colon) : at;
  return name.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

/** usesImage says whether a workload runs one of the given repositories (any tag). */
export function usesImage(w: Workload, repos: string[]): boolean {
  return w.images.some((i) => repos.includes(imageRepo(i)));
}

/** matches says whether labels satisfy an equality selector (an empty selector selects nothing here). */
export function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** selectorText prints a selector as kubectl does ("app=web,tier=frontend"). */
export function selectorText(selector: Record<string, string> | undefined): string {
  return Object.entries(selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<none>';
}

/** podsSelectedBy lists the live pods (not being deleted) a selector selects. */
export async function podsSelectedBy(ctx: CheckContext, selector: Record<string, string>): Promise<Pod[]> {
  const pods = (await ctx.client.coreV1().pods(ctx.namespace).list({ labelSelector: selectorText(selector) })).items;
  return pods.filter((p) => !p.metadata.deletionTimestamp && matches(selector, p.metadata.labels));
}

/** podSummary says how many pods are in which phase: "3 pods: 2 Running, 1 Pending". */
export function podSummary(pods: Pod[]): string {
  const phases = new Map<string, number>();
  for (const p of pods) {
    const waiting = p.status?.containerStatuses?.find((c) => c.state?.waiting?.reason)?.state?.waiting?.reason;
    const phase = waiting ?? p.status?.phase ?? 'Pending';
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
  }
  const parts = [...phases].map(([k, n]) => `${n} ${k}`);
  return `${pods.length} pod${pods.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** allRunning says whether every pod is Running with all containers ready. */
export function allRunning(pods: Pod[]): boolean {
  return pods.every((p) => p.status?.phase === 'Running' && (p.status.containerStatuses ?? []).every((c) => c.ready));
}

/** servicesSelecting lists services whose selector selects the given pod labels. */
export async function servicesSelecting(ctx: CheckContext, labels: Record<string, string>): Promise<Service[]> {
  const list = (await ctx.client.coreV1().services(ctx.namespace).list()).items;
  return list.filter((s) => matches(s.spec?.selector, labels));
}

/** readyEndpoints counts the ready addresses of a service's Endpoints (0 when there are none). */
export async function readyEndpoints(ctx: CheckContext, service: string): Promise<number> {
  const ep = await ctx.client.coreV1().endpoints(ctx.namespace).get(service).catch(() => undefined);
  return (ep?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
}

/** getOrUndefined returns undefined for a missing object instead of throwing. */
export async function getOrUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if ((err as { code?: number; status?: { code?: number } }).code === 404 || (err as { status?: { code?: number } }).status?.code === 404) return undefined;
    throw err;
  }
}

/** httpViaNodePort asks the first Ready node's address on a NodePort, from outside the cluster. */
export async function httpViaNodePort(ctx: CheckContext, nodePort: number, path = '/'): Promise<{ url: string; res: HttpResult }> {
  const [address] = await ctx.nodeAddresses();
  if (!address) return { url: `<no Ready node>:${nodePort}${path}`, res: { ok: false, error: 'no Ready node has an InternalIP address' } };
  const url = `http://${address}:${nodePort}${path}`;
  return { url, res: await ctx.net.http(url, { from: 'outside' }) };
}

/** answerText describes an HTTP result in one line. */
export function answerText(url: string, res: HttpResult): string {
  if (!res.ok) return `${url}: ${res.error}`;
  const server = res.headers.get('server');
  return `${url} answered ${res.status}${server ? ` (Server: ${server})` : ''}`;
}
