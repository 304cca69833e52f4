// Mirrors k8s.io/client-go/rest/request.go (transformResponse, newUnstructuredResponseError) and
// apimachinery's errors.NewGenericServerResponse: a failed response becomes a StatusError, from the
// Status body when the server sent one, otherwise from the HTTP code alone.
import type { Status, StatusReason } from '../../apimachinery/apis/meta/v1/types.js';
import { newStatus, StatusError } from '../../apimachinery/api/errors/errors.js';

/** isStatus reports whether a decoded body is a metav1.Status. */
export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';
}

/**
 * newGenericServerResponse builds the error for a failure response without a Status body, with the
 * messages client-go uses for each code.
 */
export function newGenericServerResponse(code: number, verb: string, resource: string, name: string, serverMessage: string): StatusError {
  let reason: StatusReason = '';
  let message = `the server responded with the status code ${code} but did not return more information`;
  switch (code) {
    case 409:
      reason = verb === 'POST' ? 'AlreadyExists' : 'Conflict';
      message = 'the server reported a conflict';
      break;
    case 404:
      reason = 'NotFound';
      message = 'the server could not find the requested resource';
      break;
    case 400:
      reason = 'BadRequest';
      message = 'the server rejected our request for an unknown reason';
      break;
    case 401:
      reason = 'Unauthorized';
      message = 'the server has asked for the client to provide credentials';
      break;
    case 403:
      reason = 'Forbidden';
      message = serverMessage || 'the server does not allow access to the requested resource';
      break;
    case 405:
      reason = 'MethodNotAllowed';
      message = 'the server does not allow this method on the requested resource';
      break;
    case 406:
      reason = 'NotAcceptable';
      message = 'the server was unable to respond with a content type that the client supports';
      break;
    case 410:
      reason = 'Gone';
      break;
    case 415:
      reason = 'UnsupportedMediaType';
      message = 'the server was unable to respond with a content type that the client supports';
      break;
    case 422:
      reason = 'Invalid';
      message = 'the server rejected our request due to an error in our request';
      break;
    case 429:
      reason = 'TooManyRequests';
      message = 'the server has received too many requests and has asked us to try again later';
      break;
    case 503:
      reason = 'ServiceUnavailable';
      message = 'the server is currently unable to handle the request';
      break;
    case 504:
      reason = 'Timeout';
      message = 'the server was unable to return a response in the time allotted, but may still be processing the request';
      break;
    default:
      if (code >= 500) {
        reason = 'InternalError';
        message = `an error on the server (${JSON.stringify(serverMessage || 'unknown')}) has prevented the request from succeeding`;
      }
  }
  if (resource && name) message = `${message} (${verb.toLowerCase()} ${resource} ${name})`;
  else if (resource) message = `${message} (${verb.toLowerCase()} ${resource})`;
  return new StatusError(newStatus(code, reason, message, { name, kind: resource, causes: [{ reason: 'UnexpectedServerResponse', message: serverMessage }] }));
}

/** transformResponse decodes a response: the JSON body on success, a StatusError on failure. */
export async function transformResponse(res: Response, verb: string, resource: string, name: string): Promise<unknown> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.status >= 200 && res.status < 300) {
    if (text && body === undefined) throw new Error(`could not decode the response body as JSON: ${text.slice(0, 100)}`);
    return body;
  }
  if (isStatus(body) && body.status !== 'Success') {
    // A server may leave the code out of the body; the HTTP status is authoritative then.
    const status: Status = { ...body, code: body.code || res.status };
    throw new StatusError(status);
  }
  throw newGenericServerResponse(res.status, verb, resource, name, text.trim());
}
