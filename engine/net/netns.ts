// Mirrors struct net (include/net/net_namespace.h): one network namespace with its devices,
// addresses, routing table, netfilter tables, conntrack table and sockets. The IPv4 paths that move
// packets through it live in ipv4/ (ip_input, ip_output, ip_forward).
import type { Clock } from '../util/clock.js';
import type { NetworkNamespace } from './types.js';
import type { Packet } from './packet.js';
import type { Rng } from './util/rng.js';
import type { SoftIRQ } from './softirq.js';
import type { Frame, NetDevice, DeviceOwner } from './link/device.js';
import type { Bridge, BridgeNetfilter } from './link/bridge.js';
import { Loopback } from './link/loopback.js';
import { Fib, type Route } from './route/fib.js';
import { Netfilter } from './netfilter/netfilter.js';
import { Conntrack } from './conntrack/conntrack.js';
import { SocketStack } from './socket/stack.js';
import { broadcastOf, formatIP, mustParseIP, parseCIDR, isLoopback } from './ip/addr.js';
import { ipReceive, ipOutput, bridgeForward, type OutputOptions, type OutputResult } from './ipv4/ip-pipeline.js';

/** NetEnv is what every namespace of one virtual network shares. */
export interface NetEnv {
  clock: Clock;
  rng: Rng;
  softirq: SoftIRQ;
  newMac(): string;
  /** log receives kernel log lines (the LOG target). */
  log?: (line: string) => void;
}

/** RouteResult is a routing decision (ip_route_output / ip_route_input). */
export interface RouteResult {
  local: boolean;
  dev: NetDevice;
  nextHop: string;
  src?: string;
  route?: Route;
}

export class NetNamespace implements NetworkNamespace, DeviceOwner, BridgeNetfilter {
  readonly devices = new Map<string, NetDevice>();
  readonly fib = new Fib();
  readonly netfilter: Netfilter;
  readonly conntrack: Conntrack;
  readonly stack: SocketStack;
  readonly lo: Loopback;
  /** ipForward mirrors net.ipv4.ip_forward. */
  ipForward = false;
  private ifIndex = 0;

  constructor(
    readonly name: string,
    readonly env: NetEnv,
  ) {
    this.netfilter = new Netfilter(env.clock);
    this.conntrack = new Conntrack(env.clock);
    this.lo = new Loopback(env.softirq);
    this.addDevice(this.lo);
    this.stack = new SocketStack(this);
  }

  nextIfIndex(): number {
    return ++this.ifIndex;
  }

  addDevice(dev: NetDevice): void {
    if (this.devices.has(dev.name)) throw new Error(`RTNETLINK answers: File exists`);
    dev.owner = this;
    dev.index = this.nextIfIndex();
    this.devices.set(dev.name, dev);
    for (const a of dev.addresses) this.addConnectedRoute(dev, a.address, a.bits);
  }

  removeDevice(name: string): NetDevice | undefined {
    const dev = this.devices.get(name);
    if (!dev) return undefined;
    this.devices.delete(name);
    this.fib.deleteDev(name);
    dev.owner = undefined;
    return dev;
  }

  device(name: string): NetDevice | undefined {
    return this.devices.get(name);
  }

  /** addAddress assigns an address and its connected route (proto kernel scope link). */
  addAddress(devName: string, cidr: string): void {
    const dev = this.devices.get(devName);
    if (!dev) throw new Error(`Cannot find device "${devName}"`);
    dev.addAddress(cidr);
    const a = dev.addresses[dev.addresses.length - 1]!;
    this.addConnectedRoute(dev, a.address, a.bits);
  }

  private addConnectedRoute(dev: NetDevice, address: string, bits: number): void {
    if (dev.kind === 'loopback' || bits === 32) return;
    const p = parseCIDR(`${address}/${bits}`)!;
    this.fib.add({ dst: `${formatIP(p.addr)}/${bits}`, dev: dev.name, src: address, proto: 'kernel', scope: 'link' });
  }

  addresses(): string[] {
    const out: string[] = [];
    for (const d of this.devices.values()) if (d.kind !== 'loopback') for (const a of d.addresses) out.push(a.address);
    return out;
  }

  /** isLocal reports whether ip is one of this namespace's addresses (the local table). */
  isLocal(ip: string): boolean {
    if (isLoopback(ip)) return true;
    for (const d of this.devices.values()) if (d.owns(ip)) return true;
    return false;
  }

  addrType(ip: string): 'LOCAL' | 'UNICAST' | 'BROADCAST' | 'MULTICAST' {
    if (this.isLocal(ip)) return 'LOCAL';
    const n = mustParseIP(ip);
    if (n >>> 28 === 14) return 'MULTICAST';
    if (ip === '255.255.255.255') return 'BROADCAST';
    for (const d of this.devices.values())
      for (const a of d.addresses) if (a.bits < 31 && broadcastOf(parseCIDR(`${a.address}/${a.bits}`)!) === n) return 'BROADCAST';
    return 'UNICAST';
  }

  /** route decides where a packet to dst goes: a local address, or a device and next hop. */
  route(dst: string): RouteResult | undefined {
    if (this.isLocal(dst)) return { local: true, dev: this.lo, nextHop: dst, src: isLoopback(dst) ? '127.0.0.1' : dst };
    const r = this.fib.lookup(dst);
    if (!r) return undefined;
    const dev = this.devices.get(r.dev);
    if (!dev || !dev.up) return undefined;
    return { local: false, dev, nextHop: r.via ?? dst, src: r.src ?? this.sourceFor(dev), route: r };
  }

  /** sourceFor picks a source address on a device (inet_select_addr). */
  sourceFor(dev: NetDevice): string | undefined {
    return dev.primaryAddress() ?? this.addresses()[0];
  }

  /** receive is called by a device for every packet that arrives on it (ip_rcv). */
  receive(packet: Packet, dev: NetDevice): void {
    ipReceive(this, packet, dev);
  }

  /** output sends a locally generated packet (ip_local_out). */
  output(packet: Packet, options: OutputOptions = {}): OutputResult {
    return ipOutput(this, packet, options);
  }

  bridgeForward(bridge: Bridge, inPort: NetDevice, frame: Frame): void {
    bridgeForward(this, bridge, inPort, frame);
  }
}
