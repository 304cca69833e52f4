// Mirrors printService, getServiceExternalIP and makePortString in
// pkg/printers/internalversion/printers.go: TYPE, CLUSTER-IP, EXTERNAL-IP ("<none>", "<pending>"),
// PORT(S) ("80:30001/TCP") and the wide SELECTOR column.
import type { KubeObject } from '../../apimachinery/apis/meta/v1/types.js';
import { formatLabels } from '../../apimachinery/labels/labels.js';
import type { Service, ServicePort } from '../../api/core/v1/types.js';
import type { TableConvertor } from '../../apiserver/registry/rest/resource.js';
import { ageColumn, col, nameColumn, translateTimestampSince } from './helpers.js';

export const serviceColumns = [
  nameColumn,
  col('Type', 'string', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.'),
  col('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail.'),
  col('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.'),
  col('Port(s)', 'string', 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies'),
  ageColumn,
  col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify.', 1),
];

/** loadBalancerWidth is where non-wide output clips load balancer addresses. */
const loadBalancerWidth = 16;

/** loadBalancerStatusStringer joins the sorted, unique ingress IPs or hostnames. */
export function loadBalancerStatusStringer(svc: Service, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > loadBalancerWidth) r = `${r.slice(0, loadBalancerWidth - 3)}...`;
  return r;
}

export function getServiceExternalIP(svc: Service, wide: boolean): string {
  const spec = svc.spec ?? {};
  const externalIPs = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIPs = loadBalancerStatusStringer(svc, wide);
      if (externalIPs.length > 0) return [...(lbIPs ? lbIPs.split(',') : []), ...externalIPs].join(',');
      return lbIPs || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

export function makePortString(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

export function printService(svc: Service, now: number): unknown[] {
  const spec = svc.spec ?? {};
  const clusterIP = spec.clusterIPs?.[0] ?? '<none>';
  const ports = makePortString(spec.ports) || '<none>';
  return [
    svc.metadata.name ?? '',
    spec.type ?? '',
    clusterIP,
    getServiceExternalIP(svc, true),
    ports,
    translateTimestampSince(svc.metadata.creationTimestamp, now),
    formatLabels(spec.selector),
  ];
}

export const serviceTable: TableConvertor = {
  columns: serviceColumns,
  row: (obj: KubeObject, now: number) => printService(obj as unknown as Service, now),
};
