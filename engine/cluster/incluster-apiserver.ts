// Mirrors cmd/kube-apiserver's serving (SecureServingInfo on --secure-port 6443, the old
// --insecure-port 8080), reduced: the API server's handler served on the master machine's virtual
// network, where the `kubernetes` service's endpoints point. TLS is not modelled — 6443 speaks plain
// HTTP/1.1 — but it still authenticates through the API server's own chain (service account and
// static tokens); anything else is 401. 8080 is the documents' insecure port: everyone is an
// administrator.
import type { ControlPlane } from '../controlplane/instance.js';
import type { NetStack } from '../net/types.js';
import { serveHTTP, type FetchHandler, type HTTPServer } from './incluster-http-server.js';

export const securePort = 6443;
export const insecurePort = 8080;

/**
 * secureHandler is the API server's authenticated side: service account tokens (a pod's projected
 * token, a token secret) and static tokens are checked by its authenticator chain; anything else
 * is 401.
 */
export function secureHandler(plane: Pick<ControlPlane, 'apiserver'>): FetchHandler {
  return (request) => plane.apiserver.secureHandler(request);
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
