// Mirrors net/bridge (br_device.c, br_input.c, br_forward.c, br_fdb.c): a software switch with
// ports, a MAC learning table (brctl showmacs) and an IP of its own (the pods' gateway). Frames to
// the bridge's own IP go up the host stack; frames between ports are switched — through the host's
// iptables when bridge-nf-call-iptables is set (br_netfilter), as Kubernetes requires.
import { NetDevice, type BridgePort, type Frame } from './device.js';

/** BridgeNetfilter is the host namespace's hook for bridged frames (net/bridge/br_netfilter_hooks.c). */
export interface BridgeNetfilter {
  bridgeForward(bridge: Bridge, inPort: NetDevice, frame: Frame): void;
}

export interface FdbEntry {
  mac: string;
  port: NetDevice;
  local: boolean;
}

export class Bridge extends NetDevice implements BridgePort {
  readonly kind = 'bridge' as const;
  readonly ports: NetDevice[] = [];
  readonly fdb = new Map<string, FdbEntry>();
  bridgeId: string;
  stp = false;
  /** nfCallIptables mirrors /proc/sys/net/bridge/bridge-nf-call-iptables. */
  nfCallIptables = true;
  netfilter?: BridgeNetfilter;

  constructor(name: string, mac: string) {
    super(name, mac);
    this.bridgeId = `8000.${mac.replace(/:/g, '')}`;
  }

  /** addPort enslaves a device (brctl addif / ip link set DEV master BR). */
  addPort(dev: NetDevice): void {
    dev.master = this;
    this.ports.push(dev);
    this.fdb.set(dev.mac, { mac: dev.mac, port: dev, local: true });
  }

  removePort(dev: NetDevice): void {
    const i = this.ports.indexOf(dev);
    if (i >= 0) this.ports.splice(i, 1);
    dev.master = undefined;
    for (const [mac, e] of this.fdb) if (e.port === dev) this.fdb.delete(mac);
  }

  /** portFor finds the port whose far side owns ip (the ARP reply tells the switch where it is). */
  portFor(ip: string, except?: NetDevice): NetDevice | undefined {
    return this.ports.find((p) => p !== except && p.up && p.reaches(ip));
  }

  segmentReaches(ip: string, from: NetDevice): boolean {
    return this.owns(ip) || this.portFor(ip, from) !== undefined;
  }

  reaches(ip: string): boolean {
    return this.portFor(ip) !== undefined;
  }

  /** transmit sends a frame routed by the host out of the bridge to the port that owns nextHop. */
  transmit(frame: Frame): boolean {
    const port = this.portFor(frame.nextHop);
    if (!port) return false;
    this.countTx(frame.packet);
    return port.transmit(frame);
  }

  receiveFromPort(port: NetDevice, frame: Frame): void {
    const peerMac = (port as { peer?: NetDevice }).peer?.mac;
    if (peerMac) this.fdb.set(peerMac, { mac: peerMac, port, local: false });
    if (this.owns(frame.nextHop)) {
      this.countRx(frame.packet);
      this.owner?.receive(frame.packet, this);
      return;
    }
    if (this.nfCallIptables && this.netfilter) {
      this.netfilter.bridgeForward(this, port, frame);
      return;
    }
    this.portFor(frame.nextHop, port)?.transmit(frame);
  }
}
