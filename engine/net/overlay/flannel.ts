// Mirrors flannel (pkg/subnet + pkg/backend/vxlan): each node's agent leases a /24 of the overlay
// network, recording {subnet, public IP, VTEP MAC} through an injected store (flannel keeps it in
// etcd or on the Node object), creates flannel.1 with <subnet>.0/32, and for every other lease adds
// a route "<subnet> via <subnet>.0 dev flannel.1 onlink" plus the ARP/FDB entries for the VTEP.
import type { Clock } from '../../util/clock.js';
import type { Machine } from '../machine.js';
import { VxlanDevice } from './vxlan.js';
import { formatIP, mustParseCIDR } from '../ip/addr.js';

export interface SubnetLease {
  subnet: string;
  publicIP: string;
  backendType: 'vxlan';
  vtepMAC: string;
  /** expiration in ms since the epoch (flannel renews an hour before). */
  expiration: number;
}

/** LeaseStore is where leases live; the wiring may back it by the API server or etcd. */
export interface LeaseStore {
  list(): SubnetLease[];
  write(lease: SubnetLease): void;
  /** watch calls back after any change; returns a function that stops watching. */
  watch(onChange: () => void): () => void;
}

/** InMemoryLeaseStore is the default store for a single-process cluster. */
export class InMemoryLeaseStore implements LeaseStore {
  private leases = new Map<string, SubnetLease>();
  private watchers = new Set<() => void>();

  list(): SubnetLease[] {
    return [...this.leases.values()];
  }

  write(lease: SubnetLease): void {
    this.leases.set(lease.subnet, lease);
    for (const w of [...this.watchers]) w();
  }

  watch(onChange: () => void): () => void {
    this.watchers.add(onChange);
    return () => this.watchers.delete(onChange);
  }
}

export const LEASE_TTL_MS = 24 * 3600 * 1000;

export interface FlannelOptions {
  network: string;
  subnetLen?: number;
  store: LeaseStore;
  clock: Clock;
  bridgeName?: string;
}

export class FlannelAgent {
  lease?: SubnetLease;
  device?: VxlanDevice;
  private stopWatch?: () => void;

  constructor(
    readonly machine: Machine,
    private readonly options: FlannelOptions,
  ) {}

  /** start acquires (or renews) this node's lease, sets up flannel.1 and syncs peers. */
  start(): SubnetLease {
    const { store, clock } = this.options;
    const bits = this.options.subnetLen ?? 24;
    const net = mustParseCIDR(this.options.network);
    const now = clock.now();
    const live = store.list().filter((l) => l.expiration > now);
    let lease = live.find((l) => l.publicIP === this.machine.ip);
    const mac = this.device?.mac ?? this.machine.env.newMac();
    if (!lease) {
      const taken = new Set(live.map((l) => l.subnet));
      const count = 2 ** (bits - net.bits);
      for (let i = 1; i < count && !lease; i++) {
        const subnet = `${formatIP((net.addr + i * 2 ** (32 - bits)) >>> 0)}/${bits}`;
        if (!taken.has(subnet)) lease = { subnet, publicIP: this.machine.ip, backendType: 'vxlan', vtepMAC: mac, expiration: now + LEASE_TTL_MS };
      }
      if (!lease) throw new Error('failed to acquire lease: out of subnets');
    } else lease = { ...lease, vtepMAC: mac, expiration: now + LEASE_TTL_MS };
    this.lease = lease;
    if (!this.device) {
      const vtep = formatIP(mustParseCIDR(lease.subnet).addr);
      const dev = new VxlanDevice('flannel.1', mac, 1, this.machine.ip, this.machine.host);
      dev.addAddress(`${vtep}/32`);
      this.machine.host.addDevice(dev);
      dev.open();
      this.device = dev;
      if (!this.machine.podCidr) this.machine.setPodCidr(lease.subnet, this.options.bridgeName ?? 'cni0');
    }
    store.write(lease);
    this.stopWatch ??= store.watch(() => this.sync());
    this.sync();
    return lease;
  }

  /** sync makes routes and VTEP entries match the other leases. */
  sync(): void {
    const dev = this.device;
    if (!dev || !this.lease) return;
    const now = this.options.clock.now();
    const others = this.options.store.list().filter((l) => l.publicIP !== this.machine.ip && l.expiration > now);
    const want = new Set(others.map((l) => l.subnet));
    const fib = this.machine.host.fib;
    for (const r of fib.list()) {
      if (r.dev === dev.name && !want.has(`${formatIP(r.dst.addr)}/${r.dst.bits}`)) {
        fib.delete(`${formatIP(r.dst.addr)}/${r.dst.bits}`, dev.name);
        if (r.via) dev.peers.delete(r.via);
      }
    }
    for (const l of others) {
      const vtep = formatIP(mustParseCIDR(l.subnet).addr);
      dev.peers.set(vtep, { vtep, mac: l.vtepMAC, nodeIp: l.publicIP });
      if (!fib.list().some((r) => r.dev === dev.name && `${formatIP(r.dst.addr)}/${r.dst.bits}` === l.subnet)) {
        fib.add({ dst: l.subnet, via: vtep, dev: dev.name, onlink: true });
      }
    }
  }

  stop(): void {
    this.stopWatch?.();
    this.stopWatch = undefined;
  }
}
