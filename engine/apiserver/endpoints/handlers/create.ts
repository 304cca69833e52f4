// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/create.go: decode the body, check it belongs to the
// endpoint, run admission and the store's create, answer 201 with the object (200 for dry runs too,
// as upstream answers 201 either way).
import { decodeRequest, warningHeaders } from './decode.js';
import { admitFor, fieldManagerOf, isDryRun, isPretty, outputOf, requestContext, toRequestVersion, toStorageVersion, type RequestScope, type RequestState } from './rest.js';
import { writeObject } from './responsewriters/writers.js';

export async function createResource(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, false);
  const dryRun = isDryRun(st.url);
  const { object, warnings } = await decodeRequest(st.req, st.url, scope.gvk);
  const created = await scope.store.create(requestContext(scope, st), toStorageVersion(scope, object), {
    dryRun,
    fieldManager: fieldManagerOf(st),
    admit: admitFor(scope, st, 'CREATE', dryRun),
  });
  return writeObject(201, toRequestVersion(scope, created), { format: out.format, pretty: isPretty(st.url), headers: warningHeaders(warnings) });
}
