// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/update.go: PUT replaces an object (or creates it
// when the strategy allows), answering 200, or 201 when it was created.
import { decodeRequest, warningHeaders } from './decode.js';
import { admitFor, fieldManagerOf, isDryRun, isPretty, outputOf, requestContext, toRequestVersion, toStorageVersion, type RequestScope, type RequestState } from './rest.js';
import { writeObject } from './responsewriters/writers.js';

export async function updateResource(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, false);
  const dryRun = isDryRun(st.url);
  const { object, warnings } = await decodeRequest(st.req, st.url, scope.gvk);
  const strategy = st.info.subresource === 'status' ? scope.def.statusStrategy : undefined;
  const result = await scope.store.update(requestContext(scope, st), st.info.name, (old) => toStorageVersion(scope, object, old), {
    strategy,
    dryRun,
    fieldManager: fieldManagerOf(st),
    admit: async (obj, old) => admitFor(scope, st, old ? 'UPDATE' : 'CREATE', dryRun)(obj, old),
  });
  return writeObject(result.created ? 201 : 200, toRequestVersion(scope, result.object), { format: out.format, pretty: isPretty(st.url), headers: warningHeaders(warnings) });
}
