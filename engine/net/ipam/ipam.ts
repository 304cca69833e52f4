// Mirrors three allocators: pkg/controller/nodeipam/ipam/cidrset (a node's pod CIDR out of the
// cluster CIDR), the CNI host-local plugin (a pod's IP inside the node's CIDR, skipping the network,
// the gateway and broadcast) and pkg/registry/core/service/ipallocator (service cluster IPs).
import { broadcastOf, formatCIDR, formatIP, mustParseCIDR, mustParseIP, prefixContains, type Prefix } from '../ip/addr.js';

/** CidrSet hands out equal subnets of a cluster CIDR, lowest first. */
export class CidrSet {
  private readonly cluster: Prefix;
  private readonly used = new Set<number>();

  constructor(
    clusterCidr: string,
    private readonly subnetBits: number,
    /** firstIndex skips low subnets (e.g. 1 to start at 172.17.1.0/24). */
    private readonly firstIndex = 0,
  ) {
    this.cluster = mustParseCIDR(clusterCidr);
    if (subnetBits < this.cluster.bits) throw new Error(`subnet /${subnetBits} is larger than ${clusterCidr}`);
  }

  private count(): number {
    return 2 ** (this.subnetBits - this.cluster.bits);
  }

  private subnet(i: number): string {
    return formatCIDR({ addr: (this.cluster.addr + i * 2 ** (32 - this.subnetBits)) >>> 0, bits: this.subnetBits });
  }

  allocateNext(): string {
    for (let i = this.firstIndex; i < this.count(); i++) {
      if (!this.used.has(i)) {
        this.used.add(i);
        return this.subnet(i);
      }
    }
    throw new Error('CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range');
  }

  occupy(cidr: string): void {
    const p = mustParseCIDR(cidr);
    this.used.add((p.addr - this.cluster.addr) / 2 ** (32 - this.subnetBits));
  }

  release(cidr: string): void {
    const p = mustParseCIDR(cidr);
    this.used.delete((p.addr - this.cluster.addr) / 2 ** (32 - this.subnetBits));
  }
}

/** HostLocal allocates addresses in one subnet: .1 is the gateway, the rest go round-robin. */
export class HostLocal {
  readonly subnet: Prefix;
  readonly gateway: string;
  private readonly used = new Map<number, string>();
  private last: number;

  constructor(cidr: string) {
    this.subnet = mustParseCIDR(cidr);
    this.gateway = formatIP(this.subnet.addr + 1);
    this.last = this.subnet.addr + 1;
  }

  /** allocate returns a free IP for an owner (container id); the same owner gets the same IP. */
  allocate(owner: string): string {
    for (const [ip, o] of this.used) if (o === owner) return formatIP(ip);
    const first = this.subnet.addr + 2;
    const last = broadcastOf(this.subnet) - 1;
    const size = last - first + 1;
    for (let k = 1; k <= size; k++) {
      const ip = first + ((this.last - first + k) % size);
      if (!this.used.has(ip)) {
        this.used.set(ip, owner);
        this.last = ip;
        return formatIP(ip);
      }
    }
    throw new Error(`no IP addresses available in range set: ${formatIP(first)}-${formatIP(last)}`);
  }

  release(owner: string): void {
    for (const [ip, o] of this.used) if (o === owner) this.used.delete(ip);
  }

  allocated(): string[] {
    return [...this.used.keys()].sort((a, b) => a - b).map(formatIP);
  }
}

/** ServiceIPAllocator hands out cluster IPs; .1 is the kubernetes service, .10 the DNS. */
export class ServiceIPAllocator {
  readonly range: Prefix;
  private readonly used = new Set<number>();

  constructor(cidr = '10.254.0.0/16') {
    this.range = mustParseCIDR(cidr);
  }

  contains(ip: string): boolean {
    return prefixContains(this.range, mustParseIP(ip));
  }

  allocate(ip: string): void {
    const n = mustParseIP(ip);
    if (!this.contains(ip) || n === this.range.addr || n === broadcastOf(this.range)) throw new Error(`the provided IP (${ip}) is not in the valid range`);
    if (this.used.has(n)) throw new Error(`the provided IP (${ip}) is already allocated`);
    this.used.add(n);
  }

  allocateNext(): string {
    for (let n = this.range.addr + 1; n < broadcastOf(this.range); n++) {
      if (!this.used.has(n)) {
        this.used.add(n);
        return formatIP(n);
      }
    }
    throw new Error('range is full');
  }

  release(ip: string): void {
    this.used.delete(mustParseIP(ip));
  }
}
