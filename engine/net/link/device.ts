// Mirrors include/linux/netdevice.h (struct net_device): a named interface in one namespace with
// a MAC, an MTU, IPv4 addresses and counters. Neighbour discovery (ARP) is folded into
// `reaches`: a device knows whether an address answers on its segment.
import type { Packet } from '../packet.js';
import { ipLength } from '../packet.js';
import { formatIP, maskOf, parseIP } from '../ip/addr.js';

/** Frame is a packet on a link, addressed to the neighbour that owns nextHop. */
export interface Frame {
  packet: Packet;
  nextHop: string;
}

export interface InterfaceAddress {
  address: string;
  bits: number;
}

/** DeviceOwner is the namespace side a device hands received packets to. */
export interface DeviceOwner {
  readonly name: string;
  receive(packet: Packet, dev: NetDevice): void;
  nextIfIndex(): number;
}

export type DeviceKind = 'loopback' | 'ether' | 'veth' | 'bridge' | 'vxlan';

export interface DeviceStats {
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
}

export abstract class NetDevice {
  abstract readonly kind: DeviceKind;
  index = 0;
  up = true;
  mtu = 1500;
  owner?: DeviceOwner;
  /** master is the bridge this device is a port of. */
  master?: BridgePort;
  addresses: InterfaceAddress[] = [];
  readonly stats: DeviceStats = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 };

  constructor(
    public name: string,
    public readonly mac: string,
  ) {}

  addAddress(cidr: string): void {
    const [address, bits] = cidr.split('/') as [string, string | undefined];
    if (parseIP(address) === undefined) throw new Error(`invalid address ${cidr}`);
    this.addresses.push({ address, bits: bits === undefined ? 32 : Number(bits) });
  }

  owns(ip: string): boolean {
    return this.addresses.some((a) => a.address === ip);
  }

  /** primaryAddress is the first address, used as the source of locally generated packets. */
  primaryAddress(): string | undefined {
    return this.addresses[0]?.address;
  }

  /** reaches reports whether a neighbour with this IP answers ARP on the device's segment. */
  abstract reaches(ip: string): boolean;

  /** transmit puts a frame on the link; false when no neighbour owns the next hop. */
  abstract transmit(frame: Frame): boolean;

  /** deliver hands a frame that arrived on this device up the stack (or to its bridge). */
  deliver(frame: Frame): void {
    if (!this.up) return;
    this.countRx(frame.packet);
    if (this.master) this.master.receiveFromPort(this, frame);
    else this.owner?.receive(frame.packet, this);
  }

  countRx(p: Packet): void {
    this.stats.rxPackets++;
    this.stats.rxBytes += ipLength(p);
  }

  countTx(p: Packet): void {
    this.stats.txPackets++;
    this.stats.txBytes += ipLength(p);
  }
}

/** BridgePort is what a device needs of the bridge it is enslaved to. */
export interface BridgePort {
  readonly name: string;
  receiveFromPort(port: NetDevice, frame: Frame): void;
  /** segmentReaches reports whether the bridge or a device behind another port owns ip. */
  segmentReaches(ip: string, from: NetDevice): boolean;
}

/** broadcastAddress returns the broadcast of an interface address (for `ip addr`'s brd). */
export function broadcastAddress(a: InterfaceAddress): string {
  const n = parseIP(a.address)!;
  return formatIP((n | (~maskOf(a.bits) >>> 0)) >>> 0);
}
