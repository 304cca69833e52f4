// Mirrors a physical NIC (drivers/net/ethernet) plugged into a switch. The switch is pluggable: the
// in-memory segment delivers frames inside this process; another Underlay can carry the same frames
// between processes over real sockets (see FrameCodec).
import type { SoftIRQ } from '../softirq.js';
import type { Network } from '../network.js';
import type { Machine } from '../machine.js';
import { NetDevice, type Frame } from './device.js';

/** Underlay is an L2 segment connecting machines' physical interfaces. */
export interface Underlay {
  attach(dev: EthernetDevice): void;
  detach(dev: EthernetDevice): void;
  /** reaches reports whether some attached interface (local or remote) owns ip. */
  reaches(ip: string, from: EthernetDevice): boolean;
  /** send carries a frame to the interface that owns frame.nextHop; false if none does. */
  send(frame: Frame, from: EthernetDevice): boolean;
  /** bind is called once by the Network that uses this underlay (its softirq, its mode). */
  bind?(net: Network): void;
  /** machineAdded is called after a machine joined the network (its pod CIDR is known then). */
  machineAdded?(m: Machine): void;
}

/** EthernetDevice is a machine's physical interface (eth0). */
export class EthernetDevice extends NetDevice {
  readonly kind = 'ether' as const;
  underlay?: Underlay;

  reaches(ip: string): boolean {
    return !!this.underlay && this.underlay.reaches(ip, this);
  }

  transmit(frame: Frame): boolean {
    if (!this.up || !this.underlay) return false;
    if (!this.underlay.send({ packet: { ...frame.packet, mark: 0 }, nextHop: frame.nextHop }, this)) return false;
    this.countTx(frame.packet);
    return true;
  }
}

/** InMemoryUnderlay is one switch inside the process: delivery is a queued call. */
export class InMemoryUnderlay implements Underlay {
  private readonly devices: EthernetDevice[] = [];

  constructor(private readonly softirq: SoftIRQ) {}

  attach(dev: EthernetDevice): void {
    dev.underlay = this;
    this.devices.push(dev);
  }

  detach(dev: EthernetDevice): void {
    const i = this.devices.indexOf(dev);
    if (i >= 0) this.devices.splice(i, 1);
    dev.underlay = undefined;
  }

  private find(ip: string, from: EthernetDevice): EthernetDevice | undefined {
    return this.devices.find((d) => d !== from && d.up && d.owns(ip));
  }

  reaches(ip: string, from: EthernetDevice): boolean {
    return this.find(ip, from) !== undefined;
  }

  send(frame: Frame, from: EthernetDevice): boolean {
    const to = this.find(frame.nextHop, from);
    if (!to) return false;
    this.softirq.raise(() => to.deliver(frame));
    return true;
  }
}
