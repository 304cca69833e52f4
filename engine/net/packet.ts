// Mirrors include/linux/skbuff.h (sk_buff) with the IPv4/TCP/UDP/ICMP headers flattened into one
// object: no fragments, options or checksums; the mark and the conntrack reference ride along as
// they do on an skb.
import type { Protocol } from './types.js';
import type { TraceRecorder } from './trace/recorder.js';

export interface TcpFlags {
  syn?: boolean;
  ack?: boolean;
  fin?: boolean;
  rst?: boolean;
  psh?: boolean;
}

export interface TcpHeader {
  flags: TcpFlags;
  seq: number;
  ack: number;
  window: number;
}

/** IcmpHeader covers echo (type 8/0) and errors (type 3, 11) that quote the offending header. */
export interface IcmpHeader {
  type: number;
  code: number;
  /** id and seq of an echo request/reply. */
  id?: number;
  seq?: number;
  /** quoted is the header of the packet an error is about. */
  quoted?: QuotedHeader;
}

export interface QuotedHeader {
  src: string;
  dst: string;
  protocol: Protocol;
  sport: number;
  dport: number;
}

export interface Packet {
  src: string;
  dst: string;
  protocol: Protocol;
  ttl: number;
  id: number;
  /** sport/dport: TCP and UDP ports; for ICMP echo both carry the echo id (as conntrack does). */
  sport: number;
  dport: number;
  tcp?: TcpHeader;
  icmp?: IcmpHeader;
  payload: Uint8Array;
  /** inner is an encapsulated packet (VXLAN); payload then stays empty. */
  inner?: Packet;
  /** mark is the skb mark (nfmark); it is cleared when the packet leaves the namespace. */
  mark: number;
  /** trace records the packet's path (kubelab trace); probes are dry runs. */
  trace?: TraceRecorder;
}

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_ECHO = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_HOST_UNREACH = 1;
export const ICMP_PORT_UNREACH = 3;
export const ICMP_NET_UNREACH = 0;

/** ipLength is the IPv4 total length the counters add up (headers as Linux sends them). */
export function ipLength(p: Packet): number {
  if (p.inner) return 20 + 8 + 8 + 14 + ipLength(p.inner); // IP + UDP + VXLAN + inner Ethernet
  switch (p.protocol) {
    case 'tcp':
      return 20 + (p.tcp?.flags.syn ? 40 : 32) + p.payload.length; // SYN carries MSS/SACK/TS options
    case 'udp':
      return 28 + p.payload.length;
    case 'icmp':
      return 28 + p.payload.length;
  }
}

let nextId = 1;

/** newPacket fills the defaults a socket would (TTL 64, a fresh IP id). */
export function newPacket(init: Omit<Packet, 'ttl' | 'id' | 'mark' | 'payload'> & Partial<Pick<Packet, 'ttl' | 'payload'>>): Packet {
  return { ...init, ttl: init.ttl ?? 64, payload: init.payload ?? new Uint8Array(0), id: nextId++ & 0xffff, mark: 0 };
}

/** clonePacket copies headers (the payload bytes are shared: nothing mutates them in place). */
export function clonePacket(p: Packet): Packet {
  return {
    ...p,
    tcp: p.tcp ? { ...p.tcp, flags: { ...p.tcp.flags } } : undefined,
    icmp: p.icmp ? { ...p.icmp, quoted: p.icmp.quoted ? { ...p.icmp.quoted } : undefined } : undefined,
    inner: p.inner ? clonePacket(p.inner) : undefined,
  };
}

/** tcpFlagsText prints flags the way tcpdump does ([S], [S.], [.], [P.], [F.], [R]). */
export function tcpFlagsText(f: TcpFlags): string {
  let s = '';
  if (f.syn) s += 'S';
  if (f.fin) s += 'F';
  if (f.rst) s += 'R';
  if (f.psh) s += 'P';
  if (f.ack) s += '.';
  return `[${s}]`;
}

/** describePacket is a one-line tcpdump-like summary used by traces and errors. */
export function describePacket(p: Packet): string {
  if (p.inner) return `${p.src}.${p.sport} > ${p.dst}.${p.dport}: VXLAN, ${describePacket(p.inner)}`;
  switch (p.protocol) {
    case 'tcp':
      return `${p.src}.${p.sport} > ${p.dst}.${p.dport}: Flags ${tcpFlagsText(p.tcp?.flags ?? {})}, length ${p.payload.length}`;
    case 'udp':
      return `${p.src}.${p.sport} > ${p.dst}.${p.dport}: UDP, length ${p.payload.length}`;
    case 'icmp': {
      const i = p.icmp!;
      if (i.type === ICMP_ECHO) return `${p.src} > ${p.dst}: ICMP echo request, id ${i.id}, seq ${i.seq}`;
      if (i.type === ICMP_ECHO_REPLY) return `${p.src} > ${p.dst}: ICMP echo reply, id ${i.id}, seq ${i.seq}`;
      return `${p.src} > ${p.dst}: ICMP type ${i.type} code ${i.code}`;
    }
  }
}
