// Test fixtures (no upstream twin): a small cluster state like the documents' guestbook — a
// redis-master service, a headless service with named ports, an ExternalName service.
import type { Endpoints, Service } from '../api/core/v1/types.js';
import type { ClusterState } from './kubernetes.js';

export function guestbookState(): ClusterState & { svcs: Service[]; eps: Endpoints[] } {
  const svcs: Service[] = [
    { metadata: { namespace: 'default', name: 'kubernetes' }, spec: { clusterIP: '10.254.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } },
    { metadata: { namespace: 'default', name: 'redis-master' }, spec: { clusterIP: '10.254.0.12', ports: [{ name: 'redis', port: 6379, protocol: 'TCP' }] } },
    { metadata: { namespace: 'other', name: 'redis-master' }, spec: { clusterIP: '10.254.0.99', ports: [{ port: 6379, protocol: 'TCP' }] } },
    {
      metadata: { namespace: 'default', name: 'cassandra' },
      spec: { clusterIP: 'None', ports: [{ name: 'cql', port: 9042, protocol: 'TCP' }] },
    },
    { metadata: { namespace: 'default', name: 'search' }, spec: { type: 'ExternalName', externalName: 'www.example.com' } },
  ];
  const eps: Endpoints[] = [
    { metadata: { namespace: 'default', name: 'redis-master' }, subsets: [{ addresses: [{ ip: '172.17.1.5' }], ports: [{ name: 'redis', port: 6379, protocol: 'TCP' }] }] },
    {
      metadata: { namespace: 'default', name: 'cassandra' },
      subsets: [{ addresses: [{ ip: '172.17.1.7', hostname: 'cassandra-0' }, { ip: '172.17.2.8' }], notReadyAddresses: [{ ip: '172.17.3.9' }], ports: [{ name: 'cql', port: 9042, protocol: 'TCP' }] }],
    },
  ];
  return { svcs, eps, services: () => svcs, endpoints: () => eps };
}
