// Mirrors the IPv4 parts of k8s.io/utils/net (ParseIPSloppy, BigForIP/AddIPOffset's integer form): dotted-quad
// addresses as unsigned 32-bit numbers, shared by the service IP allocator and the simulated network.

/** parseIPv4 returns the address as an unsigned 32-bit number, or undefined when it is not dotted-quad. */
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

/** formatIPv4 prints an unsigned 32-bit address as a dotted quad. */
export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
