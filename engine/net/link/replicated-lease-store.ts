// Mirrors flannel's subnet manager (pkg/subnet) when its etcd is reached through the underlay: each
// process keeps a copy of the subnet leases, a write is announced to every peer (and relayed on), a
// peer that connects gets the full set. Concurrent claims of one subnet are settled the same way
// everywhere: an unexpired lease renewed by its owner wins, between owners the lower node IP wins.
import type { LeaseStore, SubnetLease } from '../overlay/flannel.js';
import type { StreamUnderlay } from './stream-underlay.js';
import type { PeerLink } from './peer-link.js';
import { mustParseIP } from '../ip/addr.js';

export class ReplicatedLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, SubnetLease>();
  private readonly watchers = new Set<() => void>();

  constructor(private readonly underlay: StreamUnderlay) {
    underlay.onControl('lease', (msg, link) => this.merge((msg.leases as SubnetLease[]) ?? [], link));
    underlay.onPeerUp((link) => link.sendControl({ kind: 'lease', leases: this.list() }));
  }

  list(): SubnetLease[] {
    return [...this.leases.values()];
  }

  write(lease: SubnetLease): void {
    this.leases.set(lease.subnet, { ...lease });
    this.notify();
    this.underlay.broadcast({ kind: 'lease', leases: [lease] });
  }

  watch(onChange: () => void): () => void {
    this.watchers.add(onChange);
    return () => this.watchers.delete(onChange);
  }

  private merge(incoming: SubnetLease[], from: PeerLink): void {
    const changed = incoming.filter((l) => {
      const cur = this.leases.get(l.subnet);
      if (cur && !wins(l, cur)) return false;
      this.leases.set(l.subnet, { ...l });
      return true;
    });
    if (changed.length === 0) return;
    this.notify();
    this.underlay.broadcast({ kind: 'lease', leases: changed }, from);
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }
}

/** wins decides whether lease a replaces b for the same subnet. */
function wins(a: SubnetLease, b: SubnetLease): boolean {
  if (a.publicIP === b.publicIP) return a.expiration > b.expiration || (a.expiration === b.expiration && a.vtepMAC !== b.vtepMAC && a.vtepMAC > b.vtepMAC);
  return mustParseIP(a.publicIP) < mustParseIP(b.publicIP);
}
