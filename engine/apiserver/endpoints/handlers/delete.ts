// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/delete.go: DeleteOptions from the body or the
// query, the deleted object or a Success Status; DELETE on a collection deletes every match.
import type { DeleteOptions, KubeObject, Status } from '../../../apimachinery/apis/meta/v1/types.js';
import { isNotFound, newBadRequest } from '../../../apimachinery/api/errors/errors.js';
import { apiVersionOf } from '../../../apimachinery/runtime/schema/group-version.js';
import { listObjects } from '../../registry/generic/registry/list.js';
import { readBody, parseRaw } from './decode.js';
import { listOptionsOf } from './get.js';
import { admitFor, isDryRun, isPretty, outputOf, requestContext, toRequestVersion, type RequestScope, type RequestState } from './rest.js';
import { writeObject } from './responsewriters/writers.js';

/** deleteOptionsOf reads DeleteOptions from a JSON/YAML body or the query string. */
export async function deleteOptionsOf(st: RequestState): Promise<DeleteOptions> {
  const text = await readBody(st.req);
  let options: DeleteOptions = {};
  if (text.trim()) {
    const raw = parseRaw(text, st.req.headers.get('content-type'), 'DeleteOptions');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw newBadRequest('the body of the request was not a DeleteOptions object');
    options = raw as DeleteOptions;
  }
  const q = st.url.searchParams;
  const grace = q.get('gracePeriodSeconds');
  if (grace !== null) {
    if (!/^-?\d+$/.test(grace)) throw newBadRequest(`gracePeriodSeconds: Invalid value: "${grace}": must be an integer`);
    options.gracePeriodSeconds = Number(grace);
  }
  const policy = q.get('propagationPolicy');
  if (policy !== null) options.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  const orphan = q.get('orphanDependents');
  if (orphan !== null) options.orphanDependents = orphan === 'true';
  if (options.propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(options.propagationPolicy)) {
    throw newBadRequest(`propagationPolicy: Unsupported value: "${options.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  if (options.propagationPolicy && options.orphanDependents !== undefined) {
    throw newBadRequest('orphanDependents: Invalid value: true: orphanDependents and deletionPropagation cannot be both set');
  }
  return options;
}

export async function deleteResource(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, false);
  const dryRun = isDryRun(st.url);
  const options = await deleteOptionsOf(st);
  const dry = dryRun || (options.dryRun ?? []).includes('All');
  const result = await scope.store.delete(requestContext(scope, st), st.info.name, options, {
    dryRun: dry,
    admit: admitFor(scope, st, 'DELETE', dry),
  });
  const pretty = isPretty(st.url);
  if (!result.deleted || scope.def.returnDeletedObject) {
    return writeObject(200, toRequestVersion(scope, result.object), { format: out.format, pretty });
  }
  return writeObject(200, successStatus(scope, result.object), { format: out.format, pretty });
}

function successStatus(scope: RequestScope, obj: KubeObject): Status {
  const details: Status['details'] = { name: obj.metadata.name, kind: scope.def.resource, uid: obj.metadata.uid };
  if (scope.def.group) details.group = scope.def.group;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}

/** deleteCollection deletes every object the list options select; answers the list of deleted objects. */
export async function deleteCollection(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, false);
  const dryRun = isDryRun(st.url);
  const options = await deleteOptionsOf(st);
  const listed = await listObjects(scope.store, st.info.namespace, { ...listOptionsOf(scope, st.url), limit: 0, continue: '' });
  const deleted: KubeObject[] = [];
  for (const item of listed.items) {
    const obj = 'object' in item && 'key' in item ? (item.object as KubeObject) : (item as KubeObject);
    const ctx = { ...requestContext(scope, st), namespace: obj.metadata.namespace ?? '' };
    try {
      const r = await scope.store.delete(ctx, obj.metadata.name!, options, { dryRun, admit: admitFor(scope, st, 'DELETE', dryRun) });
      deleted.push(toRequestVersion(scope, r.object));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  const list = { kind: scope.def.listKind, apiVersion: apiVersionOf(scope.def), metadata: { resourceVersion: listed.resourceVersion }, items: deleted };
  return writeObject(200, list, { format: out.format, pretty: isPretty(st.url) });
}
