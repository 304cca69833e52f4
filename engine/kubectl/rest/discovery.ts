// Mirrors k8s.io/client-go/discovery and restmapper (discovery.go, shortcut.go): reads /api and
// /apis once per command and resolves what a user types ("po", "pod", "Pod", "deploy",
// "deployments.apps", "deployment.v1.apps") to a resource of the preferred group version.
import type { RESTClient } from './client.js';

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  group: string;
  version: string;
  /** subresources names the resource's subresources ("status", "scale", …). */
  subresources: string[];
}

interface APIResourceList {
  groupVersion: string;
  resources: Array<Omit<APIResource, 'group' | 'version' | 'subresources' | 'shortNames' | 'categories' | 'verbs'> & {
    shortNames?: string[];
    categories?: string[];
    verbs?: string[];
    group?: string;
    version?: string;
  }>;
}

interface APIGroupList {
  groups: Array<{ name: string; versions: Array<{ groupVersion: string; version: string }>; preferredVersion?: { groupVersion: string; version: string } }>;
}

/** ResourceTypeError is the "doesn't have a resource type" error kubectl prints. */
export class ResourceTypeError extends Error {
  constructor(readonly typed: string) {
    super(`the server doesn't have a resource type "${typed}"`);
  }
}

export class Discovery {
  /** resources lists every resource of every group version, preferred versions first. */
  resources: APIResource[] = [];
  /** groupVersions lists "v1", "apps/v1", … in server order (api-versions). */
  groupVersions: string[] = [];
  private loaded?: Promise<void>;

  constructor(private readonly client: RESTClient) {}

  load(): Promise<void> {
    this.loaded ??= this.fetchAll();
    return this.loaded;
  }

  private async fetchAll(): Promise<void> {
    const core = await this.client.get<{ versions: string[] }>('/api');
    const groups = await this.client.get<APIGroupList>('/apis').catch(() => ({ groups: [] }) as APIGroupList);
    const lists: Array<{ gv: string; preferred: boolean }> = [];
    for (const v of core.versions ?? []) lists.push({ gv: v, preferred: v === core.versions[0] });
    for (const g of groups.groups ?? []) {
      const pref = g.preferredVersion?.groupVersion ?? g.versions[0]?.groupVersion;
      for (const v of g.versions) lists.push({ gv: v.groupVersion, preferred: v.groupVersion === pref });
    }
    this.groupVersions = lists.map((l) => l.gv);
    const fetched = await Promise.all(
      lists.map((l) =>
        this.client
          .get<APIResourceList>(l.gv.includes('/') ? `/apis/${l.gv}` : `/api/${l.gv}`)
          .then((list) => ({ l, list }))
          .catch(() => ({ l, list: { groupVersion: l.gv, resources: [] } as APIResourceList })),
      ),
    );
    const preferred: APIResource[] = [];
    const others: APIResource[] = [];
    for (const { l, list } of fetched) {
      const [group, version] = l.gv.includes('/') ? l.gv.split('/') as [string, string] : ['', l.gv];
      const subs = new Map<string, string[]>();
      for (const r of list.resources ?? []) {
        const [base, sub] = r.name.split('/');
        if (sub) subs.set(base!, [...(subs.get(base!) ?? []), sub]);
      }
      for (const r of list.resources ?? []) {
        if (r.name.includes('/')) continue;
        const res: APIResource = {
          name: r.name,
          singularName: r.singularName || r.kind.toLowerCase(),
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: r.verbs ?? [],
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          group: r.group ?? group,
          version: r.version ?? version,
          subresources: subs.get(r.name) ?? [],
        };
        (l.preferred ? preferred : others).push(res);
      }
    }
    this.resources = [...preferred, ...others];
  }

  /** resourceFor resolves a typed resource name; throws ResourceTypeError when nothing matches. */
  async resourceFor(typed: string): Promise<APIResource> {
    await this.load();
    const found = this.match(typed);
    if (!found) throw new ResourceTypeError(typed);
    return found;
  }

  match(typed: string): APIResource | undefined {
    const lower = typed.toLowerCase();
    const parts = typed.split('.');
    // "deployments.v1.apps" / "deployments.apps" / "deploy" — try the fully qualified forms first.
    const candidates: Array<{ name: string; group?: string; version?: string }> = [{ name: typed }];
    if (parts.length >= 3) candidates.push({ name: parts[0]!, version: parts[1]!, group: parts.slice(2).join('.') });
    if (parts.length >= 2) candidates.push({ name: parts[0]!, group: parts.slice(1).join('.') });
    for (const c of candidates) {
      const n = c.name.toLowerCase();
      const hit = this.resources.find(
        (r) =>
          (c.group === undefined || r.group === c.group) &&
          (c.version === undefined || r.version === c.version) &&
          (r.name === n || r.singularName === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n),
      );
      if (hit) return hit;
    }
    void lower;
    return undefined;
  }

  /** byKind finds the resource serving apiVersion/kind (manifests name kinds, not resources). */
  async resourceForKind(apiVersion: string, kind: string): Promise<APIResource | undefined> {
    await this.load();
    const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
    return this.resources.find((r) => r.kind === kind && r.group === group && r.version === version);
  }

  /** category expands "all" and other categories to their resources (first version of each). */
  async category(name: string): Promise<APIResource[]> {
    await this.load();
    const seen = new Set<string>();
    return this.resources.filter((r) => {
      const key = `${r.group}/${r.name}`;
      if (!r.categories.includes(name) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}

/** resourcePath builds the REST path of a resource collection or object. */
export function resourcePath(r: APIResource, namespace: string | undefined, name?: string, subresource?: string): string {
  let p = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (r.namespaced && namespace) p += `/namespaces/${namespace}`;
  p += `/${r.name}`;
  if (name) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

/** qualifiedResource is "pods" or "deployments.apps": the prefix of `kubectl` messages. */
export function kindPrefix(r: APIResource): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

export function apiVersionOfResource(r: APIResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}
