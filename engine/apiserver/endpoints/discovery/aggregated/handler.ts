// Mirrors k8s.io/apiserver/pkg/endpoints/discovery/aggregated (handler.go, negotiation.go) and the
// apidiscovery.k8s.io/v2 types: /api and /apis answer one APIGroupDiscoveryList, every group, version
// and resource with its subresources, when the client asks for it in Accept (kubectl ≥ 1.26 does),
// so it needs no request per group version. Simplified: no ETag/304, no peer aggregation.
import type { ResourceDefinition } from '../../../registry/rest/resource.js';
import { parseAccept } from '../../handlers/negotiation/negotiate.js';
import { groupVersionsOf, subresourcesOf, type GroupVersion } from '../discovery.js';

export const discoveryGroup = 'apidiscovery.k8s.io';
export const discoveryListKind = 'APIGroupDiscoveryList';

/** DiscoveryVersion is the apidiscovery.k8s.io version a client accepts (v2beta1 has the same shape). */
export type DiscoveryVersion = 'v2' | 'v2beta1';

interface ResponseKind {
  group: string;
  version: string;
  kind: string;
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: ResponseKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: ResponseKind;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: 'Current' | 'Stale';
}

export interface APIGroupDiscovery {
  metadata: { name?: string; creationTimestamp: null };
  versions: APIVersionDiscovery[];
}

/**
 * negotiateAggregated returns the discovery version of the first acceptable Accept clause that asks
 * for an APIGroupDiscoveryList, or undefined when a plain type comes first (the legacy documents).
 */
export function negotiateAggregated(accept: string | null): DiscoveryVersion | undefined {
  for (const c of parseAccept(accept)) {
    if (c.q <= 0) continue;
    if (c.params.as === undefined) {
      if (c.type === 'application/json' || c.type === 'application/yaml' || c.type === '*/*' || c.type === 'application/*') return undefined;
      continue;
    }
    if (c.type === 'application/json' && c.params.as === discoveryListKind && c.params.g === discoveryGroup && (c.params.v === 'v2' || c.params.v === 'v2beta1')) {
      return c.params.v;
    }
  }
  return undefined;
}

/** contentTypeOf is the media type the aggregated document is answered with. */
export const contentTypeOf = (v: DiscoveryVersion) => `application/json;g=${discoveryGroup};v=${v};as=${discoveryListKind}`;

/** resourcesOf converts one group version's resources, sorted by name (convertAPIResourceToDiscovery). */
function resourcesOf(defs: ResourceDefinition[], gv: GroupVersion): APIResourceDiscovery[] {
  const served = defs.filter((d) => d.group === gv.group && d.version === gv.version).sort((a, b) => a.resource.localeCompare(b.resource));
  return served.map((d) => {
    const r: APIResourceDiscovery = {
      resource: d.resource,
      responseKind: { group: '', version: '', kind: d.kind },
      scope: d.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: d.singular,
      verbs: d.verbs,
    };
    if (d.shortNames.length) r.shortNames = d.shortNames;
    if (d.categories.length) r.categories = d.categories;
    const subs = subresourcesOf(d).map((s) => ({
      subresource: s.name.slice(d.resource.length + 1),
      responseKind: { group: s.group ?? '', version: s.version ?? '', kind: s.kind },
      verbs: s.verbs,
    }));
    if (subs.length) r.subresources = subs;
    return r;
  });
}

/**
 * aggregatedDiscovery builds the document of /api (legacy: the core group, which has no name) or
 * /apis (every named group, in the order /apis lists them).
 */
export function aggregatedDiscovery(defs: ResourceDefinition[], legacy: boolean, v: DiscoveryVersion) {
  const groups = new Map<string, string[]>();
  for (const gv of groupVersionsOf(defs)) {
    if ((gv.group === '') !== legacy) continue;
    groups.set(gv.group, [...(groups.get(gv.group) ?? []), gv.version]);
  }
  const items: APIGroupDiscovery[] = [...groups].map(([group, versions]) => ({
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: versions.map((version) => ({ version, resources: resourcesOf(defs, { group, version }), freshness: 'Current' })),
  }));
  return { kind: discoveryListKind, apiVersion: `${discoveryGroup}/${v}`, metadata: {}, items };
}
