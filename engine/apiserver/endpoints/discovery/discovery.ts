// Mirrors k8s.io/apiserver/pkg/endpoints/discovery (legacy.go, root.go, group.go, version.go): the
// legacy discovery documents kubectl reads — /api, /apis, /api/v1, /apis/<group>/<version> — with
// each resource's verbs, short names, categories and subresources (pods/status, pods/exec,
// deployments/scale…).
import type { ResourceDefinition } from '../../registry/rest/resource.js';
import { apiVersionOf } from '../../../apimachinery/runtime/schema/group-version.js';

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

export interface GroupVersion {
  group: string;
  version: string;
}

/** groupVersionsOf lists the served group/versions, core first, then groups in name order. */
export function groupVersionsOf(defs: ResourceDefinition[]): GroupVersion[] {
  const seen = new Map<string, GroupVersion>();
  for (const d of defs) seen.set(apiVersionOf(d), { group: d.group, version: d.version });
  return [...seen.values()].sort((a, b) => (a.group === '' ? -1 : b.group === '' ? 1 : a.group.localeCompare(b.group)));
}

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiGroupList(defs: ResourceDefinition[]) {
  const groups = new Map<string, string[]>();
  for (const gv of groupVersionsOf(defs)) if (gv.group) groups.set(gv.group, [...(groups.get(gv.group) ?? []), gv.version]);
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

export function apiGroup(defs: ResourceDefinition[], group: string) {
  const list = apiGroupList(defs).groups.find((g) => g.name === group);
  return list ? { kind: 'APIGroup', apiVersion: 'v1', ...list } : undefined;
}

/** proxyVerbs are the verbs of the proxy subresources (every method but CONNECT is passed on). */
const proxyVerbs = ['create', 'delete', 'get', 'patch', 'update'];

/**
 * subresourcesOf lists a resource's subresources as discovery shows them, in path order as the
 * installer registers them — connect subresources (attach, exec, log, portforward, proxy) included,
 * with the options kinds upstream names them by.
 */
export function subresourcesOf(d: ResourceDefinition): APIResource[] {
  const out: APIResource[] = [];
  const base = { singularName: '', namespaced: d.namespaced };
  if (d.finalizeStrategy) out.push({ ...base, name: `${d.resource}/finalize`, kind: d.kind, verbs: ['update'] });
  if (d.statusStrategy) out.push({ ...base, name: `${d.resource}/status`, kind: d.kind, verbs: ['get', 'patch', 'update'] });
  if (d.scale) out.push({ ...base, name: `${d.resource}/scale`, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  if (isPods(d)) {
    out.push({ ...base, name: 'pods/attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] });
    out.push({ ...base, name: 'pods/binding', kind: 'Binding', verbs: ['create'] });
    out.push({ ...base, name: 'pods/eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    out.push({ ...base, name: 'pods/exec', kind: 'PodExecOptions', verbs: ['create', 'get'] });
    out.push({ ...base, name: 'pods/log', kind: 'Pod', verbs: ['get'] });
    out.push({ ...base, name: 'pods/portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] });
    out.push({ ...base, name: 'pods/proxy', kind: 'PodProxyOptions', verbs: proxyVerbs });
  }
  if (d.group === '' && d.resource === 'services') out.push({ ...base, name: 'services/proxy', kind: 'ServiceProxyOptions', verbs: proxyVerbs });
  if (d.group === '' && d.resource === 'nodes') out.push({ ...base, name: 'nodes/proxy', kind: 'NodeProxyOptions', verbs: proxyVerbs });
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export const isPods = (d: ResourceDefinition) => d.group === '' && d.resource === 'pods';

export function apiResourceList(defs: ResourceDefinition[], gv: GroupVersion) {
  const resources: APIResource[] = [];
  const served = defs.filter((d) => d.group === gv.group && d.version === gv.version).sort((a, b) => a.resource.localeCompare(b.resource));
  for (const d of served) {
    const r: APIResource = { name: d.resource, singularName: d.singular, namespaced: d.namespaced, kind: d.kind, verbs: d.verbs };
    if (d.shortNames.length) r.shortNames = d.shortNames;
    if (d.categories.length) r.categories = d.categories;
    resources.push(r, ...subresourcesOf(d));
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(gv), resources };
}
