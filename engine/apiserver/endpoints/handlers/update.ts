// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/update.go: PUT replaces an object (or creates it
// when the strategy allows), answering 200, or 201 when it was created.
import { readBody, parseRaw, decodeObject, fieldValidationOf } from './decode.js';
import { warningHeaders } from './create.js';
import { admitFor, fieldManagerOf, isDryRun, isPretty, outputOf, requestContext, type RequestScope, type RequestState } from './rest.js';
import { writeObject } from './responsewriters/writers.js';

export async function updateResource(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, false);
  const validation = fieldValidationOf(st.url);
  const dryRun = isDryRun(st.url);
  const text = await readBody(st.req);
  const raw = parseRaw(text, st.req.headers.get('content-type'), scope.gvk.kind);
  const { object, warnings } = decodeObject(raw, text, scope.gvk, validation);
  const strategy = st.info.subresource === 'status' ? scope.def.statusStrategy : undefined;
  const ctx = requestContext(scope, st);
  const result = await scope.store.update(ctx, st.info.name, () => object, {
    strategy,
    dryRun,
    fieldManager: fieldManagerOf(st),
    admit: async (obj, old) => admitFor(scope, st, old ? 'UPDATE' : 'CREATE', dryRun)(obj, old),
  });
  return writeObject(result.created ? 201 : 200, result.object, { format: out.format, pretty: isPretty(st.url), headers: warningHeaders(warnings) });
}
