// Mirrors pkg/serviceaccount/legacy.go (LegacyClaims) and the token generator's shape: a JWT with
// the legacy service account claims. This engine does not sign tokens yet: the header says
// "alg": "none" and the signature part is empty, so the token is well formed but unsigned.
export const ServiceAccountNameKey = 'kubernetes.io/service-account.name';
export const ServiceAccountUIDKey = 'kubernetes.io/service-account.uid';
export const ServiceAccountTokenKey = 'token';
export const ServiceAccountRootCAKey = 'ca.crt';
export const ServiceAccountNamespaceKey = 'namespace';
export const SecretTypeServiceAccountToken = 'kubernetes.io/service-account-token';
export const LegacyIssuer = 'kubernetes/serviceaccount';

const base64url = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** legacyToken builds the unsigned token of a service account's token secret. */
export function legacyToken(namespace: string, saName: string, saUID: string, secretName: string): string {
  const header = { alg: 'none', typ: 'JWT' };
  const claims = {
    iss: LegacyIssuer,
    'kubernetes.io/serviceaccount/namespace': namespace,
    'kubernetes.io/serviceaccount/secret.name': secretName,
    'kubernetes.io/serviceaccount/service-account.name': saName,
    'kubernetes.io/serviceaccount/service-account.uid': saUID,
    sub: `system:serviceaccount:${namespace}:${saName}`,
  };
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.`;
}

/** b64 encodes secret data values (standard base64, as on the wire). */
export const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
