// Mirrors the IPv4 parts of k8s.io/utils/net (ParseCIDRSloppy, RangeSize, AddIPOffset) that the
// service IP allocator uses. IPv6 service ranges are left out.

import { formatIPv4, parseIPv4 } from '../../../../../util/net/ipv4.js';

export { formatIPv4, parseIPv4 };

export interface CIDR {
  /** network is the network address as an unsigned 32-bit number. */
  network: number;
  prefix: number;
  /** size is the number of addresses in the block (2^(32-prefix)). */
  size: number;
  text: string;
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
