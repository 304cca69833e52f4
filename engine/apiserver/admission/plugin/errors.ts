// Mirrors k8s.io/apiserver/pkg/admission/errors.go: NewForbidden names the resource (with its
// subresource) and the object, so plugins answer 403 `pods "web" is forbidden: <reason>`.
import { newForbidden as newForbiddenStatus, type StatusError } from '../../../apimachinery/api/errors/errors.js';
import type { Attributes } from '../interfaces.js';

/** newForbidden is admission.NewForbidden: a 403 for the object the attributes describe. */
export function newForbidden(a: Attributes, reason: string): StatusError {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const name = a.name || a.object?.metadata.generateName || '';
  return newForbiddenStatus({ group: a.group, resource }, name, reason);
}

/** aggregate prints several errors as utilerrors.NewAggregate does: one alone, more in brackets. */
export function aggregate(msgs: string[]): string {
  return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
}

/** isPodCreate-style guards: the attributes are for the core pods resource itself (no subresource). */
export function isCoreResource(a: Attributes, resource: string): boolean {
  return a.group === '' && a.resource === resource && !a.subresource;
}
