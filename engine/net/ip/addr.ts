// Mirrors include/linux/inet.h and iproute2's prefix helpers: dotted-quad IPv4 addresses as 32-bit
// numbers and CIDR prefixes; IPv6 is not modelled.

import { formatIPv4, parseIPv4 } from '../../util/net/ipv4.js';

/** parseIP returns the address as an unsigned 32-bit number, or undefined when it is not dotted-quad. */
export const parseIP = parseIPv4;

export function mustParseIP(s: string): number {
  const n = parseIP(s);
  if (n === undefined) throw new Error(`invalid IPv4 address ${JSON.stringify(s)}`);
  return n;
}

export const formatIP = formatIPv4;

export function isIP(s: string): boolean {
  return parseIP(s) !== undefined;
}

/** maskOf returns the netmask of a prefix length as a number. */
export function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** maskBits returns the prefix length of a contiguous mask, or -1. */
export function maskBits(mask: number): number {
  for (let bits = 0; bits <= 32; bits++) if (maskOf(bits) === mask >>> 0) return bits;
  return -1;
}

/** Prefix is a network in CIDR form. */
export interface Prefix {
  addr: number;
  bits: number;
}

/** parseCIDR accepts "a.b.c.d/n", "a.b.c.d/m.m.m.m", "a.b.c.d" (a /32) and "default". */
export function parseCIDR(s: string): Prefix | undefined {
  if (s === 'default' || s === '0/0') return { addr: 0, bits: 0 };
  const [a, m] = s.split('/', 2) as [string, string | undefined];
  const addr = parseIP(a);
  if (addr === undefined) return undefined;
  let bits = 32;
  if (m !== undefined) {
    if (/^\d{1,2}$/.test(m)) bits = Number(m);
    else {
      const mask = parseIP(m);
      if (mask === undefined) return undefined;
      bits = maskBits(mask);
    }
    if (bits < 0 || bits > 32) return undefined;
  }
  return { addr: (addr & maskOf(bits)) >>> 0, bits };
}

export function mustParseCIDR(s: string): Prefix {
  const p = parseCIDR(s);
  if (!p) throw new Error(`invalid CIDR ${JSON.stringify(s)}`);
  return p;
}

export function formatCIDR(p: Prefix): string {
  return `${formatIP(p.addr)}/${p.bits}`;
}

export function prefixContains(p: Prefix, ip: number): boolean {
  return ((ip & maskOf(p.bits)) >>> 0) === p.addr;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const p = parseCIDR(cidr);
  const n = parseIP(ip);
  return !!p && n !== undefined && prefixContains(p, n);
}

/** broadcastOf returns the all-ones address of a prefix. */
export function broadcastOf(p: Prefix): number {
  return (p.addr | (~maskOf(p.bits) >>> 0)) >>> 0;
}

export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.');
}
