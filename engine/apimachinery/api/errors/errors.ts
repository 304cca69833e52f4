// Mirrors k8s.io/apimachinery/pkg/api/errors/errors.go: StatusError and its constructors, with
// the codes, reasons and messages Kubernetes uses (clients switch on them).
import type { Status, StatusCause, StatusDetails, StatusReason } from '../../apis/meta/v1/types.js';
import { aggregateMessage, errorBody, type ErrorList } from '../../util/validation/field/errors.js';
import { groupResourceString, type GroupResource } from '../../runtime/schema/group-version.js';

/** StatusError is an error that carries the Status the API server answers with. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'unknown error');
    this.name = 'StatusError';
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): StatusReason | undefined {
    return this.status.reason;
  }
}

export function newStatus(code: number, reason: StatusReason, message: string, details?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return status;
}

function statusError(code: number, reason: StatusReason, message: string, details?: StatusDetails): StatusError {
  return new StatusError(newStatus(code, reason, message, details));
}

function resourceDetails(gr: GroupResource, name: string): StatusDetails {
  const d: StatusDetails = { name, kind: gr.resource };
  if (gr.group) d.group = gr.group;
  return d;
}

export function newNotFound(gr: GroupResource, name: string): StatusError {
  return statusError(404, 'NotFound', `${groupResourceString(gr)} "${name}" not found`, resourceDetails(gr, name));
}

export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return statusError(409, 'AlreadyExists', `${groupResourceString(gr)} "${name}" already exists`, resourceDetails(gr, name));
}

export function newConflict(gr: GroupResource, name: string, cause: string): StatusError {
  return statusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${groupResourceString(gr)} "${name}": ${cause}`,
    resourceDetails(gr, name),
  );
}

/** optimisticLockErrorMsg is the cause text of a Conflict from a stale resourceVersion. */
export const optimisticLockErrorMsg = 'the object has been modified; please apply your changes to the latest version and try again';

export function newInvalid(groupKind: { group: string; kind: string }, name: string, errs: ErrorList): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const qualified = groupKind.group ? `${groupKind.kind}.${groupKind.group}` : groupKind.kind;
  const details: StatusDetails = { name, kind: groupKind.kind, causes };
  if (groupKind.group) details.group = groupKind.group;
  const message = errs.length
    ? `${qualified} "${name}" is invalid: ${aggregateMessage(errs)}`
    : `${qualified} "${name}" is invalid`;
  return statusError(422, 'Invalid', message, details);
}

export function newBadRequest(message: string): StatusError {
  return statusError(400, 'BadRequest', message);
}

export function newUnauthorized(message = 'Unauthorized'): StatusError {
  return statusError(401, 'Unauthorized', message);
}

export function newForbidden(gr: GroupResource, name: string, reason: string): StatusError {
  const target = name ? `${groupResourceString(gr)} "${name}"` : groupResourceString(gr);
  return statusError(403, 'Forbidden', `${target} is forbidden: ${reason}`, resourceDetails(gr, name));
}

export function newMethodNotSupported(gr: GroupResource, action: string): StatusError {
  return statusError(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${groupResourceString(gr)}"`, {
    kind: gr.resource,
    ...(gr.group ? { group: gr.group } : {}),
  });
}

export function newNotAcceptable(message: string): StatusError {
  return statusError(406, 'NotAcceptable', message);
}

export function newUnsupportedMediaType(contentType: string): StatusError {
  return statusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got ${contentType || 'none'})`);
}

/** newResourceExpired is the 410 Gone a watch or list gets below the compacted revision. */
export function newResourceExpired(message: string): StatusError {
  return statusError(410, 'Expired', message);
}

export function newGone(message: string): StatusError {
  return statusError(410, 'Gone', message);
}

export function newRequestEntityTooLarge(message: string): StatusError {
  return statusError(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

export function newTooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return statusError(429, 'TooManyRequests', message, { retryAfterSeconds });
}

export function newInternalError(err: unknown): StatusError {
  const text = err instanceof Error ? err.message : String(err);
  return statusError(500, 'InternalError', `Internal error occurred: ${text}`, { causes: [{ message: text }] });
}

export function newServiceUnavailable(message: string): StatusError {
  return statusError(503, 'ServiceUnavailable', message);
}

export function newTimeout(message: string, retryAfterSeconds = 0): StatusError {
  return statusError(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
}

export const isNotFound = (e: unknown) => e instanceof StatusError && e.reason === 'NotFound';
export const isAlreadyExists = (e: unknown) => e instanceof StatusError && e.reason === 'AlreadyExists';
export const isConflict = (e: unknown) => e instanceof StatusError && e.reason === 'Conflict';
export const isInvalid = (e: unknown) => e instanceof StatusError && e.reason === 'Invalid';
export const isResourceExpired = (e: unknown) => e instanceof StatusError && (e.reason === 'Expired' || e.reason === 'Gone');

/** statusOf turns any thrown value into the Status to send (unknown errors become 500s). */
export function statusOf(err: unknown): Status {
  return err instanceof StatusError ? err.status : newInternalError(err).status;
}
