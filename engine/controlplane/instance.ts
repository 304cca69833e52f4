// Mirrors pkg/controlplane/instance.go (and cmd/kube-apiserver's Run): one call that opens the
// store, builds the API server with every resource, and bootstraps the system namespaces and the
// `kubernetes` service. Web-standard only: the Node host, the browser worker and tests all use it.
import { createAPIServer, type APIServer } from '../apiserver/server/server.js';
import { allResources } from '../apiserver/registry/all-resources.js';
import type { TokenEntry } from '../apiserver/authentication/token-file.js';
import type { AdmissionOptions } from '../apiserver/admission/plugin/plugins.js';
import type { NodeConnection } from '../apiserver/registry/core/pod/rest/node-connection.js';
import { openStore, type EtcdServer, type RecoveryReport } from '../etcd/embed.js';
import { newGateway } from '../etcd/server/gateway.js';
import type { LogStorage } from '../etcd/wal/log-storage.js';
import type { Transport } from '../client/transport.js';
import type { Clock } from '../util/clock.js';
import { bootstrapControlPlane } from './bootstrap.js';
import { loadOrCreateCA } from './pki.js';

export interface ControlPlaneOptions {
  clock: Clock;
  /** persistence keeps the store's log and snapshots; omit for a memory-only cluster. */
  persistence?: LogStorage;
  /** serviceCIDR is --service-cluster-ip-range (default 10.254.0.0/16). */
  serviceCIDR?: string;
  /** nodePortRange is --service-node-port-range (default 30000-32767). */
  nodePortRange?: string;
  /** advertiseAddress and port are where the `kubernetes` service's endpoints point. */
  advertiseAddress?: string;
  port?: number;
  tokens?: TokenEntry[];
  /** admission picks and configures the admission plugins (--enable-admission-plugins …). */
  admission?: AdmissionOptions;
  /** nodeConnection lets the API server reach the kubelets (pods/log). */
  nodeConnection?: NodeConnection;
  /** onStoreOpened hears the store's recovery as soon as its log is replayed, before the API server is built. */
  onStoreOpened?: (recovery: RecoveryReport) => void;
}

export interface ControlPlane {
  store: EtcdServer;
  recovery: RecoveryReport;
  apiserver: APIServer;
  /** transport calls the API server's handler in this process (no sockets). */
  transport: Transport;
  /** etcdGateway serves etcd's v3 JSON API for etcdctl. */
  etcdGateway: (request: Request) => Promise<Response>;
  /** rootCA is the cluster CA certificate (PEM): --root-ca-file for the controller manager. */
  rootCA: string;
  close(): Promise<void>;
}

/** startControlPlane brings up the store and the API server and bootstraps the cluster's basics. */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const { clock } = options;
  const { store, recovery } = await openStore({ clock, persistence: options.persistence });
  options.onStoreOpened?.(recovery);
  const port = options.port ?? 8080;
  const advertiseAddress = options.advertiseAddress ?? '127.0.0.1';
  const apiserver = createAPIServer({
    kv: store,
    clock,
    resources: allResources(),
    serviceCIDR: options.serviceCIDR,
    nodePortRange: options.nodePortRange,
    tokens: options.tokens,
    admissionOptions: options.admission,
    serverAddress: `${advertiseAddress}:${port}`,
    nodeConnection: options.nodeConnection,
  });
  const transport: Transport = (request) => apiserver.handler(request);
  await bootstrapControlPlane({ transport, serviceCIDR: options.serviceCIDR, publicIP: advertiseAddress, port });
  const ca = await loadOrCreateCA(store, clock);
  return {
    rootCA: ca.certPEM,
    store,
    recovery,
    apiserver,
    transport,
    etcdGateway: newGateway(store),
    async close() {
      apiserver.close();
      await store.close();
    },
  };
}
