// Mirrors the IPv4 parts of k8s.io/utils/net (ParseCIDRSloppy, RangeSize, AddIPOffset) that the
// service IP allocator uses. IPv6 service ranges are left out.

export interface CIDR {
  /** network is the network address as an unsigned 32-bit number. */
  network: number;
  prefix: number;
  /** size is the number of addresses in the block (2^(32-prefix)). */
  size: number;
  text: string;
}

/** parseIPv4 returns the address as an unsigned number, or undefined when it is not dotted IPv4. */
export function parseIPv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** parseCIDR parses "10.254.0.0/16"; the host bits are cleared as net.ParseCIDR does. */
export function parseCIDR(text: string): CIDR {
  const [ip, bits, extra] = text.split('/');
  const prefix = Number(bits);
  const addr = parseIPv4(ip ?? '');
  if (extra !== undefined || addr === undefined || !/^\d{1,2}$/.test(bits ?? '') || prefix > 32) {
    throw new Error(`invalid CIDR address: ${text}`);
  }
  const size = 2 ** (32 - prefix);
  const network = Math.floor(addr / size) * size;
  return { network, prefix, size, text: `${formatIPv4(network)}/${prefix}` };
}

/** contains reports whether ip lies inside the block. */
export function contains(cidr: CIDR, ip: number): boolean {
  return ip >= cidr.network && ip < cidr.network + cidr.size;
}

/** firstServiceIP is the first usable address of the range, the `kubernetes` service's ClusterIP. */
export function firstServiceIP(cidrText: string): string {
  return formatIPv4(parseCIDR(cidrText).network + 1);
}
