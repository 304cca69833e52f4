// Mirrors etcd server/lease/lessor.go: leases with a TTL, the keys attached to them, and expiry.
// Expiry only reports the lease (onExpired); the server revokes it through the log like etcd's
// leader does, so the deletion is durable and replayed after a restart.
import type { Clock, Timer } from '../../util/clock.js';
import { EtcdError } from '../server/errors.js';

export interface Lease {
  id: number;
  ttl: number;
  /** expiry is the clock time (ms) when the lease runs out. */
  expiry: number;
  keys: Set<string>;
  timer?: Timer;
  /** expiring is set once onExpired was reported, so a lease is revoked once. */
  expiring: boolean;
}

/** maxLeaseTTL mirrors etcd's MaxLeaseTTL (9,000,000,000 seconds). */
export const maxLeaseTTL = 9_000_000_000;

export class Lessor {
  private leases = new Map<number, Lease>();

  constructor(
    private readonly clock: Clock,
    private readonly onExpired: (id: number) => void,
  ) {}

  get size(): number {
    return this.leases.size;
  }

  has(id: number): boolean {
    return this.leases.has(id);
  }

  lookup(id: number): Lease | undefined {
    return this.leases.get(id);
  }

  ids(): number[] {
    return [...this.leases.keys()];
  }

  /** grant creates a lease; the id must be new (the server picks ids before logging). */
  grant(id: number, ttl: number): Lease {
    if (this.leases.has(id)) throw EtcdError.leaseExist();
    if (ttl > maxLeaseTTL) throw EtcdError.leaseTTLTooLarge();
    const lease: Lease = { id, ttl, expiry: 0, keys: new Set(), expiring: false };
    this.leases.set(id, lease);
    this.refresh(lease);
    return lease;
  }

  /** revoke forgets the lease and returns the keys that were attached to it. */
  revoke(id: number): string[] {
    const lease = this.leases.get(id);
    if (!lease) throw EtcdError.leaseNotFound();
    lease.timer?.stop();
    this.leases.delete(id);
    return [...lease.keys].sort();
  }

  /** renew restarts the lease's TTL (keepalive) and returns it. */
  renew(id: number): Lease {
    const lease = this.leases.get(id);
    if (!lease || lease.expiring) throw EtcdError.leaseNotFound();
    this.refresh(lease);
    return lease;
  }

  /** remaining returns the seconds left before the lease expires (-1 when unknown). */
  remaining(id: number): number {
    const lease = this.leases.get(id);
    if (!lease) return -1;
    return Math.max(0, Math.ceil((lease.expiry - this.clock.now()) / 1000));
  }

  attach(id: number, key: string): void {
    this.leases.get(id)?.keys.add(key);
  }

  detach(id: number, key: string): void {
    this.leases.get(id)?.keys.delete(key);
  }

  /** stop cancels every expiry timer (store closing). */
  stop(): void {
    for (const lease of this.leases.values()) lease.timer?.stop();
  }

  private refresh(lease: Lease): void {
    lease.timer?.stop();
    lease.expiry = this.clock.now() + lease.ttl * 1000;
    lease.timer = this.clock.setTimer(lease.ttl * 1000, () => {
      if (this.leases.get(lease.id) !== lease || lease.expiring) return;
      lease.expiring = true;
      this.onExpired(lease.id);
    });
  }
}
