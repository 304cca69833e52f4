// Mirrors k8s.io/apiserver/pkg/authorization/authorizer/interfaces.go: the question an authorizer
// answers, and the always-allow authorizer used until RBAC is written.
import type { UserInfo } from '../authentication/token-file.js';
import type { RequestInfo } from '../endpoints/request/request-info.js';

export type Decision = 'Allow' | 'Deny' | 'NoOpinion';

export interface Authorizer {
  authorize(user: UserInfo, info: RequestInfo): { decision: Decision; reason: string };
}

export const alwaysAllow: Authorizer = { authorize: () => ({ decision: 'Allow', reason: '' }) };
