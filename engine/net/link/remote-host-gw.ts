// Mirrors flannel's host-gw backend (pkg/backend/hostgw) for machines of other processes: every
// local machine gets "<pod CIDR> via <node IP> dev eth0" for each remote node the directory knows,
// and loses it when that node leaves. Routes it did not add are left alone.
import type { Machine } from '../machine.js';
import type { DirectoryEntry } from './machine-directory.js';
import { formatCIDR } from '../ip/addr.js';

const installed = new WeakMap<Machine, Map<string, string>>();

/** syncRemoteHostGwRoutes makes local machines' routes to remote pod CIDRs match the directory. */
export function syncRemoteHostGwRoutes(machines: Machine[], entries: DirectoryEntry[]): void {
  const want = new Map<string, string>();
  for (const e of entries) if (e.via !== undefined && e.podCidr) want.set(e.podCidr, e.ip);
  for (const m of machines) {
    const mine = installed.get(m) ?? new Map<string, string>();
    installed.set(m, mine);
    for (const [cidr, via] of [...mine]) {
      if (want.get(cidr) === via) continue;
      m.host.fib.delete(cidr, 'eth0');
      mine.delete(cidr);
    }
    for (const [cidr, via] of want) {
      if (mine.has(cidr) || cidr === m.podCidr) continue;
      if (m.host.fib.list().some((r) => formatCIDR(r.dst) === cidr)) continue;
      m.host.fib.add({ dst: cidr, via, dev: 'eth0' });
      mine.set(cidr, via);
    }
  }
}
