// Mirrors drivers/net/vxlan (the flannel.1 device): a frame routed to a remote VTEP address is
// wrapped in a UDP packet to that VTEP's node IP on port 8472 and sent from the host namespace, so
// the outer packet crosses the host's OUTPUT/POSTROUTING and the remote host's INPUT like any
// other; the remote device unwraps it and receives the inner packet as if it arrived on flannel.1.
import { NetDevice, type Frame } from '../link/device.js';
import type { NetNamespace } from '../netns.js';
import type { Packet } from '../packet.js';
import { describePacket, newPacket } from '../packet.js';
import { UdpSocket } from '../socket/udp.js';

export const VXLAN_PORT = 8472;

/** VtepPeer is an ARP + FDB entry pair: remote VTEP address → its MAC → its node IP. */
export interface VtepPeer {
  vtep: string;
  mac: string;
  nodeIp: string;
}

class VxlanSocket extends UdpSocket {
  constructor(
    ns: NetNamespace,
    private readonly dev: VxlanDevice,
  ) {
    super(ns.stack);
  }

  override receive(p: Packet): void {
    this.dev.decapsulate(p);
  }
}

export class VxlanDevice extends NetDevice {
  readonly kind = 'vxlan' as const;
  readonly peers = new Map<string, VtepPeer>();
  private socket?: VxlanSocket;

  constructor(
    name: string,
    mac: string,
    readonly vni: number,
    readonly localIp: string,
    private readonly host: NetNamespace,
  ) {
    super(name, mac);
    this.mtu = 1450;
  }

  /** open binds the kernel's UDP socket for VXLAN on the host. */
  open(): void {
    this.socket = new VxlanSocket(this.host, this);
    this.socket.bindSync(VXLAN_PORT, '0.0.0.0');
  }

  close(): void {
    this.socket?.close();
  }

  reaches(ip: string): boolean {
    return this.peers.has(ip);
  }

  transmit(frame: Frame): boolean {
    const peer = this.peers.get(frame.nextHop);
    if (!peer || !this.up) return false;
    this.countTx(frame.packet);
    const inner = { ...frame.packet, mark: 0, trace: undefined };
    const outer = newPacket({
      src: this.localIp,
      dst: peer.nodeIp,
      protocol: 'udp',
      sport: 32768 + (hashFlow(inner) % 28232),
      dport: VXLAN_PORT,
      inner,
    });
    outer.trace = frame.packet.trace;
    outer.trace?.events.push({ kind: 'encap', ns: this.host.name, dev: this.name, outer: describePacket({ ...outer, inner: undefined }) + ` VNI ${this.vni}` });
    const r = this.host.output(outer);
    return r === 'ok' || r === 'dropped';
  }

  decapsulate(outer: Packet): void {
    const inner = outer.inner;
    if (!inner) return;
    inner.trace = outer.trace;
    inner.trace?.events.push({ kind: 'decap', ns: this.host.name, dev: this.name, inner: describePacket(inner) });
    this.deliver({ packet: inner, nextHop: inner.dst });
  }
}

/** hashFlow picks the outer source port from the inner flow, as vxlan_src_port does. */
function hashFlow(p: Packet): number {
  const s = `${p.src}:${p.sport}>${p.dst}:${p.dport}/${p.protocol}`;
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}
