// Mirrors k8s.io/apiserver/pkg/endpoints/handlers/rest.go: the RequestScope every REST handler works
// in (the resource, its store, admission) and the per-request helpers (context, dryRun, fieldManager).
import type { KubeObject } from '../../../apimachinery/apis/meta/v1/types.js';
import { newBadRequest } from '../../../apimachinery/api/errors/errors.js';
import type { GroupVersionKind } from '../../../apimachinery/runtime/schema/group-version.js';
import type { PatchMeta } from '../../../apimachinery/util/strategicpatch/meta.js';
import type { Clock } from '../../../util/clock.js';
import type { Chain, Operation } from '../../admission/interfaces.js';
import type { UserInfo } from '../../authentication/token-file.js';
import type { RequestContext, ResourceDefinition, StrategyServices } from '../../registry/rest/resource.js';
import type { AdmitFunc, Store } from '../../registry/generic/registry/store.js';
import type { RequestInfo } from '../request/request-info.js';
import { negotiateOutput, type MediaChoice } from './negotiation/negotiate.js';

export interface RequestScope {
  def: ResourceDefinition;
  store: Store;
  gvk: GroupVersionKind;
  clock: Clock;
  services: StrategyServices;
  admission: Chain;
  patchMeta: PatchMeta;
  bookmarkIntervalMs: number;
}

/** RequestState is one request as the filters left it. */
export interface RequestState {
  req: Request;
  url: URL;
  info: RequestInfo;
  user: UserInfo;
}

/** toRequestVersion converts a stored object into the version the request speaks (scope.def's). */
export function toRequestVersion(scope: RequestScope, obj: KubeObject): KubeObject {
  return scope.def.conversion ? scope.def.conversion.fromStorage(obj) : obj;
}

/** toStorageVersion converts a request's object into the stored version; old is the object it replaces. */
export function toStorageVersion(scope: RequestScope, obj: KubeObject, old?: KubeObject): KubeObject {
  return scope.def.conversion ? scope.def.conversion.toStorage(obj, old) : obj;
}

export function requestContext(scope: RequestScope, st: RequestState): RequestContext {
  const ctx: RequestContext = { namespace: st.info.namespace, user: st.user.name, clock: scope.clock, services: scope.services };
  if (st.info.subresource) ctx.subresource = st.info.subresource;
  return ctx;
}

/** isDryRun validates the dryRun query values ("All" is the only one). */
export function isDryRun(url: URL): boolean {
  const values = url.searchParams.getAll('dryRun');
  for (const v of values) {
    if (v !== 'All') throw newBadRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  }
  return values.length > 0;
}

/** fieldManagerOf reads fieldManager, defaulting to the User-Agent's program name as upstream does. */
export function fieldManagerOf(st: RequestState, required = false): string {
  const given = st.url.searchParams.get('fieldManager');
  if (given !== null) {
    if (given.length > 128) throw newBadRequest(`fieldManager: Too long: may not be more than 128 bytes`);
    return given;
  }
  if (required) throw newBadRequest('PATCH, application/apply-patch+yaml requests require fieldManager to be set');
  const ua = st.req.headers.get('user-agent') ?? '';
  return ua.split('/')[0]!.slice(0, 128) || 'unknown';
}

/** admitFor adapts the admission chain to the store's AdmitFunc for one operation. */
export function admitFor(scope: RequestScope, st: RequestState, op: Operation, dryRun: boolean): AdmitFunc {
  return (obj: KubeObject | undefined, old: KubeObject | undefined) =>
    scope.admission.run({
      operation: op,
      group: scope.def.group,
      version: scope.def.version,
      kind: scope.def.kind,
      resource: scope.def.resource,
      subresource: st.info.subresource,
      namespace: st.info.namespace,
      name: obj?.metadata.name ?? old?.metadata.name ?? st.info.name,
      object: obj,
      oldObject: old,
      user: st.user.name,
      dryRun,
    });
}

export function outputOf(st: RequestState, allowTable: boolean): MediaChoice {
  return negotiateOutput(st.req.headers.get('accept'), allowTable);
}

export const isPretty = (url: URL) => url.searchParams.get('pretty') === 'true' || url.searchParams.get('pretty') === '1';
