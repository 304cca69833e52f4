// Mirrors drivers/net/veth.c: a pair of devices, usually in two namespaces; what one transmits the
// other receives. The skb mark is scrubbed on the way (veth_xmit → skb_scrub_packet across netns).
import type { SoftIRQ } from '../softirq.js';
import { NetDevice, type Frame } from './device.js';

export class Veth extends NetDevice {
  readonly kind = 'veth' as const;
  peer!: Veth;

  constructor(
    name: string,
    mac: string,
    private readonly softirq: SoftIRQ,
  ) {
    super(name, mac);
  }

  /** pair creates both ends (ip link add NAME type veth peer name PEER). */
  static pair(softirq: SoftIRQ, a: { name: string; mac: string }, b: { name: string; mac: string }): [Veth, Veth] {
    const x = new Veth(a.name, a.mac, softirq);
    const y = new Veth(b.name, b.mac, softirq);
    x.peer = y;
    y.peer = x;
    return [x, y];
  }

  reaches(ip: string): boolean {
    const far = this.peer;
    if (far.master) return far.master.segmentReaches(ip, far);
    return far.owns(ip);
  }

  transmit(frame: Frame): boolean {
    if (!this.up || !this.peer.up) return false;
    if (!this.reaches(frame.nextHop)) return false;
    this.countTx(frame.packet);
    const packet = { ...frame.packet, mark: 0 };
    this.softirq.raise(() => this.peer.deliver({ packet, nextHop: frame.nextHop }));
    return true;
  }
}
