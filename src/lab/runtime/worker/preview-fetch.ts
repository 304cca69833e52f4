// A preview's HTTP request sent into the lab's network with the dataplane's HTTP client (what curl
// uses on a node shell): from the master machine to a node's NodePort, through kube-proxy's rules,
// to a pod. Text bodies travel as text; anything else as base64 so images survive.
import { httpRequest } from '../../../../engine/net/tools/http-client.js';
import type { ToolContext } from '../../../../engine/net/tools/types.js';
import type { PreviewRequest, PreviewResponse } from '../types.js';

/** PREVIEW_TIMEOUT_MS is how long a preview waits for an answer (a DROP rule never answers). */
export const PREVIEW_TIMEOUT_MS = 10_000;

const enc = new TextEncoder();

/** isText says whether a content type is safe to pass as a string. */
export function isText(contentType: string | undefined): boolean {
  return !contentType || /^text\/|json|javascript|xml|svg|x-www-form-urlencoded/i.test(contentType);
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** fetchThroughDataplane answers a preview request, or says why the network refused it. */
export async function fetchThroughDataplane(ctx: ToolContext, req: PreviewRequest): Promise<PreviewResponse> {
  const headers = req.headers.filter(([k]) => !/^(host|content-length|connection)$/i.test(k));
  headers.push(['Connection', 'close']);
  const body = req.body === undefined ? undefined : enc.encode(req.body);
  const res = await httpRequest(ctx, { method: req.method, url: req.url, headers, body, connectTimeoutMs: PREVIEW_TIMEOUT_MS, maxTimeMs: PREVIEW_TIMEOUT_MS });
  if ('kind' in res) {
    switch (res.kind) {
      case 'url':
        return { url: req.url, error: `bad URL ${res.url}` };
      case 'resolve':
        return { url: req.url, error: `could not resolve host ${res.host}` };
      case 'connect':
        return { url: req.url, error: `failed to connect to ${res.host} port ${res.port}: ${res.code === 'ECONNREFUSED' ? 'Connection refused' : res.code === 'ETIMEDOUT' ? 'timed out' : res.code}` };
      case 'timeout':
        return { url: req.url, error: `no answer after ${res.elapsedMs} ms` };
      case 'reset':
        return { url: req.url, error: 'connection reset by peer' };
    }
  }
  const type = res.headers.get('content-type');
  const text = isText(type);
  const out: Array<[string, string]> = [...res.headers].filter(([k]) => k !== 'content-length' && k !== 'transfer-encoding');
  if (!text) out.push(['x-kubelab-body-encoding', 'base64']);
  return {
    url: req.url,
    status: res.status,
    statusText: res.statusLine.split(' ').slice(2).join(' '),
    headers: out,
    body: text ? new TextDecoder().decode(res.body) : base64(res.body),
  };
}
