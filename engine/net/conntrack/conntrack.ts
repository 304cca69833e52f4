// Mirrors net/netfilter/nf_conntrack_core.c (+ _proto_tcp/_udp/_icmp timeouts): connections keyed
// by their original and reply tuples, created unconfirmed by the first packet and confirmed when it
// leaves the namespace (so a dropped SYN leaves no entry); NAT rewrites the reply tuple and the
// same binding is applied to every later packet. TCP states follow the kernel's names with a
// simplified transition table; expiry is lazy, measured on the injected clock.
import type { Clock } from '../../util/clock.js';
import type { Protocol } from '../types.js';
import type { Packet, QuotedHeader } from '../packet.js';
import { ICMP_ECHO, ICMP_ECHO_REPLY } from '../packet.js';

export interface Tuple {
  protocol: Protocol;
  src: string;
  dst: string;
  sport: number;
  dport: number;
}

export type CtDir = 'original' | 'reply';

export type TcpCtState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE';

/** Timeouts in seconds, as the sysctls net.netfilter.nf_conntrack_*_timeout default. */
export const TCP_TIMEOUTS: Record<TcpCtState, number> = {
  SYN_SENT: 120,
  SYN_RECV: 60,
  ESTABLISHED: 432000,
  FIN_WAIT: 120,
  CLOSE_WAIT: 60,
  LAST_ACK: 30,
  TIME_WAIT: 120,
  CLOSE: 10,
};
export const UDP_TIMEOUT = 30;
export const UDP_STREAM_TIMEOUT = 120;
export const ICMP_TIMEOUT = 30;

let nextCtId = 1;

export class ConntrackEntry {
  readonly id = nextCtId++;
  reply: Tuple;
  seenReply = false;
  assured = false;
  confirmed = false;
  /** natDst/natSrc: the nat table ran for this connection at a DNAT / SNAT hook. */
  natDst = false;
  natSrc = false;
  dnat = false;
  snat = false;
  tcpState?: TcpCtState;
  finOriginal = false;
  finReply = false;
  mark = 0;
  expires = 0;
  /** orig packets/bytes, as `conntrack -L -o extended` would count them with acct on. */
  packets = 0;
  bytes = 0;

  constructor(readonly orig: Tuple) {
    this.reply = invertTuple(orig);
  }

  /** wantTuple is the tuple a packet of this direction must carry after all NAT. */
  wantTuple(dir: CtDir): Tuple {
    return dir === 'original' ? invertTuple(this.reply) : invertTuple(this.orig);
  }
}

export function invertTuple(t: Tuple): Tuple {
  return { protocol: t.protocol, src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
}

export function tupleKey(t: Tuple): string {
  return `${t.protocol} ${t.src}:${t.sport} ${t.dst}:${t.dport}`;
}

/** packetTuple is the tuple of a packet as it is now; ICMP echo uses the echo id as both ports. */
export function packetTuple(p: Packet): Tuple {
  if (p.protocol === 'icmp') {
    const id = p.icmp?.id ?? 0;
    return { protocol: 'icmp', src: p.src, dst: p.dst, sport: id, dport: id };
  }
  return { protocol: p.protocol, src: p.src, dst: p.dst, sport: p.sport, dport: p.dport };
}

export function quotedTuple(q: QuotedHeader): Tuple {
  return { protocol: q.protocol, src: q.src, dst: q.dst, sport: q.sport, dport: q.dport };
}

export interface CtLookup {
  entry: ConntrackEntry;
  dir: CtDir;
}

export class Conntrack {
  private readonly table = new Map<string, CtLookup>();
  /** max mirrors nf_conntrack_max. */
  max = 262144;

  constructor(private readonly clock: Clock) {}

  /** lookup finds the confirmed connection a tuple belongs to, in either direction. */
  lookup(t: Tuple): CtLookup | undefined {
    const hit = this.table.get(tupleKey(t));
    if (!hit) return undefined;
    if (hit.entry.expires <= this.clock.now()) {
      this.remove(hit.entry);
      return undefined;
    }
    return hit;
  }

  /** isEchoOrTrackable reports whether a packet may start a connection (not a stray TCP segment). */
  static canCreate(p: Packet): boolean {
    if (p.protocol === 'tcp') return !!p.tcp?.flags.syn && !p.tcp.flags.ack && !p.tcp.flags.rst;
    if (p.protocol === 'icmp') return p.icmp?.type === ICMP_ECHO;
    return true;
  }

  /** create makes an unconfirmed entry for the first packet of a connection. */
  create(p: Packet): ConntrackEntry {
    const e = new ConntrackEntry(packetTuple(p));
    this.update(e, 'original', p);
    return e;
  }

  /** replyTaken reports whether another confirmed connection already uses this reply tuple. */
  replyTaken(t: Tuple): boolean {
    return this.lookup(invertTuple(t)) !== undefined || this.lookup(t) !== undefined;
  }

  /** confirm inserts the entry into the table (nf_conntrack_confirm, at the last hook). */
  confirm(e: ConntrackEntry): void {
    if (e.confirmed) return;
    if (this.table.size / 2 >= this.max) return;
    e.confirmed = true;
    this.table.set(tupleKey(e.orig), { entry: e, dir: 'original' });
    this.table.set(tupleKey(e.reply), { entry: e, dir: 'reply' });
  }

  remove(e: ConntrackEntry): void {
    if (this.table.get(tupleKey(e.orig))?.entry === e) this.table.delete(tupleKey(e.orig));
    if (this.table.get(tupleKey(e.reply))?.entry === e) this.table.delete(tupleKey(e.reply));
  }

  /** flush deletes every entry (conntrack -F). */
  flush(): number {
    const n = this.list().length;
    this.table.clear();
    return n;
  }

  /** list returns live entries, oldest first. */
  list(): ConntrackEntry[] {
    const now = this.clock.now();
    const out = new Set<ConntrackEntry>();
    for (const { entry } of [...this.table.values()]) {
      if (entry.expires <= now) this.remove(entry);
      else out.add(entry);
    }
    return [...out].sort((a, b) => a.id - b.id);
  }

  /** remaining returns seconds until an entry expires, as conntrack -L prints it. */
  remaining(e: ConntrackEntry): number {
    return Math.max(0, Math.floor((e.expires - this.clock.now()) / 1000));
  }

  /** update advances per-protocol state for a packet of direction dir and refreshes the timeout. */
  update(e: ConntrackEntry, dir: CtDir, p: Packet): void {
    e.packets++;
    if (dir === 'reply' && !e.seenReply) e.seenReply = true;
    let timeout: number;
    if (p.protocol === 'tcp') timeout = TCP_TIMEOUTS[this.tcpTransition(e, dir, p)];
    else if (p.protocol === 'udp') {
      if (e.seenReply && dir === 'original' && e.packets > 2) e.assured = true;
      timeout = e.assured ? UDP_STREAM_TIMEOUT : UDP_TIMEOUT;
    } else {
      timeout = ICMP_TIMEOUT;
      if (p.icmp?.type === ICMP_ECHO_REPLY && dir === 'reply') timeout = ICMP_TIMEOUT;
    }
    e.expires = this.clock.now() + timeout * 1000;
  }

  private tcpTransition(e: ConntrackEntry, dir: CtDir, p: Packet): TcpCtState {
    const f = p.tcp?.flags ?? {};
    const s = e.tcpState;
    if (f.rst) e.tcpState = 'CLOSE';
    else if (f.syn && !f.ack && dir === 'original' && (!s || s === 'CLOSE' || s === 'TIME_WAIT')) e.tcpState = 'SYN_SENT';
    else if (f.syn && f.ack && dir === 'reply' && s === 'SYN_SENT') e.tcpState = 'SYN_RECV';
    else if (f.fin) {
      if (dir === 'original') e.finOriginal = true;
      else e.finReply = true;
      e.tcpState = e.finOriginal && e.finReply ? 'LAST_ACK' : 'FIN_WAIT';
    } else if (f.ack) {
      if (s === 'SYN_RECV' && dir === 'original') {
        e.tcpState = 'ESTABLISHED';
        e.assured = true;
      } else if (s === 'FIN_WAIT' && (e.finOriginal ? dir === 'reply' : dir === 'original')) e.tcpState = 'CLOSE_WAIT';
      else if (s === 'LAST_ACK') e.tcpState = 'TIME_WAIT';
    }
    return e.tcpState ?? 'SYN_SENT';
  }
}
