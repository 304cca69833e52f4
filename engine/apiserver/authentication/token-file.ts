// Mirrors k8s.io/apiserver/pkg/authentication/request/bearertoken and token/tokenfile: a static list
// of bearer tokens, and the anonymous user the insecure port serves as.
import { newUnauthorized } from '../../apimachinery/api/errors/errors.js';

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

export type Authenticator = (req: Request) => UserInfo;

/** newTokenAuthenticator accepts `Authorization: Bearer <token>` for a known token, else answers 401. */
export function newTokenAuthenticator(tokens: TokenEntry[]): Authenticator {
  const byToken = new Map(tokens.map((t) => [t.token, t]));
  return (req) => {
    const header = req.headers.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const entry = m ? byToken.get(m[1]!) : undefined;
    if (!entry) throw newUnauthorized();
    return { name: entry.user, uid: entry.uid, groups: [...(entry.groups ?? []), 'system:authenticated'] };
  };
}
