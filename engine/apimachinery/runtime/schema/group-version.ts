// Mirrors k8s.io/apimachinery/pkg/runtime/schema/group_version.go: group/version/kind and
// group/resource identities and their string forms.

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface GroupResource {
  group: string;
  resource: string;
}

/** apiVersionOf returns "v1" for the core group and "<group>/<version>" otherwise. */
export function apiVersionOf(gv: { group: string; version: string }): string {
  return gv.group ? `${gv.group}/${gv.version}` : gv.version;
}

/** parseAPIVersion splits an apiVersion string ("apps/v1", "v1") into group and version. */
export function parseAPIVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** groupResourceString prints "pods" or "deployments.apps", as error messages do. */
export function groupResourceString(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}
