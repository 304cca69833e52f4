// Flannel's subnet leases kept where flannel 0.x kept them: in etcd under
// /coreos.com/network/subnets/<subnet-with-dash>, so `etcdctl get /coreos.com/network --prefix`
// shows them. The dataplane's LeaseStore is synchronous; this keeps a local copy, writes through to
// the store and follows the store's watch for leases written by other processes.
import type { KV } from '../etcd/types.js';
import type { LeaseStore, SubnetLease } from '../net/overlay/flannel.js';

export const flannelPrefix = '/coreos.com/network/';
const subnetsPrefix = `${flannelPrefix}subnets/`;

const keyOf = (subnet: string) => subnetsPrefix + subnet.replace('/', '-');

export class EtcdLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, SubnetLease>();
  private readonly watchers = new Set<() => void>();
  private readonly stopWatch: () => void;
  /** pending is the last write-through, so callers can wait for it to be durable. */
  pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kv: KV,
    network: string,
  ) {
    for (const kv of this.kv.range(subnetsPrefix, { prefix: true }).kvs) this.remember(JSON.parse(kv.value) as SubnetLease);
    this.pending = this.kv.put(`${flannelPrefix}config`, JSON.stringify({ Network: network, Backend: { Type: 'vxlan' } }));
    const watcher = this.kv.watch(subnetsPrefix, { prefix: true, startRevision: this.kv.currentRevision() + 1 }, (batch) => {
      let changed = false;
      for (const ev of batch.events) {
        if (ev.type === 'PUT') changed = this.remember(JSON.parse(ev.kv.value) as SubnetLease) || changed;
      }
      if (changed) this.notify();
    });
    this.stopWatch = () => watcher.cancel();
  }

  list(): SubnetLease[] {
    return [...this.leases.values()];
  }

  write(lease: SubnetLease): void {
    this.remember(lease);
    this.pending = this.kv.put(keyOf(lease.subnet), JSON.stringify(lease));
    this.notify();
  }

  watch(onChange: () => void): () => void {
    this.watchers.add(onChange);
    return () => this.watchers.delete(onChange);
  }

  close(): void {
    this.stopWatch();
  }

  /** remember records a lease; it reports whether anything changed. */
  private remember(lease: SubnetLease): boolean {
    const before = this.leases.get(lease.subnet);
    if (before && JSON.stringify(before) === JSON.stringify(lease)) return false;
    this.leases.set(lease.subnet, lease);
    return true;
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }
}
