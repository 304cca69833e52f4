// Mirrors the REST handlers of the subresources with their own kinds: <resource>/scale
// (autoscaling/v1 Scale), pods/binding (v1 Binding), pods/eviction (policy/v1 Eviction) and
// namespaces/finalize; each decodes its own kind and writes through the resource's store.
import type { KubeObject, Status } from '../../../apimachinery/apis/meta/v1/types.js';
import { newNotFound } from '../../../apimachinery/api/errors/errors.js';
import { createBinding, type Binding } from '../../registry/generic/registry/subresources/binding.js';
import { createEviction, type Eviction } from '../../registry/generic/registry/subresources/eviction.js';
import { getScale, scaleGVK, updateScale, type Scale } from '../../registry/generic/registry/subresources/scale.js';
import { decodeRequest, readBody } from './decode.js';
import { patcherFor } from './patch.js';
import { mediaTypeOf } from './negotiation/negotiate.js';
import { admitFor, fieldManagerOf, isDryRun, isPretty, outputOf, requestContext, type RequestScope, type RequestState } from './rest.js';
import { writeObject } from './responsewriters/writers.js';

async function decodeAs(st: RequestState, gvk: { group: string; version: string; kind: string }): Promise<KubeObject> {
  return (await decodeRequest(st.req, st.url, gvk)).object;
}

function scaleAccess(scope: RequestScope) {
  if (!scope.def.scale) throw newNotFound({ group: scope.def.group, resource: `${scope.def.resource}/scale` }, '');
  return scope.def.scale;
}

export async function scaleHandler(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, false);
  const access = scaleAccess(scope);
  const ctx = requestContext(scope, st);
  const name = st.info.name;
  const write = (scale: Scale) => writeObject(200, scale, { format: out.format, pretty: isPretty(st.url) });
  if (st.info.verb === 'get') return write(getScale(scope.store, access, ctx, name));
  const dryRun = isDryRun(st.url);
  const opts = { dryRun, fieldManager: fieldManagerOf(st), admit: admitFor(scope, st, 'UPDATE', dryRun) };
  if (st.info.verb === 'update') {
    const body = (await decodeAs(st, scaleGVK)) as Scale;
    return write(await updateScale(scope.store, access, ctx, name, () => body, opts));
  }
  const text = await readBody(st.req);
  const patcher = patcherFor({ ...scope, gvk: scaleGVK }, st, mediaTypeOf(st.req.headers.get('content-type')), text);
  return write(await updateScale(scope.store, access, ctx, name, (cur) => patcher.fn(cur) as Scale, opts));
}

const created: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };

export async function bindingHandler(scope: RequestScope, st: RequestState): Promise<Response> {
  const binding = (await decodeAs(st, { group: '', version: 'v1', kind: 'Binding' })) as Binding;
  const dryRun = isDryRun(st.url);
  await createBinding(scope.store, requestContext(scope, st), st.info.name, binding, {
    dryRun,
    fieldManager: fieldManagerOf(st),
    admit: admitFor(scope, st, 'CREATE', dryRun),
  });
  return writeObject(201, created, { format: outputOf(st, false).format });
}

export async function evictionHandler(scope: RequestScope, st: RequestState): Promise<Response> {
  const eviction = (await decodeAs(st, { group: 'policy', version: 'v1', kind: 'Eviction' })) as Eviction;
  const dryRun = isDryRun(st.url);
  const ctx = { ...requestContext(scope, st), subresource: undefined };
  await createEviction(scope.store, ctx, st.info.name, eviction, { dryRun, admit: admitFor(scope, st, 'CREATE', dryRun) });
  return writeObject(201, created, { format: outputOf(st, false).format });
}

/** finalizeHandler serves PUT <resource>/<name>/finalize through the resource's finalizeStrategy. */
export async function finalizeHandler(scope: RequestScope, st: RequestState): Promise<Response> {
  const body = await decodeAs(st, scope.gvk);
  const dryRun = isDryRun(st.url);
  const result = await scope.store.update(requestContext(scope, st), st.info.name, () => body, {
    strategy: scope.def.finalizeStrategy,
    dryRun,
    fieldManager: fieldManagerOf(st),
    admit: admitFor(scope, st, 'UPDATE', dryRun),
  });
  return writeObject(200, result.object, { format: outputOf(st, false).format, pretty: isPretty(st.url) });
}
