// Mirrors net/ipv4/ip_input.c (ip_rcv → PREROUTING → ip_route_input → ip_local_deliver → INPUT),
// ip_forward.c (FORWARD, TTL) and ip_output.c (ip_local_out → OUTPUT, ip_output → POSTROUTING →
// neighbour output), plus br_netfilter's path for bridged frames. Table order per hook follows the
// kernel's priorities: raw, conntrack, mangle, nat(dst), filter, nat(src), confirm.
import type { NetNamespace } from '../netns.js';
import type { Packet } from '../packet.js';
import type { NetDevice, Frame } from '../link/device.js';
import type { Bridge } from '../link/bridge.js';
import type { ConntrackEntry, CtDir } from '../conntrack/conntrack.js';
import { describePacket, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, ICMP_NET_UNREACH, ICMP_TIME_EXCEEDED } from '../packet.js';
import { confirm, ctIn, natDst, natSrc, runTable, translateRelated } from './nf-hooks.js';
import { icmpError } from './icmp.js';
import { isProbe, type Skb } from './skb.js';

export interface OutputOptions {
  /** ct/dir attach a connection to a generated reply (RST, ICMP error). */
  ct?: ConntrackEntry;
  dir?: CtDir;
  related?: boolean;
}

/** OutputResult tells a socket what happened synchronously to the packet it sent. */
export type OutputResult = 'ok' | 'dropped' | 'unreachable' | 'noneigh';

/** NEIGH_TIMEOUT_MS is how long ARP resolution tries before giving up (3 probes, 1 s apart). */
export const NEIGH_TIMEOUT_MS = 3000;

function trace(p: Packet): Packet['trace'] {
  return p.trace;
}

export function ipOutput(ns: NetNamespace, p: Packet, options: OutputOptions): OutputResult {
  trace(p)?.events.push({ kind: 'output', ns: ns.name, packet: describePacket(p) });
  let rt = ns.route(p.dst);
  if (!rt) {
    trace(p)?.events.push({ kind: 'route', ns: ns.name, decision: 'unreachable' });
    return 'unreachable';
  }
  if (!p.src) p.src = rt.src ?? '0.0.0.0';
  const skb: Skb = { packet: p, outDev: rt.dev.name, state: 'NEW' };
  if (options.ct) {
    skb.ct = options.ct;
    skb.dir = options.dir;
    skb.attached = true;
    skb.state = options.related ? 'RELATED' : 'ESTABLISHED';
    if (options.related) translateRelated(ns, skb);
  }
  if (runTable(ns, skb, 'raw', 'OUTPUT') === 'DROP') return 'dropped';
  ctIn(ns, skb);
  if (runTable(ns, skb, 'mangle', 'OUTPUT') === 'DROP') return 'dropped';
  const before = p.dst;
  if (natDst(ns, skb, 'OUTPUT') === 'DROP') return 'dropped';
  if (p.dst !== before || options.related) {
    rt = ns.route(p.dst);
    if (!rt) return 'unreachable';
    skb.outDev = rt.dev.name;
  }
  trace(p)?.events.push({ kind: 'route', ns: ns.name, decision: rt.local ? 'local' : 'forward', route: rt.route ? routeText(rt.route) : 'local', dev: rt.dev.name, nextHop: rt.nextHop });
  if (runTable(ns, skb, 'filter', 'OUTPUT') === 'DROP') return 'dropped';
  return postRouting(ns, skb, rt.dev, rt.nextHop);
}

function routeText(r: NonNullable<ReturnType<NetNamespace['route']>>['route']): string {
  if (!r) return 'local';
  const dst = r.dst.bits === 0 ? 'default' : `${[r.dst.addr >>> 24, (r.dst.addr >>> 16) & 255, (r.dst.addr >>> 8) & 255, r.dst.addr & 255].join('.')}/${r.dst.bits}`;
  return `${dst}${r.via ? ` via ${r.via}` : ''} dev ${r.dev}`;
}

function postRouting(ns: NetNamespace, skb: Skb, dev: NetDevice, nextHop: string): OutputResult {
  skb.outDev = dev.name;
  if (runTable(ns, skb, 'mangle', 'POSTROUTING') === 'DROP') return 'dropped';
  if (natSrc(ns, skb, 'POSTROUTING') === 'DROP') return 'dropped';
  confirm(ns, skb);
  const p = skb.packet;
  trace(p)?.events.push({ kind: 'transmit', ns: ns.name, dev: dev.name, nextHop, packet: describePacket(p) });
  if (!dev.transmit({ packet: p, nextHop })) {
    trace(p)?.events.push({ kind: 'drop', ns: ns.name, reason: `no neighbour ${nextHop} on ${dev.name}` });
    return 'noneigh';
  }
  return 'ok';
}

function prerouting(ns: NetNamespace, skb: Skb): 'ACCEPT' | 'DROP' {
  if (runTable(ns, skb, 'raw', 'PREROUTING') === 'DROP') return 'DROP';
  ctIn(ns, skb);
  if (runTable(ns, skb, 'mangle', 'PREROUTING') === 'DROP') return 'DROP';
  return natDst(ns, skb, 'PREROUTING');
}

export function ipReceive(ns: NetNamespace, p: Packet, dev: NetDevice): void {
  trace(p)?.events.push({ kind: 'receive', ns: ns.name, dev: dev.name, packet: describePacket(p) });
  const skb: Skb = { packet: p, inDev: dev.name, state: 'NEW' };
  if (prerouting(ns, skb) === 'DROP') return;
  routeInput(ns, skb);
}

function routeInput(ns: NetNamespace, skb: Skb): void {
  const p = skb.packet;
  if (ns.isLocal(p.dst)) {
    trace(p)?.events.push({ kind: 'route', ns: ns.name, decision: 'local', route: 'local', dev: 'lo' });
    localDeliver(ns, skb);
    return;
  }
  if (!ns.ipForward) {
    trace(p)?.events.push({ kind: 'drop', ns: ns.name, reason: 'not local and ip_forward=0' });
    return;
  }
  forward(ns, skb);
}

function localDeliver(ns: NetNamespace, skb: Skb): void {
  if (runTable(ns, skb, 'mangle', 'INPUT') === 'DROP') return;
  if (runTable(ns, skb, 'filter', 'INPUT') === 'DROP') return;
  if (natSrc(ns, skb, 'INPUT') === 'DROP') return;
  confirm(ns, skb);
  const p = skb.packet;
  if (isProbe(p) && !p.inner) {
    const listening = ns.stack.probe(p);
    trace(p)?.events.push({ kind: 'deliver', ns: ns.name, socket: `${p.protocol} ${p.dst}:${p.dport}`, listening });
    return;
  }
  ns.stack.deliver(p, skb);
}

function forward(ns: NetNamespace, skb: Skb): void {
  const p = skb.packet;
  if (p.ttl <= 1) {
    icmpError(ns, skb, ICMP_TIME_EXCEEDED, 0);
    return;
  }
  p.ttl--;
  const rt = ns.route(p.dst);
  if (!rt) {
    trace(p)?.events.push({ kind: 'route', ns: ns.name, decision: 'unreachable' });
    icmpError(ns, skb, ICMP_DEST_UNREACH, ICMP_NET_UNREACH);
    return;
  }
  trace(p)?.events.push({ kind: 'route', ns: ns.name, decision: 'forward', route: routeText(rt.route), dev: rt.dev.name, nextHop: rt.nextHop });
  skb.outDev = rt.dev.name;
  if (runTable(ns, skb, 'mangle', 'FORWARD') === 'DROP') return;
  if (runTable(ns, skb, 'filter', 'FORWARD') === 'DROP') return;
  if (postRouting(ns, skb, rt.dev, rt.nextHop) === 'noneigh' && !isProbe(p)) {
    ns.env.clock.setTimer(NEIGH_TIMEOUT_MS, () => icmpError(ns, skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH));
  }
}

/** bridgeForward runs a frame switched between two bridge ports through the host's iptables. */
export function bridgeForward(ns: NetNamespace, bridge: Bridge, inPort: NetDevice, frame: Frame): void {
  const p = frame.packet;
  trace(p)?.events.push({ kind: 'receive', ns: ns.name, dev: `${bridge.name} (port ${inPort.name})`, packet: describePacket(p) });
  const skb: Skb = { packet: p, inDev: bridge.name, state: 'NEW' };
  const before = p.dst;
  if (prerouting(ns, skb) === 'DROP') return;
  let nextHop = frame.nextHop;
  let port: NetDevice | undefined;
  if (p.dst !== before) {
    // DNAT moved the destination: route again; stay on the bridge only if it is still behind it.
    if (ns.isLocal(p.dst)) return localDeliver(ns, skb);
    port = bridge.portFor(p.dst);
    if (!port) return forward(ns, skb);
    nextHop = p.dst;
  } else port = bridge.portFor(nextHop, inPort);
  if (!port) {
    trace(p)?.events.push({ kind: 'drop', ns: ns.name, reason: `no port for ${nextHop} on ${bridge.name}` });
    return;
  }
  trace(p)?.events.push({ kind: 'route', ns: ns.name, decision: 'bridge', dev: `${bridge.name} (port ${port.name})`, nextHop });
  skb.outDev = bridge.name;
  if (runTable(ns, skb, 'mangle', 'FORWARD') === 'DROP') return;
  if (runTable(ns, skb, 'filter', 'FORWARD') === 'DROP') return;
  if (runTable(ns, skb, 'mangle', 'POSTROUTING') === 'DROP') return;
  if (natSrc(ns, skb, 'POSTROUTING') === 'DROP') return;
  confirm(ns, skb);
  trace(p)?.events.push({ kind: 'transmit', ns: ns.name, dev: port.name, nextHop, packet: describePacket(p) });
  port.transmit({ packet: p, nextHop });
}
