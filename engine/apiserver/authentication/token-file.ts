// Mirrors k8s.io/apiserver/pkg/authentication/token/tokenfile: a static list of bearer tokens
// (--token-auth-file), and the anonymous user the insecure port serves as.
import { newBearerTokenAuthenticator, type TokenAuthenticator } from './bearer-token.js';

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
}

/** TokenEntry is one line of a token file: token,user,uid,"group1,group2". */
export interface TokenEntry {
  token: string;
  user: string;
  uid?: string;
  groups?: string[];
}

/** insecureUser is who the insecure port serves: a cluster admin, as the old insecure port did. */
export const insecureUser: UserInfo = { name: 'system:unsecured', groups: ['system:masters', 'system:authenticated'] };

/** Authenticator finds who sent a request; it throws a 401 Unauthorized StatusError when nobody does. */
export type Authenticator = (req: Request) => UserInfo;

/** newTokenFileAuthenticator knows the tokens of the file; other tokens are not its own. */
export function newTokenFileAuthenticator(tokens: TokenEntry[]): TokenAuthenticator {
  const byToken = new Map(tokens.map((t) => [t.token, t]));
  return (token) => {
    const entry = byToken.get(token);
    return entry ? { name: entry.user, uid: entry.uid, groups: [...(entry.groups ?? [])] } : undefined;
  };
}

/** newTokenAuthenticator accepts `Authorization: Bearer <token>` for a known token, else answers 401. */
export function newTokenAuthenticator(tokens: TokenEntry[]): Authenticator {
  return newBearerTokenAuthenticator([newTokenFileAuthenticator(tokens)]);
}
