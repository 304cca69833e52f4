// Mirrors the parts of struct sk_buff the IPv4 paths and netfilter hooks share while a packet is
// inside one namespace: devices, the conntrack entry and direction (skb->_nfct, ctinfo).
import type { Packet } from '../packet.js';
import type { ConntrackEntry, CtDir } from '../conntrack/conntrack.js';
import type { CtState } from '../netfilter/types.js';

export interface Skb {
  packet: Packet;
  inDev?: string;
  outDev?: string;
  ct?: ConntrackEntry;
  dir?: CtDir;
  state: CtState;
  /** attached: the entry was attached by a generated reply (nf_ct_attach); never confirm or NAT it. */
  attached?: boolean;
}

export function isProbe(p: Packet): boolean {
  return !!p.trace?.probe;
}
