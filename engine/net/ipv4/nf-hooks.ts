// Mirrors the netfilter hook glue (net/netfilter/core.c nf_hook_slow, nf_conntrack_in,
// nf_nat_inet_fn, nf_conntrack_confirm): tables run in priority order at each hook; conntrack
// attaches an entry; the nat table runs only while the connection is new and the resulting binding
// is applied to every packet — destination at PREROUTING/OUTPUT, source at POSTROUTING/INPUT.
import type { NetNamespace } from '../netns.js';
import type { Hook, PacketContext, TableName } from '../netfilter/types.js';
import type { TraverseObserver } from '../netfilter/table.js';
import type { Skb } from './skb.js';
import { isProbe } from './skb.js';
import { Conntrack, invertTuple, packetTuple, quotedTuple, type ConntrackEntry, type Tuple } from '../conntrack/conntrack.js';
import { ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED } from '../packet.js';
import { randomInt } from '../util/rng.js';
import { sendReject } from './icmp.js';

function context(ns: NetNamespace, skb: Skb, hook: Hook): PacketContext {
  return {
    packet: skb.packet,
    hook,
    table: 'filter',
    inDev: skb.inDev,
    outDev: skb.outDev,
    ct: skb.ct,
    ctDir: skb.dir,
    ctState: skb.state,
    now: ns.env.clock.now(),
    rng: ns.env.rng,
    addrType: (ip) => ns.addrType(ip),
    recent: ns.netfilter.recent,
    dryRun: isProbe(skb.packet),
  };
}

function observer(ns: NetNamespace, skb: Skb): TraverseObserver | undefined {
  const t = skb.packet.trace;
  if (!t) return undefined;
  return {
    rule: (table, chain, index, rule) => t.events.push({ kind: 'rule', ns: ns.name, table, chain, index, rule: `-A ${chain} ${rule.spec()}` }),
    policy: (table, chain, policy) => t.events.push({ kind: 'policy', ns: ns.name, table, chain, policy }),
  };
}

/** runTable traverses one table at a hook; REJECT answers before the packet is dropped. */
export function runTable(ns: NetNamespace, skb: Skb, table: TableName, hook: Hook): 'ACCEPT' | 'DROP' {
  if (!ns.netfilter.loaded(table)) return 'ACCEPT';
  const ctx = context(ns, skb, hook);
  ctx.log = (line) => ns.env.log?.(`${ns.name}: ${line}`);
  const v = ns.netfilter.traverse(table, hook, ctx, observer(ns, skb));
  if (v === 'DROP') {
    if (ctx.reject) {
      skb.packet.trace?.events.push({ kind: 'reject', ns: ns.name, with: ctx.reject });
      sendReject(ns, skb, ctx.reject);
    } else skb.packet.trace?.events.push({ kind: 'drop', ns: ns.name, reason: `${table}/${hook}` });
  }
  return v;
}

/** ctIn attaches the packet's connection, creating an unconfirmed one for a first packet. */
export function ctIn(ns: NetNamespace, skb: Skb): void {
  if (skb.ct || skb.attached) return;
  const p = skb.packet;
  const probe = isProbe(p);
  if (p.protocol === 'icmp' && p.icmp?.quoted && (p.icmp.type === ICMP_DEST_UNREACH || p.icmp.type === ICMP_TIME_EXCEEDED)) {
    const hit = ns.conntrack.lookup(invertTuple(quotedTuple(p.icmp.quoted)));
    if (hit) {
      skb.ct = hit.entry;
      skb.dir = hit.dir;
      skb.state = 'RELATED';
      translateRelated(ns, skb);
    } else skb.state = 'INVALID';
    return;
  }
  let hit = ns.conntrack.lookup(packetTuple(p));
  // A new SYN on a closing connection's tuple starts over (tcp_new after TIME_WAIT).
  if (hit && p.tcp?.flags.syn && !p.tcp.flags.ack && hit.dir === 'original' && (hit.entry.tcpState === 'TIME_WAIT' || hit.entry.tcpState === 'CLOSE')) {
    if (!probe) ns.conntrack.remove(hit.entry);
    hit = undefined;
  }
  if (hit) {
    skb.ct = hit.entry;
    skb.dir = hit.dir;
    skb.state = hit.dir === 'reply' || hit.entry.seenReply ? 'ESTABLISHED' : 'NEW';
    if (!probe) ns.conntrack.update(hit.entry, hit.dir, p);
    return;
  }
  if (!Conntrack.canCreate(p)) {
    skb.state = 'INVALID';
    return;
  }
  skb.ct = ns.conntrack.create(p);
  skb.dir = 'original';
  skb.state = 'NEW';
}

/** translateRelated un-NATs an ICMP error: the quoted header and the outer addresses. */
export function translateRelated(ns: NetNamespace, skb: Skb): void {
  const e = skb.ct!;
  const p = skb.packet;
  const q = p.icmp!.quoted!;
  // The error travels in direction dir; the quoted packet travelled the other way.
  const quotedWant = e.wantTuple(skb.dir === 'reply' ? 'original' : 'reply');
  const quotedOrig = skb.dir === 'reply' ? e.orig : e.reply;
  const want = e.wantTuple(skb.dir!);
  const peer = skb.dir === 'reply' ? e.reply.src : e.orig.src;
  const before = `${p.src} > ${p.dst}`;
  void quotedWant;
  Object.assign(q, { src: quotedOrig.src, dst: quotedOrig.dst, sport: quotedOrig.sport, dport: quotedOrig.dport });
  if (p.src === peer) p.src = want.src;
  p.dst = want.dst;
  if (before !== `${p.src} > ${p.dst}`) p.trace?.events.push({ kind: 'nat', ns: ns.name, type: 'ICMP error', from: before, to: `${p.src} > ${p.dst}` });
}

function applyDst(ns: NetNamespace, skb: Skb): void {
  if (!skb.ct || skb.state === 'RELATED') return;
  const want = skb.ct.wantTuple(skb.dir!);
  const p = skb.packet;
  if (p.dst === want.dst && (p.protocol === 'icmp' || p.dport === want.dport)) return;
  const from = `${p.dst}:${p.dport}`;
  p.dst = want.dst;
  if (p.protocol !== 'icmp') p.dport = want.dport;
  p.trace?.events.push({ kind: 'nat', ns: ns.name, type: skb.dir === 'original' ? 'DNAT' : 'un-SNAT', from, to: `${p.dst}:${p.dport}` });
}

function applySrc(ns: NetNamespace, skb: Skb): void {
  if (!skb.ct || skb.state === 'RELATED') return;
  const want = skb.ct.wantTuple(skb.dir!);
  const p = skb.packet;
  if (p.src === want.src && (p.protocol === 'icmp' || p.sport === want.sport)) return;
  const from = `${p.src}:${p.sport}`;
  p.src = want.src;
  if (p.protocol !== 'icmp') p.sport = want.sport;
  p.trace?.events.push({ kind: 'nat', ns: ns.name, type: skb.dir === 'original' ? 'SNAT' : 'un-DNAT', from, to: `${p.src}:${p.sport}` });
}

/** natDst runs nat at PREROUTING/OUTPUT for a new connection, then applies the dst binding. */
export function natDst(ns: NetNamespace, skb: Skb, hook: 'PREROUTING' | 'OUTPUT'): 'ACCEPT' | 'DROP' {
  const e = skb.ct;
  if (e && !e.confirmed && !e.natDst && !skb.attached && ns.netfilter.loaded('nat')) {
    const ctx = context(ns, skb, hook);
    const v = ns.netfilter.traverse('nat', hook, ctx, observer(ns, skb));
    if (v === 'DROP') {
      skb.packet.trace?.events.push({ kind: 'drop', ns: ns.name, reason: `nat/${hook}` });
      return 'DROP';
    }
    e.natDst = true;
    const req = ctx.nat;
    if (req?.kind === 'DNAT' || req?.kind === 'REDIRECT') {
      let ip: string;
      if (req.kind === 'DNAT') ip = req.ip;
      else ip = hook === 'OUTPUT' ? '127.0.0.1' : (ns.device(skb.inDev ?? '')?.primaryAddress() ?? '127.0.0.1');
      e.reply = { ...e.reply, src: ip, sport: req.port ?? e.reply.sport };
      e.dnat = true;
    }
  }
  applyDst(ns, skb);
  return 'ACCEPT';
}

/** natSrc runs nat at POSTROUTING/INPUT for a new connection, then applies the src binding. */
export function natSrc(ns: NetNamespace, skb: Skb, hook: 'POSTROUTING' | 'INPUT'): 'ACCEPT' | 'DROP' {
  const e = skb.ct;
  if (e && !e.confirmed && !e.natSrc && !skb.attached && ns.netfilter.loaded('nat')) {
    const ctx = context(ns, skb, hook);
    const v = ns.netfilter.traverse('nat', hook, ctx, observer(ns, skb));
    if (v === 'DROP') {
      skb.packet.trace?.events.push({ kind: 'drop', ns: ns.name, reason: `nat/${hook}` });
      return 'DROP';
    }
    e.natSrc = true;
    const req = ctx.nat;
    if (req?.kind === 'SNAT' || req?.kind === 'MASQUERADE') {
      const ip = req.kind === 'SNAT' ? req.ip : ns.sourceFor(ns.device(skb.outDev ?? '') ?? ns.lo);
      if (ip) bindSource(ns, e, ip, req.portMin, req.portMax, isProbe(skb.packet));
    }
  }
  applySrc(ns, skb);
  return 'ACCEPT';
}

/** bindSource picks the SNAT source port: keep the original unless its reply tuple is taken. */
function bindSource(ns: NetNamespace, e: ConntrackEntry, ip: string, min: number | undefined, max: number | undefined, probe: boolean): void {
  const orig = e.reply.dport;
  const lo = min ?? (orig < 1024 ? 1 : 1024);
  const hi = max ?? (orig < 1024 ? 1023 : 65535);
  const candidate = (port: number): Tuple => ({ ...e.reply, dst: ip, dport: port });
  let port = orig >= lo && orig <= hi ? orig : lo;
  if (e.orig.protocol !== 'icmp') {
    for (let tries = 0; tries < 64 && ns.conntrack.replyTaken(candidate(port)); tries++) port = randomInt(ns.env.rng, lo, hi);
  }
  void probe;
  e.reply = candidate(e.orig.protocol === 'icmp' ? orig : port);
  e.snat = true;
}

/** confirm inserts a new connection when its first packet leaves the last hook. */
export function confirm(ns: NetNamespace, skb: Skb): void {
  if (skb.ct && !skb.ct.confirmed && !skb.attached && !isProbe(skb.packet) && skb.state !== 'RELATED') ns.conntrack.confirm(skb.ct);
}

export { invertTuple };
