// Mirrors k8s.io/client-go/rest/config.go, reduced to what a Kubelab client needs: how requests
// leave (the Transport), the host used to form absolute URLs, and request headers.
import type { Transport } from '../transport.js';

export interface Config {
  /** transport sends every request: fetch over HTTP, or the API server's handler in process. */
  transport: Transport;
  /** host forms absolute URLs (a Request needs one); an HTTP transport rebases them. */
  host?: string;
  /** userAgent is sent as User-Agent, as client-go sends "<binary>/<version> …". */
  userAgent?: string;
  /** bearerToken is sent as "Authorization: Bearer <token>". */
  bearerToken?: string;
}

/** defaultHost is the placeholder origin of in-process requests. */
export const defaultHost = 'http://kubernetes.default.svc';
