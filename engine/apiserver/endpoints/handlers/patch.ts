// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/patch.go: JSON patch, JSON merge patch, strategic
// merge patch and server-side apply (application/apply-patch+yaml), each applied to the latest
// object and retried on write conflicts, then run through the same update path as PUT.
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { newBadRequest, newNotFound, newUnsupportedMediaType, newStatus, StatusError } from '../../../apimachinery/api/errors/errors.js';
import { applyPatch, decodePatch } from '../../../apimachinery/util/jsonpatch/patch.js';
import { mergePatch } from '../../../apimachinery/util/jsonmergepatch/patch.js';
import { strategicMergePatch } from '../../../apimachinery/util/strategicpatch/patch.js';
import { applyConfiguration } from './fieldmanager/apply.js';
import { decodeObject, fieldValidationOf, parseRaw, readBody, warningHeaders } from './decode.js';
import { admitFor, fieldManagerOf, isDryRun, isPretty, outputOf, requestContext, toRequestVersion, toStorageVersion, type RequestScope, type RequestState } from './rest.js';
import { mediaTypeOf } from './negotiation/negotiate.js';
import { writeObject } from './responsewriters/writers.js';
import { rfc3339 } from '../../../apimachinery/apis/meta/v1/time.js';

export const patchTypes = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/** invalidPatch is the 422 a patch that cannot be applied gets (interpretPatchError). */
function invalidPatch(err: unknown): StatusError {
  if (err instanceof StatusError) return err;
  return new StatusError(newStatus(422, 'Invalid', (err as Error).message));
}

/** PatchFunc turns the current object into the patched one (current undefined: the object is missing). */
export type PatchFunc = (current: KubeObject | undefined) => KubeObject;

/**
 * patcherFor builds the patch function for a content type and body. Exported so the scale
 * subresource can patch a Scale the same way.
 */
export function patcherFor(scope: RequestScope, st: RequestState, type: string, text: string): { fn: PatchFunc; setsRV: boolean; apply: boolean } {
  if (!patchTypes.includes(type)) throw newUnsupportedMediaType(type);
  const name = st.info.name;
  const notFound = () => newNotFound({ group: scope.def.group, resource: scope.def.resource }, name);
  if (type === 'application/apply-patch+yaml') {
    const manager = fieldManagerOf(st, true);
    const force = st.url.searchParams.get('force') === 'true';
    const raw = parseRaw(text, type, scope.gvk.kind);
    const validation = fieldValidationOf(st.url);
    return {
      apply: true,
      setsRV: !!(raw as KubeObject | null)?.metadata?.resourceVersion,
      fn: (current) => {
        const { object } = decodeObject(structuredClone(raw), text, scope.gvk, validation);
        if (!object.metadata.name) object.metadata.name = name;
        return applyConfiguration(current, object, {
          manager,
          force,
          meta: scope.patchMeta,
          time: rfc3339(scope.clock.now()),
          subresource: st.info.subresource || undefined,
        });
      },
    };
  }
  let patch: unknown;
  try {
    patch = JSON.parse(text) as unknown;
  } catch (err) {
    throw newBadRequest(`error decoding patch: ${(err as Error).message}`);
  }
  if (type === 'application/json-patch+json') {
    let ops: ReturnType<typeof decodePatch>;
    try {
      ops = decodePatch(patch);
    } catch (err) {
      throw newBadRequest((err as Error).message);
    }
    return {
      apply: false,
      setsRV: ops.some((o) => o.path === '/metadata/resourceVersion'),
      fn: (current) => {
        if (!current) throw notFound();
        try {
          return applyPatch(current, ops);
        } catch (err) {
          throw invalidPatch(err);
        }
      },
    };
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw newBadRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  }
  const setsRV = !!(patch as KubeObject).metadata?.resourceVersion;
  const strategic = type === 'application/strategic-merge-patch+json';
  return {
    apply: false,
    setsRV,
    fn: (current) => {
      if (!current) throw notFound();
      try {
        return (strategic ? strategicMergePatch(current, patch, scope.patchMeta) : mergePatch(current, patch)) as KubeObject;
      } catch (err) {
        throw invalidPatch(err);
      }
    },
  };
}

export async function patchResource(scope: RequestScope, st: RequestState): Promise<Response> {
  const out = outputOf(st, false);
  const dryRun = isDryRun(st.url);
  const validation = fieldValidationOf(st.url);
  const type = mediaTypeOf(st.req.headers.get('content-type'));
  const text = await readBody(st.req);
  const patcher = patcherFor(scope, st, type, text);
  let warnings: string[] = [];
  const strategy = st.info.subresource === 'status' ? scope.def.statusStrategy : undefined;
  const ctx = requestContext(scope, st);
  const result = await scope.store.update(
    ctx,
    st.info.name,
    (stored) => {
      // Patches apply to the object as the request's version shows it.
      const current = stored && toRequestVersion(scope, stored);
      const patched = patcher.fn(current);
      // The patched object is checked like a decoded body (types, unknown fields).
      const decoded = decodeObject(patched, JSON.stringify(patched), scope.gvk, validation);
      warnings = decoded.warnings;
      if (current && !patcher.setsRV) decoded.object.metadata.resourceVersion = current.metadata.resourceVersion;
      return toStorageVersion(scope, decoded.object, stored);
    },
    {
      strategy,
      dryRun,
      fieldManager: fieldManagerOf(st, false),
      forceAllowCreate: patcher.apply,
      managedFieldsDone: patcher.apply,
      retryOnConflict: !patcher.setsRV,
      admit: async (obj, old) => admitFor(scope, st, old ? 'UPDATE' : 'CREATE', dryRun)(obj, old),
    },
  );
  return writeObject(result.created ? 201 : 200, toRequestVersion(scope, result.object), { format: out.format, pretty: isPretty(st.url), headers: warningHeaders(warnings) });
}
