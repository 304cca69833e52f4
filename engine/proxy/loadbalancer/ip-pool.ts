// No upstream twin (the role a cloud provider's address management plays, as MetalLB's pools do
// on bare metal): a pool of load balancer addresses given as CIDRs ("192.168.1.240/28") or ranges
// ("192.168.1.240-192.168.1.250"), handing out the lowest free address.

function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`invalid IP address: ${ip}`);
  return parts.reduce((acc, o) => acc * 256 + o, 0);
}

function intToIP(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export class IPPool {
  private readonly ranges: [number, number][] = [];
  private readonly allocated = new Map<string, string>();

  /** pool is a comma-separated list of CIDRs and first-last ranges. */
  constructor(pool: string) {
    for (const part of pool.split(',').map((p) => p.trim()).filter((p) => p)) {
      if (part.includes('-')) {
        const [a, b] = part.split('-');
        this.ranges.push([ipToInt(a.trim()), ipToInt(b.trim())]);
      } else {
        const [base, bitsText] = part.split('/');
        const bits = Number(bitsText ?? 32);
        const size = 2 ** (32 - bits);
        const start = Math.floor(ipToInt(base) / size) * size;
        // Skip the network and broadcast addresses of subnets larger than /31.
        this.ranges.push(size > 2 ? [start + 1, start + size - 2] : [start, start + size - 1]);
      }
    }
  }

  contains(ip: string): boolean {
    try {
      const n = ipToInt(ip);
      return this.ranges.some(([a, b]) => n >= a && n <= b);
    } catch {
      return false;
    }
  }

  /** owner returns who holds an address. */
  owner(ip: string): string | undefined {
    return this.allocated.get(ip);
  }

  /** allocate gives owner the requested address (if free and in the pool) or the lowest free one. */
  allocate(owner: string, requested?: string): string | undefined {
    for (const [ip, o] of this.allocated) if (o === owner && (!requested || ip === requested)) return ip;
    if (requested) {
      if (!this.contains(requested) || this.allocated.has(requested)) return undefined;
      this.allocated.set(requested, owner);
      return requested;
    }
    for (const [a, b] of this.ranges) {
      for (let n = a; n <= b; n++) {
        const ip = intToIP(n);
        if (!this.allocated.has(ip)) {
          this.allocated.set(ip, owner);
          return ip;
        }
      }
    }
    return undefined;
  }

  /** claim records an address already in use (found in a service's status at startup). */
  claim(owner: string, ip: string): boolean {
    const holder = this.allocated.get(ip);
    if (holder && holder !== owner) return false;
    this.allocated.set(ip, owner);
    return true;
  }

  release(owner: string): void {
    for (const [ip, o] of [...this.allocated]) if (o === owner) this.allocated.delete(ip);
  }
}
