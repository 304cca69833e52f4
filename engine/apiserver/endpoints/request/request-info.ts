// Mirrors k8s.io/apiserver/pkg/endpoints/request/requestinfo.go: what a URL and method ask for —
// verb, API group/version, namespace, resource, name and subresource.

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  /** verb is get, list, watch, create, update, patch, delete, deletecollection (or the HTTP verb lower-cased). */
  verb: string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

const specialVerbs = new Set(['proxy', 'watch']);
const namespaceSubresources = new Set(['status', 'finalize']);

export function newRequestInfo(method: string, url: URL): RequestInfo {
  const path = url.pathname;
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  let parts = path.replace(/^\/+|\/+$/g, '').split('/').filter((p) => p !== '');
  if (parts.length < 2 || (parts[0] !== 'api' && parts[0] !== 'apis')) return info;
  info.apiPrefix = parts[0]!;
  parts = parts.slice(1);
  if (info.apiPrefix === 'apis') {
    if (parts.length < 2) return info;
    info.apiGroup = parts[0]!;
    parts = parts.slice(1);
  }
  info.apiVersion = parts[0]!;
  parts = parts.slice(1);
  if (parts.length === 0) return info;
  info.isResourceRequest = true;
  if (specialVerbs.has(parts[0]!)) {
    if (parts.length < 2) return { ...info, isResourceRequest: false };
    info.verb = parts[0]!;
    parts = parts.slice(1);
  } else {
    info.verb = ({ post: 'create', get: 'get', head: 'get', put: 'update', patch: 'patch', delete: 'delete' } as Record<string, string>)[info.verb] ?? info.verb;
  }
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1]!;
      // /namespaces/{ns} itself, or /namespaces/{ns}/status|finalize, is the namespace resource.
      if (parts.length > 2 && !namespaceSubresources.has(parts[2]!)) parts = parts.slice(2);
    }
  }
  info.parts = parts;
  if (parts.length >= 3) info.subresource = parts[2]!;
  if (parts.length >= 2) info.name = parts[1]!;
  if (parts.length >= 1) info.resource = parts[0]!;
  // A namespace request (/api/v1/namespaces/{ns}) names the namespace and is not scoped by it.
  if (info.resource === 'namespaces') info.namespace = '';
  if (!info.name && info.verb === 'get') info.verb = 'list';
  if (!info.name && info.verb === 'delete') info.verb = 'deletecollection';
  const watchParam = url.searchParams.get('watch');
  if (info.verb === 'list' && (watchParam === 'true' || watchParam === '1')) info.verb = 'watch';
  return info;
}
