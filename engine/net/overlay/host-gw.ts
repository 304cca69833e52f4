// Mirrors flannel's host-gw backend (pkg/backend/hostgw): no encapsulation; every machine gets a
// route to each other node's pod CIDR via that node's IP on the shared L2 underlay.
import type { Machine } from '../machine.js';

/** syncHostGwRoutes programs, on every machine, routes to the other machines' pod CIDRs. */
export function syncHostGwRoutes(machines: Machine[]): void {
  for (const m of machines) {
    for (const other of machines) {
      if (other === m || !other.podCidr) continue;
      const existing = m.host.fib.list().find((r) => r.via === other.ip && r.dev === 'eth0' && r.dst.bits !== 0);
      if (existing) continue;
      m.host.fib.add({ dst: other.podCidr, via: other.ip, dev: 'eth0' });
    }
  }
}

/** removeHostGwRoutes drops the routes towards a machine that left. */
export function removeHostGwRoutes(machines: Machine[], gone: Machine): void {
  if (!gone.podCidr) return;
  for (const m of machines) m.host.fib.delete(gone.podCidr, 'eth0');
}
