// Mirrors net/ipv4/icmp.c (icmp_send, echo replies) and net/ipv4/netfilter/nf_reject_ipv4.c
// (nf_send_reset): errors quote the offending header; a generated reply carries the offending
// packet's connection (nf_ct_attach) so NAT is undone on its way back.
import type { NetNamespace } from '../netns.js';
import type { Skb } from './skb.js';
import { ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_HOST_UNREACH, ICMP_NET_UNREACH, ICMP_PORT_UNREACH, newPacket, type Packet } from '../packet.js';

const REJECT_CODES: Record<string, number> = {
  'icmp-net-unreachable': ICMP_NET_UNREACH,
  'icmp-host-unreachable': ICMP_HOST_UNREACH,
  'icmp-port-unreachable': ICMP_PORT_UNREACH,
  'icmp-proto-unreachable': 2,
  'icmp-net-prohibited': 9,
  'icmp-host-prohibited': 10,
  'icmp-admin-prohibited': 13,
};

/** icmpError sends an ICMP error about skb's packet back to its source. */
export function icmpError(ns: NetNamespace, skb: Skb, type: number, code: number): void {
  const p = skb.packet;
  if (p.trace?.probe) return; // a trace probe only records that an error would be sent
  if (p.protocol === 'icmp' && p.icmp && p.icmp.type !== 8 && p.icmp.type !== 0) return; // never an error about an error
  const src = ns.isLocal(p.dst) ? p.dst : (ns.device(skb.inDev ?? '')?.primaryAddress() ?? ns.addresses()[0] ?? p.dst);
  const err = newPacket({
    src,
    dst: p.src,
    protocol: 'icmp',
    sport: 0,
    dport: 0,
    icmp: { type, code, quoted: { src: p.src, dst: p.dst, protocol: p.protocol, sport: p.sport, dport: p.dport } },
  });
  err.trace = p.trace;
  ns.output(err, skb.ct ? { ct: skb.ct, dir: skb.dir === 'original' ? 'reply' : 'original', related: true } : {});
}

/** tcpReset answers a TCP segment with RST (|ACK when the segment had no ACK). */
export function tcpReset(ns: NetNamespace, skb: Skb | { packet: Packet; ct?: undefined; dir?: undefined }): void {
  const p = skb.packet;
  if (p.protocol !== 'tcp' || p.tcp?.flags.rst || p.trace?.probe) return;
  const t = p.tcp!;
  const consumed = p.payload.length + (t.flags.syn ? 1 : 0) + (t.flags.fin ? 1 : 0);
  const rst = newPacket({
    src: p.dst,
    dst: p.src,
    protocol: 'tcp',
    sport: p.dport,
    dport: p.sport,
    tcp: t.flags.ack ? { flags: { rst: true }, seq: t.ack, ack: 0, window: 0 } : { flags: { rst: true, ack: true }, seq: 0, ack: (t.seq + consumed) >>> 0, window: 0 },
  });
  rst.trace = p.trace;
  ns.output(rst, skb.ct ? { ct: skb.ct, dir: skb.dir === 'original' ? 'reply' : 'original' } : {});
}

/** sendReject implements the REJECT target's answer. */
export function sendReject(ns: NetNamespace, skb: Skb, kind: string): void {
  if (kind === 'tcp-reset') tcpReset(ns, skb);
  else icmpError(ns, skb, ICMP_DEST_UNREACH, REJECT_CODES[kind] ?? ICMP_PORT_UNREACH);
}

/** echoReply answers an echo request addressed to this namespace (icmp_echo). */
export function echoReply(ns: NetNamespace, p: Packet): void {
  const reply = newPacket({
    src: p.dst,
    dst: p.src,
    protocol: 'icmp',
    sport: p.dport,
    dport: p.sport,
    icmp: { type: ICMP_ECHO_REPLY, code: 0, id: p.icmp?.id, seq: p.icmp?.seq },
    payload: p.payload,
  });
  ns.output(reply);
}
