// Mirrors the wire formats the kernel builds in net/ethernet/eth.c, net/ipv4/ip_output.c,
// tcp_output.c, udp.c, icmp.c and drivers/net/vxlan: a Packet becomes an Ethernet II frame with a
// real IPv4 header (checksum, DF), TCP/UDP/ICMP headers and payload, and VXLAN (UDP 8472) wraps
// the inner frame. Simplified: TCP options are fixed (MSS/SACK/TS/WS on SYN, TS otherwise, zero
// timestamps), inner Ethernet MACs are zero (the Packet model keeps no MACs), no IP options.
import type { Packet, TcpFlags, QuotedHeader } from '../packet.js';
import type { Protocol } from '../types.js';
import { formatIP, mustParseIP } from '../ip/addr.js';
import { ICMP_ECHO, ICMP_ECHO_REPLY } from '../packet.js';
import { VXLAN_PORT } from '../overlay/vxlan.js';

export const ETH_HEADER_LEN = 14;
export const ETH_P_IP = 0x0800;
const PROTO_NUM: Record<Protocol, number> = { icmp: 1, tcp: 6, udp: 17 };
const PROTO_NAME: Record<number, Protocol> = { 1: 'icmp', 6: 'tcp', 17: 'udp' };

/** EthernetFrame is what crosses the underlay: MAC addresses and the IPv4 packet. */
export interface EthernetFrame {
  dstMac: string;
  srcMac: string;
  packet: Packet;
}

export class FrameDecodeError extends Error {}

/** encodeEthernet lays a frame out as Ethernet II (dst, src, ethertype 0x0800) + IPv4. */
export function encodeEthernet(f: EthernetFrame, vni = 1): Uint8Array {
  const ip = encodeIPv4(f.packet, vni);
  const out = new Uint8Array(ETH_HEADER_LEN + ip.length);
  writeMac(out, 0, f.dstMac);
  writeMac(out, 6, f.srcMac);
  put16(out, 12, ETH_P_IP);
  out.set(ip, ETH_HEADER_LEN);
  return out;
}

export function decodeEthernet(b: Uint8Array): EthernetFrame {
  if (b.length < ETH_HEADER_LEN + 20) throw new FrameDecodeError(`frame too short (${b.length} bytes)`);
  if (get16(b, 12) !== ETH_P_IP) throw new FrameDecodeError(`unsupported ethertype 0x${get16(b, 12).toString(16).padStart(4, '0')}`);
  return { dstMac: readMac(b, 0), srcMac: readMac(b, 6), packet: decodeIPv4(b.subarray(ETH_HEADER_LEN)) };
}

/** encodeIPv4 builds the IPv4 datagram: 20-byte header with checksum, then the transport. */
export function encodeIPv4(p: Packet, vni = 1): Uint8Array {
  const l4 = encodeTransport(p, vni);
  const total = 20 + l4.length;
  if (total > 0xffff) throw new Error(`packet too long for IPv4 (${total} bytes)`);
  const out = new Uint8Array(total);
  out[0] = 0x45; // version 4, IHL 5 words
  put16(out, 2, total);
  put16(out, 4, p.id & 0xffff);
  put16(out, 6, 0x4000); // DF: Linux sets it (path MTU discovery)
  out[8] = p.ttl & 0xff;
  out[9] = PROTO_NUM[p.protocol];
  put32(out, 12, mustParseIP(p.src));
  put32(out, 16, mustParseIP(p.dst));
  put16(out, 10, checksum(out.subarray(0, 20)));
  out.set(l4, 20);
  if (p.protocol !== 'icmp' && !p.inner) put16(out, 20 + (p.protocol === 'tcp' ? 16 : 6), l4Checksum(out.subarray(12, 20), PROTO_NUM[p.protocol], out.subarray(20)));
  return out;
}

export function decodeIPv4(b: Uint8Array): Packet {
  if (b.length < 20 || b[0]! >> 4 !== 4) throw new FrameDecodeError('not an IPv4 packet');
  const ihl = (b[0]! & 0x0f) * 4;
  const total = get16(b, 2);
  if (total > b.length || ihl < 20 || total < ihl) throw new FrameDecodeError(`bad IPv4 lengths (ihl ${ihl}, total ${total}, have ${b.length})`);
  if (checksum(b.subarray(0, ihl)) !== 0) throw new FrameDecodeError('bad IPv4 header checksum');
  const protocol = PROTO_NAME[b[9]!];
  if (!protocol) throw new FrameDecodeError(`unsupported IP protocol ${b[9]}`);
  const p: Packet = { src: formatIP(get32(b, 12)), dst: formatIP(get32(b, 16)), protocol, ttl: b[8]!, id: get16(b, 4), sport: 0, dport: 0, payload: new Uint8Array(0), mark: 0 };
  decodeTransport(p, b.subarray(ihl, total));
  return p;
}

function encodeTransport(p: Packet, vni: number): Uint8Array {
  switch (p.protocol) {
    case 'tcp': {
      const t = p.tcp ?? { flags: {}, seq: 0, ack: 0, window: 0 };
      const opts = t.flags.syn ? SYN_OPTIONS : TS_OPTIONS;
      const hl = 20 + opts.length;
      const out = new Uint8Array(hl + p.payload.length);
      put16(out, 0, p.sport);
      put16(out, 2, p.dport);
      put32(out, 4, t.seq >>> 0);
      put32(out, 8, t.ack >>> 0);
      out[12] = (hl / 4) << 4;
      out[13] = flagsByte(t.flags);
      put16(out, 14, Math.min(t.window, 0xffff));
      out.set(opts, 20);
      out.set(p.payload, hl);
      return out;
    }
    case 'udp': {
      const body = p.inner ? encodeVxlan(p.inner, vni) : p.payload;
      const out = new Uint8Array(8 + body.length);
      put16(out, 0, p.sport);
      put16(out, 2, p.dport);
      put16(out, 4, out.length);
      out.set(body, 8);
      return out; // VXLAN leaves the UDP checksum 0, as the kernel does by default
    }
    case 'icmp': {
      const i = p.icmp ?? { type: ICMP_ECHO, code: 0 };
      const echo = i.type === ICMP_ECHO || i.type === ICMP_ECHO_REPLY;
      const quote = !echo && i.quoted ? encodeQuoted(i.quoted) : new Uint8Array(0);
      const out = new Uint8Array(8 + quote.length + p.payload.length);
      out[0] = i.type;
      out[1] = i.code;
      if (echo) {
        put16(out, 4, i.id ?? p.sport);
        put16(out, 6, i.seq ?? 0);
      }
      out.set(quote, 8);
      out.set(p.payload, 8 + quote.length);
      put16(out, 2, checksum(out));
      return out;
    }
  }
}

function decodeTransport(p: Packet, b: Uint8Array): void {
  switch (p.protocol) {
    case 'tcp': {
      if (b.length < 20) throw new FrameDecodeError('truncated TCP header');
      const hl = (b[12]! >> 4) * 4;
      p.sport = get16(b, 0);
      p.dport = get16(b, 2);
      p.tcp = { flags: parseFlags(b[13]!), seq: get32(b, 4), ack: get32(b, 8), window: get16(b, 14) };
      p.payload = b.slice(hl);
      return;
    }
    case 'udp': {
      if (b.length < 8) throw new FrameDecodeError('truncated UDP header');
      p.sport = get16(b, 0);
      p.dport = get16(b, 2);
      const body = b.subarray(8, get16(b, 4));
      if (p.dport === VXLAN_PORT && body.length >= 8 + ETH_HEADER_LEN + 20 && body[0] === 0x08) p.inner = decodeIPv4(body.subarray(8 + ETH_HEADER_LEN));
      else p.payload = body.slice();
      return;
    }
    case 'icmp': {
      if (b.length < 8) throw new FrameDecodeError('truncated ICMP header');
      const type = b[0]!;
      const code = b[1]!;
      if (type === ICMP_ECHO || type === ICMP_ECHO_REPLY) {
        const id = get16(b, 4);
        p.icmp = { type, code, id, seq: get16(b, 6) };
        p.sport = p.dport = id; // conntrack keys echo by its id, as the stack does
        p.payload = b.slice(8);
      } else {
        p.icmp = { type, code, quoted: b.length >= 36 ? decodeQuoted(b.subarray(8, 36)) : undefined };
        p.payload = b.slice(Math.min(b.length, 36));
      }
      return;
    }
  }
}

/** encodeVxlan is the VXLAN header (flags I, 24-bit VNI) + an inner Ethernet frame. */
function encodeVxlan(inner: Packet, vni: number): Uint8Array {
  const eth = encodeEthernet({ dstMac: '00:00:00:00:00:00', srcMac: '00:00:00:00:00:00', packet: inner }, vni);
  const out = new Uint8Array(8 + eth.length);
  out[0] = 0x08;
  put32(out, 4, (vni & 0xffffff) << 8);
  out.set(eth, 8);
  return out;
}

/** encodeQuoted is what an ICMP error quotes: the offending IPv4 header and 8 bytes of its transport. */
function encodeQuoted(q: QuotedHeader): Uint8Array {
  const out = new Uint8Array(28);
  out[0] = 0x45;
  put16(out, 2, 28);
  out[8] = 64;
  out[9] = PROTO_NUM[q.protocol];
  put32(out, 12, mustParseIP(q.src));
  put32(out, 16, mustParseIP(q.dst));
  put16(out, 10, checksum(out.subarray(0, 20)));
  if (q.protocol === 'icmp') {
    out[20] = ICMP_ECHO;
    put16(out, 24, q.sport);
  } else {
    put16(out, 20, q.sport);
    put16(out, 22, q.dport);
  }
  return out;
}

function decodeQuoted(b: Uint8Array): QuotedHeader | undefined {
  const protocol = PROTO_NAME[b[9]!];
  if (!protocol) return undefined;
  const q: QuotedHeader = { src: formatIP(get32(b, 12)), dst: formatIP(get32(b, 16)), protocol, sport: get16(b, 20), dport: get16(b, 22) };
  if (protocol === 'icmp') q.sport = q.dport = get16(b, 24);
  return q;
}

// SYN: MSS 1460, SACK permitted, timestamps, NOP, window scale 7 (what Linux offers); others: NOP NOP TS.
const SYN_OPTIONS = new Uint8Array([2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7]);
const TS_OPTIONS = new Uint8Array([1, 1, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0]);

function flagsByte(f: TcpFlags): number {
  return (f.fin ? 0x01 : 0) | (f.syn ? 0x02 : 0) | (f.rst ? 0x04 : 0) | (f.psh ? 0x08 : 0) | (f.ack ? 0x10 : 0);
}

function parseFlags(b: number): TcpFlags {
  const f: TcpFlags = {};
  if (b & 0x01) f.fin = true;
  if (b & 0x02) f.syn = true;
  if (b & 0x04) f.rst = true;
  if (b & 0x08) f.psh = true;
  if (b & 0x10) f.ack = true;
  return f;
}

/** checksum is the Internet checksum (RFC 1071); over data that contains its own checksum it is 0. */
export function checksum(b: Uint8Array, initial = 0): number {
  let sum = initial;
  const n = b.length & ~1;
  for (let i = 0; i < n; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (b.length & 1) sum += b[b.length - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** l4Checksum covers the pseudo-header (addresses, protocol, length) and the segment. */
function l4Checksum(addrs: Uint8Array, proto: number, seg: Uint8Array): number {
  const pseudo = ~checksum(addrs) & 0xffff;
  const c = checksum(seg, pseudo + proto + seg.length);
  return c === 0 && proto === 17 ? 0xffff : c;
}

function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 8) & 255;
  b[o + 1] = v & 255;
}

function put32(b: Uint8Array, o: number, v: number): void {
  put16(b, o, v >>> 16);
  put16(b, o + 2, v & 0xffff);
}

function get16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

function get32(b: Uint8Array, o: number): number {
  return ((get16(b, o) << 16) | get16(b, o + 2)) >>> 0;
}

function writeMac(b: Uint8Array, o: number, mac: string): void {
  const parts = mac.split(':');
  for (let i = 0; i < 6; i++) b[o + i] = parseInt(parts[i] ?? '0', 16) & 255;
}

function readMac(b: Uint8Array, o: number): string {
  return Array.from(b.subarray(o, o + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
}
