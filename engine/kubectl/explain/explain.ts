// Mirrors k8s.io/kubectl/pkg/explain/explain.go and client-go/openapi: splits "TYPE.FIELD.FIELD"
// into a resource and a field path, and fetches the OpenAPI v3 document of a group version.
import type { APIResource, Discovery } from '../rest/discovery.js';
import type { RESTClient } from '../rest/client.js';
import type { GVR } from './v2/plaintext.js';
import type { Schema } from './v2/funcs.js';

/** NoResourceMatchError is meta.NoResourceMatchError; kubectl prints it without "error: ". */
export class NoResourceMatchError extends Error {
  constructor(readonly resource: string) {
    super(`the server doesn't have a resource type "${resource}"`);
  }
}

const toGVR = (r: APIResource): GVR => ({ group: r.group, version: r.version, resource: r.name });

/** resourcesFor is RESTMapper.ResourcesFor for a bare name: every version, preferred first. */
async function resourcesFor(d: Discovery, typed: string): Promise<APIResource[]> {
  await d.load();
  const first = d.match(typed);
  if (!first) throw new NoResourceMatchError(typed);
  return d.resources.filter((r) => r.group === first.group && r.name === first.name);
}

function splitDotNotation(model: string): [string, string[]] {
  const parts = model.replace(/\.$/, '').split('.');
  return [parts[0]!, parts.slice(1)];
}

/** splitAndParseResourceRequest resolves the first dotted word; the rest is the field path. */
export async function splitAndParseResourceRequest(input: string, d: Discovery): Promise<{ gvr: GVR; fieldPath: string[] }> {
  const [name, fieldPath] = splitDotNotation(input);
  const [r] = await resourcesFor(d, name);
  return { gvr: toGVR(r!), fieldPath };
}

/**
 * splitAndParseResourceRequestWithMatchingPrefix lets the input name a group too
 * ("deployments.apps.spec"): the first resource whose "resource.group" prefixes it wins.
 */
export async function splitAndParseResourceRequestWithMatchingPrefix(input: string, d: Discovery): Promise<{ gvr: GVR; fieldPath: string[] }> {
  const trimmed = input.replace(/\.$/, '');
  const dotParts = trimmed.split('.');
  for (const r of await resourcesFor(d, dotParts[0]!)) {
    const groupResource = r.group ? `${r.name}.${r.group}` : r.name;
    if (!trimmed.startsWith(groupResource)) continue;
    const suffix = trimmed.slice(groupResource.length);
    return { gvr: toGVR(r), fieldPath: suffix ? suffix.slice(1).split('.') : [] };
  }
  return splitAndParseResourceRequest(trimmed, d);
}

/** openAPIV3Paths is GET /openapi/v3: each group version's path and its hashed URL. */
export async function openAPIV3Paths(client: RESTClient): Promise<Record<string, { serverRelativeURL: string }>> {
  const index = await client.get<{ paths?: Record<string, { serverRelativeURL: string }> }>('/openapi/v3');
  return index.paths ?? {};
}

/** openAPIV3Schema fetches one group version's document by its server-relative URL. */
export async function openAPIV3Schema(client: RESTClient, serverRelativeURL: string): Promise<Schema> {
  const q = serverRelativeURL.indexOf('?');
  const path = q < 0 ? serverRelativeURL : serverRelativeURL.slice(0, q);
  const query = q < 0 ? {} : Object.fromEntries(new URLSearchParams(serverRelativeURL.slice(q + 1)));
  return client.get<Schema>(path, { query });
}
