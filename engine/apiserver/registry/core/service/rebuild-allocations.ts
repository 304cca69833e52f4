// Mirrors the repair loops of pkg/registry/core/service/ipallocator/controller/repair.go and
// portallocator/controller/repair.go, run once at start: the allocators' in-memory state is rebuilt
// from the services already in the store. Problems are returned as the warnings upstream logs.
import type { KubeObject } from '../../../../apimachinery/apis/meta/v1/types.js';
import type { Allocator } from '../../rest/resource.js';
import { asService, clusterIPsOf, nodePortsOf } from './alloc.js';

/** rebuildAllocations marks every cluster IP and node port of `services` as used. */
export function rebuildAllocations(services: KubeObject[], ips: Allocator<string>, ports: Allocator<number>): string[] {
  const warnings: string[] = [];
  for (const obj of services) {
    const svc = asService(obj);
    const who = `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
    for (const ip of clusterIPsOf(svc)) {
      const err = ips.allocate(ip);
      if (err && ips.has(ip) && err.includes('already allocated')) {
        warnings.push(`the cluster IP ${ip} for service ${who} was assigned to multiple services; please recreate`);
      } else if (err) {
        warnings.push(`the cluster IP ${ip} for service ${who} is not within the service CIDR ${ips.rangeText()}; please recreate`);
      }
    }
    for (const port of nodePortsOf(svc)) {
      const err = ports.allocate(port);
      if (err && err.includes('already allocated')) {
        warnings.push(`the node port ${port} for service ${who} was assigned to multiple services; please recreate`);
      } else if (err) {
        warnings.push(`the node port ${port} for service ${who} is not within the port range ${ports.rangeText()}; please recreate`);
      }
    }
  }
  return warnings;
}
