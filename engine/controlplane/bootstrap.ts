// Mirrors pkg/controlplane/controller/systemnamespaces and kubernetesservice (reconcilers.go): after
// the API server starts, make sure the system namespaces exist and that the `kubernetes` service in
// default (first IP of the service range, port 443 → the API server's port) and its Endpoints point
// at the API server. Runs through the ordinary API, so it is idempotent on every restart.
// As upstream's EndpointsAdapter, the Endpoints are written again as the EndpointSlice "kubernetes"
// (what kube-proxy reads). Simplified: runs once when called (upstream loops every 10s).
import type { Transport } from '../client/transport.js';
import type { KubeObject } from '../apimachinery/apis/meta/v1/types.js';
import type { Endpoints, Service } from '../api/core/v1/types.js';
import type { EndpointSlice } from '../api/discovery/v1/types.js';
import { firstServiceIP } from '../apiserver/registry/core/service/ipallocator/cidr.js';

export const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface BootstrapConfig {
  transport: Transport;
  /** serviceCIDR is the service IP range; the kubernetes service takes its first address. */
  serviceCIDR?: string;
  /** publicIP is the address other machines reach the API server on. */
  publicIP: string;
  /** port is the API server's (secure) port, the service's targetPort. */
  port: number;
  /** baseURL only shapes the request URLs; the transport decides where they go. */
  baseURL?: string;
}

interface Reply {
  status: number;
  body: KubeObject | undefined;
}

class APIClient {
  constructor(
    private readonly transport: Transport,
    private readonly base: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<Reply> {
    const init: RequestInit = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    const res = await this.transport(new Request(new URL(path, this.base), init));
    const text = await res.text();
    let parsed: KubeObject | undefined;
    try {
      parsed = text ? (JSON.parse(text) as KubeObject) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed };
  }
}

function check(reply: Reply, what: string, ok: number[]): void {
  if (!ok.includes(reply.status)) {
    const message = (reply.body as { message?: string } | undefined)?.message ?? `HTTP ${reply.status}`;
    throw new Error(`bootstrap: ${what}: ${message}`);
  }
}

/** kubernetesService is the desired `kubernetes` service. */
export function kubernetesService(serviceIP: string, port: number): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: serviceIP,
      sessionAffinity: 'None',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: port }],
    },
  };
}

/** kubernetesEndpoints is the desired Endpoints of the `kubernetes` service. */
export function kubernetesEndpoints(ip: string, port: number): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
  };
}

/** kubernetesEndpointSlice mirrors endpointSliceFromEndpoints: the same name, one IPv4 endpoint per address. */
export function kubernetesEndpointSlice(ip: string, port: number): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports: [{ name: 'https', port, protocol: 'TCP' }],
  };
}

async function ensureNamespaces(api: APIClient): Promise<void> {
  for (const name of systemNamespaces) {
    const got = await api.call('GET', `/api/v1/namespaces/${name}`);
    if (got.status === 200) continue;
    check(got, `get namespace ${name}`, [404]);
    const created = await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    check(created, `create namespace ${name}`, [201, 200, 409]);
  }
}

function samePorts(a: Service, b: Service): boolean {
  const key = (s: Service) =>
    JSON.stringify((s.spec?.ports ?? []).map((p) => [p.name ?? '', p.port, p.protocol ?? 'TCP', String(p.targetPort ?? p.port)]));
  return key(a) === key(b) && a.spec?.type === b.spec?.type;
}

async function ensureService(api: APIClient, desired: Service): Promise<void> {
  const path = '/api/v1/namespaces/default/services/kubernetes';
  const got = await api.call('GET', path);
  if (got.status === 404) {
    const created = await api.call('POST', '/api/v1/namespaces/default/services', desired);
    check(created, 'create service kubernetes', [201, 200, 409]);
    return;
  }
  check(got, 'get service kubernetes', [200]);
  const live = got.body as unknown as Service;
  if (samePorts(live, desired)) return;
  // Reconcile ports and type only; the cluster IP is immutable.
  const updated: Service = { ...live, spec: { ...live.spec, ports: desired.spec!.ports, type: 'ClusterIP' } };
  check(await api.call('PUT', path, updated), 'update service kubernetes', [200]);
}

async function ensureEndpoints(api: APIClient, desired: Endpoints): Promise<void> {
  const path = '/api/v1/namespaces/default/endpoints/kubernetes';
  const got = await api.call('GET', path);
  if (got.status === 404) {
    check(await api.call('POST', '/api/v1/namespaces/default/endpoints', desired), 'create endpoints kubernetes', [201, 200, 409]);
    return;
  }
  check(got, 'get endpoints kubernetes', [200]);
  const live = got.body as unknown as Endpoints;
  if (JSON.stringify(live.subsets ?? []) === JSON.stringify(desired.subsets)) return;
  const updated: Endpoints = { ...live, subsets: desired.subsets };
  check(await api.call('PUT', path, updated), 'update endpoints kubernetes', [200]);
}

async function ensureEndpointSlice(api: APIClient, desired: EndpointSlice): Promise<void> {
  const path = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes';
  const got = await api.call('GET', path);
  if (got.status === 404) {
    // A loopback advertise address is no valid endpoint: upstream logs the rejection and serves on.
    check(await api.call('POST', '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', desired), 'create endpointslice kubernetes', [201, 200, 409, 422]);
    return;
  }
  check(got, 'get endpointslice kubernetes', [200]);
  const live = got.body as unknown as EndpointSlice;
  if (JSON.stringify([live.endpoints, live.ports]) === JSON.stringify([desired.endpoints, desired.ports])) return;
  const updated: EndpointSlice = { ...live, endpoints: desired.endpoints, ports: desired.ports };
  check(await api.call('PUT', path, updated), 'update endpointslice kubernetes', [200, 422]);
}

/** bootstrapControlPlane creates (or repairs) the system namespaces and the kubernetes service. */
export async function bootstrapControlPlane(cfg: BootstrapConfig): Promise<void> {
  const api = new APIClient(cfg.transport, cfg.baseURL ?? 'http://kube-apiserver.local');
  await ensureNamespaces(api);
  const serviceIP = firstServiceIP(cfg.serviceCIDR ?? '10.254.0.0/16');
  await ensureService(api, kubernetesService(serviceIP, cfg.port));
  await ensureEndpoints(api, kubernetesEndpoints(cfg.publicIP, cfg.port));
  await ensureEndpointSlice(api, kubernetesEndpointSlice(cfg.publicIP, cfg.port));
}
