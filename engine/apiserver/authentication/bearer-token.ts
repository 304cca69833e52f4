// Mirrors k8s.io/apiserver/pkg/authentication/request/bearertoken (the Authorization header) with
// token/union (the first token authenticator that knows the token wins): a token nobody accepts,
// or no token at all, is 401 Unauthorized. Authenticated users join system:authenticated.
import { newUnauthorized } from '../../apimachinery/api/errors/errors.js';
import type { Authenticator, UserInfo } from './token-file.js';

/**
 * TokenAuthenticator answers the user a token names, undefined for a token it does not know, or
 * throws (an invalid token of its own kind: bad signature, deleted account) — a 401 either way.
 */
export type TokenAuthenticator = (token: string) => UserInfo | undefined;

export function newBearerTokenAuthenticator(authenticators: TokenAuthenticator[]): Authenticator {
  return (req) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
    if (!m) throw newUnauthorized();
    for (const authenticate of authenticators) {
      let user: UserInfo | undefined;
      try {
        user = authenticate(m[1]!);
      } catch {
        throw newUnauthorized();
      }
      if (user) return { ...user, groups: [...user.groups.filter((g) => g !== 'system:authenticated'), 'system:authenticated'] };
    }
    throw newUnauthorized();
  };
}
