// Mirrors k8s.io/apiserver/pkg/endpoints/openapi and kube-openapi's builder3/handler3: the
// /openapi/v3 index and one document per group/version with a path for every operation (with
// x-kubernetes-action, x-kubernetes-group-version-kind and the fieldValidation parameter kubectl looks
// for before it trusts the server to validate) and the components engine/api describes.
import type { ResourceDefinition } from '../../registry/rest/resource.js';
import type { GroupVersionKind } from '../../../apimachinery/runtime/schema/group-version.js';
import { schemaNameFor, schemasForGroupVersion } from '../../../api/openapi/index.js';
import { groupVersionsOf, isPods, type GroupVersion } from '../discovery/discovery.js';

type Doc = Record<string, unknown>;
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

const q = (name: string, description: string, type = 'string', extra: Doc = {}): Doc => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true, ...extra },
});
const params = {
  pretty: q('pretty', "If 'true', then the output is pretty printed."),
  dryRun: q('dryRun', 'When present, indicates that modifications should not be persisted. Valid value: All.'),
  fieldManager: q('fieldManager', 'A name associated with the actor or entity making these changes.'),
  fieldValidation: q('fieldValidation', 'How the server treats unknown and duplicate fields: Ignore, Warn (default) or Strict.'),
  force: q('force', 'Force is going to "force" Apply requests; only valid for apply patches.', 'boolean'),
  labelSelector: q('labelSelector', 'A selector to restrict the list of returned objects by their labels.'),
  fieldSelector: q('fieldSelector', 'A selector to restrict the list of returned objects by their fields.'),
  limit: q('limit', 'The maximum number of responses to return for a list call.', 'integer'),
  continue: q('continue', 'The continue token of a previous paged list.'),
  resourceVersion: q('resourceVersion', 'Constrains which resource versions a request may be served from.'),
  resourceVersionMatch: q('resourceVersionMatch', 'How resourceVersion is applied to list calls.'),
  watch: q('watch', 'Watch for changes to the described resources and return them as a stream.', 'boolean'),
  allowWatchBookmarks: q('allowWatchBookmarks', 'Requests watch events with type "BOOKMARK".', 'boolean'),
  timeoutSeconds: q('timeoutSeconds', 'Timeout for the list/watch call.', 'integer'),
  gracePeriodSeconds: q('gracePeriodSeconds', 'The duration in seconds before the object should be deleted.', 'integer'),
  propagationPolicy: q('propagationPolicy', 'Whether and how garbage collection will be performed: Orphan, Background or Foreground.'),
  orphanDependents: q('orphanDependents', 'Deprecated: use propagationPolicy.', 'boolean'),
  namespace: { name: 'namespace', in: 'path', description: 'object name and auth scope, such as for teams and projects', required: true, schema: { type: 'string', uniqueItems: true } },
  name: (kind: string) => ({ name: 'name', in: 'path', description: `name of the ${kind}`, required: true, schema: { type: 'string', uniqueItems: true } }),
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (name: string) => ({
  'application/json': { schema: ref(name) },
  'application/yaml': { schema: ref(name) },
});

function opPrefix(gv: GroupVersion): string {
  const group = gv.group ? gv.group.split('.')[0]!.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()) : 'Core';
  return group + gv.version.charAt(0).toUpperCase() + gv.version.slice(1);
}

/** documentFor builds /openapi/v3/api/v1 or /openapi/v3/apis/<group>/<version>. */
export function documentFor(defs: ResourceDefinition[], gv: GroupVersion, gitVersion: string): Doc {
  const schemas: Record<string, unknown> = { ...schemasForGroupVersion(gv.group, gv.version) };
  const schemaFor = (gvk: GroupVersionKind): string => {
    const known = schemaNameFor(gvk);
    if (known) {
      if (!schemas[known]) Object.assign(schemas, schemasForGroupVersion(gvk.group, gvk.version));
      return known;
    }
    // A kind engine/api does not describe still needs a schema carrying its GVK for kubectl.
    const name = `io.k8s.api.${gvk.group || 'core'}.${gvk.version}.${gvk.kind}`;
    schemas[name] ??= { type: 'object', 'x-kubernetes-group-version-kind': [gvk], 'x-kubernetes-preserve-unknown-fields': true };
    return name;
  };
  for (const [n, s] of Object.entries({ Patch: { type: 'object', description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.' }, DeleteOptions: { type: 'object', description: 'DeleteOptions may be provided when deleting an API object.' }, Status: { type: 'object', description: 'Status is a return value for calls that do not return other objects.' } })) {
    schemas[META + n] ??= s;
  }

  const paths: Record<string, Doc> = {};
  const prefix = gv.group ? `/apis/${gv.group}/${gv.version}` : `/api/${gv.version}`;
  const tag = `${gv.group ? gv.group.replace(/\./g, '_') : 'core'}_${gv.version}`;
  for (const d of defs.filter((x) => x.group === gv.group && x.version === gv.version)) {
    const gvk = { group: d.group, version: d.version, kind: d.kind };
    const kindSchema = schemaFor(gvk);
    const listSchema = schemaFor({ ...gvk, kind: d.listKind });
    const ns = d.namespaced ? 'Namespaced' : '';
    const base = d.namespaced ? `${prefix}/namespaces/{namespace}/${d.resource}` : `${prefix}/${d.resource}`;
    const pathParams = d.namespaced ? [params.namespace, params.pretty] : [params.pretty];
    const op = (action: string, opId: string, extra: Doc, kind: GroupVersionKind = gvk): Doc => ({
      description: `${action} ${kind.kind}`,
      operationId: `${opId}${opPrefix(gv)}${ns}${kind.kind === d.kind ? d.kind : d.kind + kind.kind}`,
      tags: [tag],
      responses: { '401': { description: 'Unauthorized' } },
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': kind,
      ...extra,
    });
    const ok = (name: string, codes = ['200']) => Object.fromEntries(codes.map((c) => [c, { description: c === '201' ? 'Created' : c === '202' ? 'Accepted' : 'OK', content: content(name) }]));
    const writeParams = [params.dryRun, params.fieldManager, params.fieldValidation];
    const listParams = [params.allowWatchBookmarks, params.continue, params.fieldSelector, params.labelSelector, params.limit, params.resourceVersion, params.resourceVersionMatch, params.timeoutSeconds, params.watch];
    const deleteParams = [params.dryRun, params.gracePeriodSeconds, params.orphanDependents, params.propagationPolicy];
    const body = (name: string) => ({ content: { '*/*': { schema: ref(name) } }, required: true });
    const patchBody = {
      content: Object.fromEntries(
        ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'].map((t) => [t, { schema: ref(META + 'Patch') }]),
      ),
      required: true,
    };
    const has = (v: string) => d.verbs.includes(v);

    const collection: Doc = { parameters: pathParams };
    if (has('list')) collection.get = op('list', 'list', { parameters: listParams, responses: ok(listSchema) });
    if (has('create')) collection.post = op('post', 'create', { parameters: writeParams, requestBody: body(kindSchema), responses: ok(kindSchema, ['200', '201', '202']) });
    if (has('deletecollection')) collection.delete = op('deletecollection', 'delete', { operationId: `delete${opPrefix(gv)}Collection${ns}${d.kind}`, parameters: [...deleteParams, ...listParams], requestBody: { content: { '*/*': { schema: ref(META + 'DeleteOptions') } } }, responses: ok(META + 'Status') });
    paths[base] = collection;

    const item = (kindName: string, sub: string, kind: GroupVersionKind, verbs: string[]): Doc => {
      const suffix = sub ? sub.charAt(0).toUpperCase() + sub.slice(1) : '';
      const p: Doc = { parameters: [params.name(kindName), ...pathParams] };
      const id = (verb: string) => ({ operationId: `${verb}${opPrefix(gv)}${ns}${d.kind}${suffix}` });
      if (verbs.includes('get')) p.get = op('get', 'read', { ...id('read'), responses: ok(kindName) }, kind);
      if (verbs.includes('update')) p.put = op('put', 'replace', { ...id('replace'), parameters: writeParams, requestBody: body(kindName), responses: ok(kindName, ['200', '201']) }, kind);
      if (verbs.includes('patch')) p.patch = op('patch', 'patch', { ...id('patch'), parameters: [...writeParams, params.force], requestBody: patchBody, responses: ok(kindName, ['200', '201']) }, kind);
      if (verbs.includes('delete')) p.delete = op('delete', 'delete', { ...id('delete'), parameters: deleteParams, requestBody: { content: { '*/*': { schema: ref(META + 'DeleteOptions') } } }, responses: ok(kindName, ['200', '202']) }, kind);
      return p;
    };
    paths[`${base}/{name}`] = item(kindSchema, '', gvk, d.verbs);
    if (d.statusStrategy) paths[`${base}/{name}/status`] = item(kindSchema, 'status', gvk, ['get', 'update', 'patch']);
    if (d.scale) {
      const scaleGVK = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
      paths[`${base}/{name}/scale`] = item(schemaFor(scaleGVK), 'scale', scaleGVK, ['get', 'update', 'patch']);
    }
    if (isPods(d)) {
      const bindingGVK = { group: '', version: 'v1', kind: 'Binding' };
      const evictionGVK = { group: 'policy', version: 'v1', kind: 'Eviction' };
      for (const [sub, k] of [['binding', bindingGVK], ['eviction', evictionGVK]] as const) {
        const n = schemaFor(k);
        paths[`${base}/{name}/${sub}`] = {
          parameters: [params.name(sub === 'binding' ? 'Binding' : 'Eviction'), ...pathParams],
          post: op('post', 'create', { operationId: `create${opPrefix(gv)}${ns}${d.kind}${sub === 'binding' ? 'Binding' : 'Eviction'}`, parameters: writeParams, requestBody: body(n), responses: ok(n, ['200', '201', '202']) }, k),
        };
      }
    }
    if (d.namespaced && has('list')) {
      paths[`${prefix}/${d.resource}`] = { parameters: [params.pretty], get: op('list', 'list', { operationId: `list${opPrefix(gv)}${d.kind}ForAllNamespaces`, parameters: listParams, responses: ok(listSchema) }) };
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: gitVersion },
    paths,
    components: { schemas, securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } } },
  };
}

/** OpenAPIService caches the documents and their hashes. */
export class OpenAPIService {
  private docs = new Map<string, { text: string; hash: string }>();
  constructor(
    private readonly defs: ResourceDefinition[],
    private readonly gitVersion: string,
  ) {}

  /** keyOf is "api/v1" or "apis/apps/v1". */
  static keyOf(gv: GroupVersion): string {
    return gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
  }

  document(key: string): { text: string; hash: string } | undefined {
    const cached = this.docs.get(key);
    if (cached) return cached;
    const gv = groupVersionsOf(this.defs).find((x) => OpenAPIService.keyOf(x) === key);
    if (!gv) return undefined;
    const text = JSON.stringify(documentFor(this.defs, gv, this.gitVersion));
    const doc = { text, hash: hashText(text) };
    this.docs.set(key, doc);
    return doc;
  }

  index(): Doc {
    const paths: Record<string, Doc> = {};
    for (const gv of groupVersionsOf(this.defs)) {
      const key = OpenAPIService.keyOf(gv);
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${this.document(key)!.hash}` };
    }
    return { paths };
  }
}

/** hashText is a 128-bit FNV-1a digest in upper-case hex (upstream uses SHA-512; only change detection matters). */
function hashText(text: string): string {
  let out = '';
  for (const seed of [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]) {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.toUpperCase();
}

