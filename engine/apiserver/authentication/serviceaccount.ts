// Mirrors pkg/serviceaccount (jwt.go's token authenticator, claims.go's bound-token validator,
// legacy.go's secret-based validator): a bearer token that is a service account JWT authenticates
// as system:serviceaccount:<namespace>:<name> in system:serviceaccounts and
// system:serviceaccounts:<namespace>, as long as the objects it names still exist.
// - Bound tokens (the kubelet's projected tokens, issuer https://kubernetes.default.svc.cluster.local)
//   carry the engine's digest signature, which is checked; their account must exist and, when they
//   name a pod, the pod must exist with the same uid and not be deleted for more than 60 s.
//   Expiry is not enforced: the kubelet's tokens carry the warn-only extended lifetime
//   (--service-account-extend-token-expiration), which a real API server also accepts past `exp`.
// - Legacy tokens (the token controller's secrets, issuer kubernetes/serviceaccount) are unsigned
//   here, so — as legacy.go does besides the signature — the secret they name must still hold
//   exactly this token, and the account must exist with the uid they name.
// Tokens of other issuers, or that are not JWTs, are left to the other authenticators.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { sha256Hex } from '../../util/sha256.js';
import type { TokenAuthenticator } from './bearer-token.js';

export const apiIssuer = 'https://kubernetes.default.svc.cluster.local';
export const legacyIssuer = 'kubernetes/serviceaccount';
/** invalidIfDeletedFor is how long a deleted pod's tokens keep working (the pod is terminating). */
const invalidIfDeletedFor = 60_000;

/** ObjectGetter reads objects of the API server's own stores (undefined when missing). */
export type ObjectGetter = (resource: string, namespace: string, name: string) => KubeObject | undefined;

interface BoundClaims {
  iss?: string;
  sub?: string;
  aud?: string[] | string;
  'kubernetes.io'?: { namespace?: string; pod?: { name?: string; uid?: string }; serviceaccount?: { name?: string; uid?: string } };
}

interface LegacyClaims {
  iss?: string;
  sub?: string;
  'kubernetes.io/serviceaccount/namespace'?: string;
  'kubernetes.io/serviceaccount/secret.name'?: string;
  'kubernetes.io/serviceaccount/service-account.name'?: string;
  'kubernetes.io/serviceaccount/service-account.uid'?: string;
}

/** b64Decode reads standard or URL-safe base64, padded or not, as UTF-8. */
function b64Decode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

const b64url = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** signature is the digest the kubelet signs bound tokens with (the engine has no key pair). */
export const signature = (headerAndPayload: string) => b64url(sha256Hex(headerAndPayload));

/** parseJWT splits a compact JWT; undefined when the token is not one. */
function parseJWT(token: string): { signed: string; sig: string; claims: BoundClaims & LegacyClaims } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(b64Decode(parts[1]!)) as BoundClaims & LegacyClaims;
    return typeof claims === 'object' && claims !== null ? { signed: `${parts[0]}.${parts[1]}`, sig: parts[2]!, claims } : undefined;
  } catch {
    return undefined;
  }
}

/** makeUsername and the groups are serviceaccount.UserInfo's. */
export const serviceAccountUsername = (ns: string, name: string) => `system:serviceaccount:${ns}:${name}`;
const serviceAccountGroups = (ns: string) => ['system:serviceaccounts', `system:serviceaccounts:${ns}`];

/** splitUsername reads "system:serviceaccount:<ns>:<name>". */
function splitUsername(sub: string | undefined): { namespace: string; name: string } | undefined {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(sub ?? '');
  return m ? { namespace: m[1]!, name: m[2]! } : undefined;
}

export function newServiceAccountAuthenticator(get: ObjectGetter, now: () => number): TokenAuthenticator {
  const account = (namespace: string, name: string, uid?: string) => {
    const sa = get('serviceaccounts', namespace, name);
    if (!sa) throw new Error(`serviceaccounts "${name}" not found`);
    if (sa.metadata.deletionTimestamp) throw new Error(`service account ${namespace}/${name} has been deleted`);
    if (uid && sa.metadata.uid !== uid) throw new Error(`service account UID (${sa.metadata.uid}) does not match claim (${uid})`);
    return sa;
  };
  const bound = (jwt: NonNullable<ReturnType<typeof parseJWT>>) => {
    if (signature(jwt.signed) !== jwt.sig) throw new Error('invalid signature');
    const c = jwt.claims;
    const aud = c.aud === undefined ? [apiIssuer] : Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!aud.includes(apiIssuer)) throw new Error('token audiences do not match');
    const who = splitUsername(c.sub);
    if (!who) throw new Error('sub is not a service account');
    const sa = account(who.namespace, who.name, c['kubernetes.io']?.serviceaccount?.uid);
    const podRef = c['kubernetes.io']?.pod;
    if (podRef?.name) {
      const pod = get('pods', who.namespace, podRef.name);
      if (!pod) throw new Error(`pods "${podRef.name}" not found`);
      if (podRef.uid && pod.metadata.uid !== podRef.uid) throw new Error(`pod UID (${pod.metadata.uid}) does not match claim (${podRef.uid})`);
      const deleted = pod.metadata.deletionTimestamp ? Date.parse(pod.metadata.deletionTimestamp) : undefined;
      if (deleted !== undefined && deleted < now() - invalidIfDeletedFor) throw new Error(`pod ${who.namespace}/${podRef.name} has been deleted`);
    }
    return { name: serviceAccountUsername(who.namespace, who.name), uid: sa.metadata.uid, groups: serviceAccountGroups(who.namespace) };
  };
  const legacy = (token: string, c: LegacyClaims) => {
    const namespace = c['kubernetes.io/serviceaccount/namespace'] ?? '';
    const name = c['kubernetes.io/serviceaccount/service-account.name'] ?? '';
    const secretName = c['kubernetes.io/serviceaccount/secret.name'] ?? '';
    if (!namespace || !name || !secretName) throw new Error('service account token claims are missing');
    if (c.sub !== serviceAccountUsername(namespace, name)) throw new Error('sub does not match the service account claims');
    const secret = get('secrets', namespace, secretName) as (KubeObject & { data?: Record<string, string> }) | undefined;
    if (!secret || secret.metadata.deletionTimestamp) throw new Error('token has been invalidated');
    const stored = secret.data?.token ? b64Decode(secret.data.token) : '';
    if (stored !== token) throw new Error('token does not match secret');
    const sa = account(namespace, name, c['kubernetes.io/serviceaccount/service-account.uid']);
    return { name: serviceAccountUsername(namespace, name), uid: sa.metadata.uid, groups: serviceAccountGroups(namespace) };
  };
  return (token) => {
    const jwt = parseJWT(token);
    if (!jwt) return undefined;
    if (jwt.claims.iss === apiIssuer) return bound(jwt);
    if (jwt.claims.iss === legacyIssuer) return legacy(token, jwt.claims);
    return undefined;
  };
}
