// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/get.go: GET of one object and LIST of a
// collection (selectors, paging, resourceVersion semantics), as objects, YAML or Tables.
import type { KubeObject, ListMeta } from '../../../apimachinery/apis/meta/v1/types.js';
import { apiVersionOf } from '../../../apimachinery/runtime/schema/group-version.js';
import { knownFieldKeys, parsePredicate } from '../../storage/selection-predicate.js';
import { listObjects, type ListOptions, type ListResult } from '../../registry/generic/registry/list.js';
import type { CacheEntry } from '../../storage/cacher/watch-cache.js';
import { newBadRequest } from '../../../apimachinery/api/errors/errors.js';
import { isPretty, outputOf, requestContext, toRequestVersion, type RequestScope, type RequestState } from './rest.js';
import { includeObjectOf, toTable } from './response.js';
import { writeObject, writeRaw } from './responsewriters/writers.js';

export async function getResource(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, true);
  const obj = toRequestVersion(scope, scope.store.get(requestContext(scope, st), st.info.name));
  if (out.as === 'Table') {
    const table = toTable(scope.def, [obj], { resourceVersion: obj.metadata.resourceVersion }, includeObjectOf(st.url), scope.clock.now());
    return writeObject(200, table, { format: out.format, pretty: isPretty(st.url) });
  }
  return writeObject(200, obj, { format: out.format, pretty: isPretty(st.url) });
}

const fieldKeysCache = new WeakMap<object, Set<string>>();

/** listOptionsOf reads the list query parameters of a request. */
export function listOptionsOf(scope: RequestScope, url: URL): ListOptions {
  const q = url.searchParams;
  let known = fieldKeysCache.get(scope.def);
  if (!known) fieldKeysCache.set(scope.def, (known = knownFieldKeys((o) => scope.def.selectableFields(o))));
  const predicate = parsePredicate(q.get('labelSelector'), q.get('fieldSelector'), (o) => fieldsOf(scope, o), known);
  const limitText = q.get('limit') ?? '';
  const limit = limitText === '' ? 0 : Number(limitText);
  if (!Number.isInteger(limit)) throw newBadRequest(`limit: Invalid value: "${limitText}": must be an integer`);
  return {
    predicate,
    limit: Math.max(0, limit),
    continue: q.get('continue') ?? '',
    resourceVersion: q.get('resourceVersion') ?? '',
    resourceVersionMatch: q.get('resourceVersionMatch') ?? '',
  };
}

/**
 * fieldsByObject remembers each object's fields: one watch event is matched against every watcher
 * of its resource (each kubelet selects spec.nodeName), and cached objects are never mutated.
 */
const fieldsByObject = new WeakMap<KubeObject, { def: object; rv: string | undefined; fields: Record<string, string> }>();

/** fieldsOf is the resource's selectable fields plus the metadata ones every resource has. */
export function fieldsOf(scope: RequestScope, obj: KubeObject): Record<string, string> {
  const known = fieldsByObject.get(obj);
  if (known && known.def === scope.def && known.rv === obj.metadata.resourceVersion) return known.fields;
  const base: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '' };
  if (scope.def.namespaced) base['metadata.namespace'] = obj.metadata.namespace ?? '';
  const fields = { ...base, ...scope.def.selectableFields(obj) };
  fieldsByObject.set(obj, { def: scope.def, rv: obj.metadata.resourceVersion, fields });
  return fields;
}

const isEntry = (x: CacheEntry | KubeObject): x is CacheEntry => 'key' in x && 'rv' in x && typeof x.key === 'string';
const objectOf = (x: CacheEntry | KubeObject): KubeObject => (isEntry(x) ? x.object : x);

export async function listResource(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, true);
  const opts = listOptionsOf(scope, st.url);
  const result = await listObjects(scope.store, st.info.namespace, opts);
  const meta = listMetaOf(result);
  const objects = () => result.items.map((x) => toRequestVersion(scope, objectOf(x)));
  if (out.as === 'Table') {
    const table = toTable(scope.def, objects(), meta, includeObjectOf(st.url), scope.clock.now());
    return writeObject(200, table, { format: out.format, pretty: isPretty(st.url) });
  }
  const head = { kind: scope.def.listKind, apiVersion: apiVersionOf(scope.def) };
  if (out.format === 'json' && !isPretty(st.url) && !scope.def.conversion) {
    // Fast path: each cached object is encoded once and reused by every list.
    const items = result.items.map((x) => (isEntry(x) ? (x.json ??= JSON.stringify(x.object)) : JSON.stringify(x)));
    const body = `${JSON.stringify(head).slice(0, -1)},"metadata":${JSON.stringify(meta)},"items":[${items.join(',')}]}`;
    return writeRaw(200, body, 'json');
  }
  return writeObject(200, { ...head, metadata: meta, items: objects() }, { format: out.format, pretty: isPretty(st.url) });
}

function listMetaOf(r: ListResult): ListMeta {
  const meta: ListMeta = { resourceVersion: r.resourceVersion };
  if (r.continue) meta.continue = r.continue;
  if (r.remainingItemCount !== undefined) meta.remainingItemCount = r.remainingItemCount;
  return meta;
}
