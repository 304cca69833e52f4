// Test helper (not upstream): a RequestContext with sequential allocators and a virtual clock.
import { VirtualClock } from '../../../../util/clock.js';
import type { RequestContext } from '../../rest/resource.js';
import { Range } from '../service/ipallocator/ip-allocator.js';
import { PortAllocator } from '../service/portallocator/port-allocator.js';

export function testContext(namespace = 'default'): RequestContext & { ips: Range; ports: PortAllocator; clock: VirtualClock } {
  const ips = new Range('10.254.0.0/16', { strategy: 'sequential' });
  const ports = new PortAllocator('30000-32767', { strategy: 'sequential' });
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  return {
    namespace,
    user: 'system:admin',
    clock,
    ips,
    ports,
    services: { serviceIPs: ips, nodePorts: ports, get: () => undefined },
  };
}
