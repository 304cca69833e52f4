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

/**
 * addHostGwRoutes wires one new machine in: routes from it to every other pod CIDR and from every
 * other machine to its own. Linear in the machines, where re-syncing all of them on every join
 * made bringing up N nodes cubic.
 */
export function addHostGwRoutes(machines: Iterable<Machine>, added: Machine): void {
  const known = new Set(added.host.fib.list().filter((r) => r.dev === 'eth0' && r.dst.bits !== 0).map((r) => r.via));
  for (const other of machines) {
    if (other === added) continue;
    if (other.podCidr && !known.has(other.ip)) added.host.fib.add({ dst: other.podCidr, via: other.ip, dev: 'eth0' });
    if (added.podCidr) addUnlessPresent(other, added.podCidr, added.ip);
  }
}

/** addUnlessPresent adds a route to a pod CIDR; one already there (a node that rejoined) stays. */
function addUnlessPresent(m: Machine, podCidr: string, via: string): void {
  try {
    m.host.fib.add({ dst: podCidr, via, dev: 'eth0' });
  } catch {
    // RTNETLINK answers: File exists
  }
}

/** removeHostGwRoutes drops the routes towards a machine that left. */
export function removeHostGwRoutes(machines: Machine[], gone: Machine): void {
  if (!gone.podCidr) return;
  for (const m of machines) m.host.fib.delete(gone.podCidr, 'eth0');
}
