// Test helpers (no upstream twin; like makeTestService / makeTestEndpoints in pkg/proxy tests):
// build Service and Endpoints objects tersely.
import type { EndpointAddress, Endpoints, Service, ServicePort, ServiceSpec, ServiceStatus } from '../../api/core/v1/types.js';

export function makeTestService(namespace: string, name: string, spec: ServiceSpec, status?: ServiceStatus): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { type: 'ClusterIP', sessionAffinity: 'None', ...spec }, ...(status ? { status } : {}) };
}

export function tcpPort(name: string, port: number, extra: Partial<ServicePort> = {}): ServicePort {
  return { name, port, protocol: 'TCP', targetPort: port, ...extra };
}

/** makeTestEndpoints builds one subset with the given addresses (ip or {ip, nodeName}) and named ports. */
export function makeTestEndpoints(namespace: string, name: string, addresses: (string | EndpointAddress)[], ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP' }[]): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { namespace, name },
    subsets: [{ addresses: addresses.map((a) => (typeof a === 'string' ? { ip: a } : a)), ports: ports.map((p) => ({ protocol: 'TCP', ...p })) }],
  };
}
