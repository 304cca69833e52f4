// Mirrors pkg/registry/core/pod/rest/log.go (LogREST) and LogLocation in pkg/registry/core/pod/strategy.go:
// GET pods/<name>/log validates PodLogOptions, picks the container (the only one, or the one asked
// for), and streams the kubelet's answer as text/plain. A pod not yet scheduled has no log: 200, empty.
import { newBadRequest, newInvalid, newStatus, StatusError } from '../../../../../apimachinery/api/errors/errors.js';
import { forbidden, invalid, type ErrorList } from '../../../../../apimachinery/util/validation/field/errors.js';
import type { KubeObject } from '../../../../../apimachinery/apis/meta/v1/types.js';
import { kubeletPort, type ContainerLogOptions, type NodeConnection } from './node-connection.js';

interface PodShape extends KubeObject {
  spec?: { nodeName?: string; containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }>; ephemeralContainers?: Array<{ name: string }> };
}

export interface PodLogOptions extends ContainerLogOptions {
  container?: string;
}

const intParam = (q: URLSearchParams, name: string): number | undefined => {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw newBadRequest(`${name}: strconv.ParseInt: parsing "${v}": invalid syntax`);
  return Number(v);
};

const boolParam = (q: URLSearchParams, name: string): boolean | undefined => {
  const v = q.get(name);
  if (v === null) return undefined;
  if (!/^(true|false|1|0|t|f|TRUE|FALSE|True|False|)$/.test(v)) throw newBadRequest(`${name}: strconv.ParseBool: parsing "${v}": invalid syntax`);
  return /^(true|1|t|TRUE|True|)$/.test(v);
};

/** podLogOptionsFrom decodes the query parameters of a pods/log request. */
export function podLogOptionsFrom(q: URLSearchParams): PodLogOptions {
  const o: PodLogOptions = {};
  const set = <K extends keyof PodLogOptions>(k: K, v: PodLogOptions[K] | undefined) => {
    if (v !== undefined) o[k] = v;
  };
  set('container', q.get('container') ?? undefined);
  set('follow', boolParam(q, 'follow'));
  set('previous', boolParam(q, 'previous'));
  set('timestamps', boolParam(q, 'timestamps'));
  set('tailLines', intParam(q, 'tailLines'));
  set('sinceSeconds', intParam(q, 'sinceSeconds'));
  set('limitBytes', intParam(q, 'limitBytes'));
  set('sinceTime', q.get('sinceTime') ?? undefined);
  return o;
}

/** validatePodLogOptions is ValidatePodLogOptions. */
export function validatePodLogOptions(o: PodLogOptions): ErrorList {
  const errs: ErrorList = [];
  if (o.tailLines !== undefined && o.tailLines < 0) errs.push(invalid('tailLines', o.tailLines, 'must be greater than or equal to 0'));
  if (o.limitBytes !== undefined && o.limitBytes < 1) errs.push(invalid('limitBytes', o.limitBytes, 'must be greater than 0'));
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined) errs.push(forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  else if (o.sinceSeconds !== undefined && o.sinceSeconds < 1) errs.push(invalid('sinceSeconds', o.sinceSeconds, 'must be greater than 0'));
  return errs;
}

/** validateContainer resolves the container a request means, in upstream's words when it cannot. */
export function validateContainer(container: string | undefined, pod: PodShape): string {
  const name = pod.metadata.name ?? '';
  const spec = pod.spec ?? {};
  const containers = spec.containers ?? [];
  const all = [...(spec.initContainers ?? []), ...containers, ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
  if (!container) {
    if (containers.length === 1) return containers[0]!.name;
    if (containers.length === 0) throw newBadRequest(`a container name must be specified for pod ${name}`);
    throw newBadRequest(`a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`);
  }
  if (!all.includes(container)) throw newBadRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

/**
 * streamLogs is LogREST.Get + LocationStreamer: it answers with the container's log stream, or an
 * empty body when the pod has no node yet.
 */
export async function streamLogs(pod: PodShape, q: URLSearchParams, conn: NodeConnection | undefined): Promise<Response> {
  const opts = podLogOptionsFrom(q);
  const errs = validatePodLogOptions(opts);
  if (errs.length) throw newInvalid({ group: '', kind: 'PodLogOptions' }, pod.metadata.name ?? '', errs);
  const container = validateContainer(opts.container, pod);
  const headers = { 'Content-Type': 'text/plain' };
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return new Response('', { status: 200, headers });
  const { container: _c, ...kubeletOpts } = opts;
  void _c;
  const ns = pod.metadata.namespace ?? '';
  const podName = pod.metadata.name ?? '';
  if (!conn) throw unreachable(nodeName, ns, podName, container);
  let body: ReadableStream<Uint8Array>;
  try {
    body = await conn.getContainerLogs(nodeName, ns, podName, container, kubeletOpts);
  } catch (err) {
    if (err instanceof StatusError) throw err;
    throw newBadRequest(err instanceof Error ? err.message : String(err));
  }
  if (opts.limitBytes !== undefined) body = body.pipeThrough(limitBytes(opts.limitBytes));
  return new Response(body, { status: 200, headers });
}

/** unreachable is the error a dial to a node without a kubelet gives (reason unknown, code 500). */
function unreachable(node: string, ns: string, pod: string, container: string): StatusError {
  const host = `${node}:${kubeletPort}`;
  return new StatusError(newStatus(500, '', `Get "https://${host}/containerLogs/${ns}/${pod}/${container}": dial tcp ${host}: connect: connection refused`));
}

function limitBytes(max: number): TransformStream<Uint8Array, Uint8Array> {
  let left = max;
  return new TransformStream({
    transform(chunk, ctrl) {
      if (left <= 0) return;
      const part = chunk.byteLength > left ? chunk.subarray(0, left) : chunk;
      left -= part.byteLength;
      ctrl.enqueue(part);
      if (left <= 0) ctrl.terminate();
    },
  });
}
