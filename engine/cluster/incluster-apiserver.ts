// Mirrors cmd/kube-apiserver's serving (SecureServingInfo on --secure-port 6443, the old
// --insecure-port 8080) and pkg/serviceaccount/jwt.go's token authenticator, reduced: the API
// server's handler served on the master machine's virtual network, where the `kubernetes` service's
// endpoints point. TLS is not modelled — 6443 speaks plain HTTP/1.1 — but it still authenticates:
// a pod's projected service account token (checked against the kubelet's signature) or a static
// token; anything else is 401. 8080 is the documents' insecure port: everyone is an administrator.
import type { ControlPlane } from '../controlplane/instance.js';
import { sha256Hex } from '../images/lib/sha256.js';
import type { NetStack } from '../net/types.js';
import { serveHTTP, type FetchHandler, type HTTPServer } from './incluster-http-server.js';

export const securePort = 6443;
export const insecurePort = 8080;

/** ServiceAccountUser is who a verified service account token names. */
export interface ServiceAccountUser {
  namespace: string;
  name: string;
  /** username is "system:serviceaccount:<namespace>:<name>". */
  username: string;
  podName?: string;
}

function b64urlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  return atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}

function b64url(s: string): string {
  return btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * verifyServiceAccountToken checks a bound token's signature and claims. Expiry is not enforced:
 * the kubelet's tokens carry the warn-only extended lifetime (--service-account-extend-token-expiration),
 * which a real API server also accepts past `exp`.
 */
export function verifyServiceAccountToken(token: string): ServiceAccountUser | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  if (b64url(sha256Hex(`${header}.${payload}`)) !== signature) return undefined;
  try {
    const claims = JSON.parse(b64urlDecode(payload)) as { iss?: string; sub?: string; 'kubernetes.io'?: { pod?: { name?: string } } };
    const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(claims.sub ?? '');
    if (!m || claims.iss !== 'https://kubernetes.default.svc.cluster.local') return undefined;
    return { namespace: m[1]!, name: m[2]!, username: claims.sub!, podName: claims['kubernetes.io']?.pod?.name };
  } catch {
    return undefined;
  }
}

/**
 * secureHandler authenticates service account tokens itself and hands the rest to the API server's
 * token-file authenticator (which answers 401 Unauthorized). The API server has no service account
 * authenticator to call into, so accepted tokens are served by the trusted handler.
 */
export function secureHandler(plane: Pick<ControlPlane, 'apiserver'>): FetchHandler {
  return (request) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
    if (m && verifyServiceAccountToken(m[1]!)) return plane.apiserver.handler(request);
    return plane.apiserver.secureHandler(request);
  };
}

export interface ServedAPIServer {
  secure: HTTPServer;
  insecure: HTTPServer;
  close(): void;
}

/** serveAPIServer listens on 6443 (authenticated) and 8080 (insecure) of the master's host namespace. */
export async function serveAPIServer(stack: NetStack, plane: Pick<ControlPlane, 'apiserver'>): Promise<ServedAPIServer> {
  const secure = await serveHTTP(stack, securePort, secureHandler(plane));
  const insecure = await serveHTTP(stack, insecurePort, (request) => plane.apiserver.handler(request));
  return {
    secure,
    insecure,
    close() {
      secure.close();
      insecure.close();
    },
  };
}
