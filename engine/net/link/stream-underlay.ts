// Mirrors a learning Ethernet switch (net/bridge/br_forward.c) whose ports are peer processes: the
// process-mode Underlay. Local interfaces are switched in memory as InMemoryUnderlay does; frames
// for a machine in another process are encoded (FrameCodec) and carried by the PeerLink towards
// it, relayed by intermediate processes in a star. A directory of node IPs, announced over the
// links, answers `reaches` (ARP) synchronously; routing-mode routes to remote pod CIDRs follow it.
import type { Clock } from '../../util/clock.js';
import type { Frame } from './device.js';
import type { Network } from '../network.js';
import type { Machine } from '../machine.js';
import type { DuplexStream, Dialer } from './duplex.js';
import { SoftIRQ } from '../softirq.js';
import { EthernetDevice, type Underlay } from './underlay.js';
import { MachineDirectory, type DirectoryEntry } from './machine-directory.js';
import { Connection, PeerLink, type ControlMessage, type PeerLinkHandlers } from './peer-link.js';
import { decodeEthernet, encodeEthernet } from './frame-codec.js';
import { formatIP, mustParseIP } from '../ip/addr.js';
import { syncRemoteHostGwRoutes } from './remote-host-gw.js';

export interface StreamUnderlayOptions {
  /** name identifies this process to its peers (e.g. "master", "node1"). */
  name: string;
  clock: Clock;
  /** session distinguishes one run of the process from the next; random by default. */
  session?: string;
  vni?: number;
  deadAfterMs?: number;
  /** tap sees every Ethernet frame crossing to or from another process (a tcpdump on the wire). */
  tap?: (dir: 'out' | 'in', frame: Uint8Array, peer: string) => void;
  log?: (line: string) => void;
}

export interface StreamUnderlayStats {
  framesOut: number;
  framesIn: number;
  relayed: number;
  decodeErrors: number;
}

type ControlHandler = (msg: ControlMessage, link: PeerLink) => void;

export class StreamUnderlay implements Underlay {
  readonly directory = new MachineDirectory();
  readonly links = new Map<string, PeerLink>();
  readonly stats: StreamUnderlayStats = { framesOut: 0, framesIn: 0, relayed: 0, decodeErrors: 0 };
  readonly session: string;
  private readonly devices: EthernetDevice[] = [];
  private readonly machines: Machine[] = [];
  private readonly control = new Map<string, Set<ControlHandler>>();
  private readonly peerUp = new Set<(link: PeerLink) => void>();
  private readonly syncWaiters: Array<() => void> = [];
  private softirq = new SoftIRQ();
  private network?: Network;
  private linkSeq = 0;
  private synced = false;

  constructor(readonly options: StreamUnderlayOptions) {
    this.session = options.session ?? Math.random().toString(36).slice(2, 12);
    this.onControl('dir', (msg, link) => this.onDirectory(msg, link));
    this.onControl('synced', () => {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    });
    this.directory.onChange(() => this.syncRoutes());
  }

  /** bind is called by Network: deliveries share its softirq; routing mode gets remote routes. */
  bind(net: Network): void {
    this.network = net;
    this.softirq = net.env.softirq;
  }

  /** machineAdded publishes a new local machine's pod CIDR and gives it routes to remote ones. */
  machineAdded(m: Machine): void {
    this.machines.push(m);
    const entry = this.directory.lookup(m.ip);
    if (entry && entry.via === undefined && m.podCidr && entry.podCidr !== m.podCidr) {
      this.directory.set({ ...entry, podCidr: m.podCidr });
      this.broadcast({ kind: 'dir', set: [wire(this.directory.lookup(m.ip)!)] });
    }
    this.syncRoutes();
  }

  attach(dev: EthernetDevice): void {
    dev.underlay = this;
    this.devices.push(dev);
    const set = dev.addresses.map((a) => ({ ip: a.address, mac: dev.mac, machine: dev.owner?.name ?? dev.name }));
    for (const e of set) this.directory.set(e);
    this.broadcast({ kind: 'dir', set });
  }

  detach(dev: EthernetDevice): void {
    const i = this.devices.indexOf(dev);
    if (i >= 0) this.devices.splice(i, 1);
    dev.underlay = undefined;
    const del = dev.addresses.map((a) => a.address).filter((ip) => this.directory.delete(ip));
    this.broadcast({ kind: 'dir', del });
  }

  private local(ip: string, from?: EthernetDevice): EthernetDevice | undefined {
    return this.devices.find((d) => d !== from && d.up && d.owns(ip));
  }

  private remote(ip: string): PeerLink | undefined {
    const e = this.directory.lookup(ip);
    const link = e?.via === undefined ? undefined : this.links.get(e.via);
    return link && link.state !== 'closed' ? link : undefined;
  }

  reaches(ip: string, from: EthernetDevice): boolean {
    return this.local(ip, from) !== undefined || this.remote(ip) !== undefined;
  }

  send(frame: Frame, from: EthernetDevice): boolean {
    const to = this.local(frame.nextHop, from);
    if (to) {
      this.softirq.raise(() => to.deliver(frame));
      return true;
    }
    const link = this.remote(frame.nextHop);
    if (!link) return false;
    // A trace probe is a dry run: it cannot cross into another process, so it stops at the wire.
    if (frame.packet.trace?.probe) return true;
    const eth = encodeEthernet({ dstMac: this.directory.lookup(frame.nextHop)!.mac, srcMac: from.mac, packet: { ...frame.packet, trace: undefined } }, this.options.vni);
    // MACs come from each process's own generator and may repeat across processes, so the record
    // names the next hop by IP ahead of the Ethernet frame (what ARP resolved, in a real switch).
    const bytes = new Uint8Array(4 + eth.length);
    new DataView(bytes.buffer).setUint32(0, mustParseIP(frame.nextHop));
    bytes.set(eth, 4);
    this.stats.framesOut++;
    this.options.tap?.('out', eth, link.remoteName ?? link.id);
    link.sendFrame(bytes);
    return true;
  }

  /** connect dials a peer and keeps redialling it after breaks. */
  connect(dial: Dialer): PeerLink {
    const link = this.newLink(dial);
    link.start();
    return link;
  }

  /** accept takes a connection a listener received; the peer is known by its Hello. */
  async accept(duplex: DuplexStream): Promise<PeerLink | undefined> {
    const conn = new Connection(duplex);
    try {
      const hello = await conn.readHello();
      let link = [...this.links.values()].find((l) => l.remoteName === hello.name && !l.dialing);
      link ??= this.newLink();
      link.adopt(conn, hello);
      return link;
    } catch (err) {
      this.options.log?.(`underlay: rejected connection ${duplex.label ?? ''}: ${(err as Error).message}`);
      conn.close();
      return undefined;
    }
  }

  private newLink(dial?: Dialer): PeerLink {
    const id = `peer-${++this.linkSeq}`;
    const handlers: PeerLinkHandlers = {
      onFrame: (b, l) => this.onFrame(b, l),
      onControl: (m, l) => {
        for (const h of [...(this.control.get(m.kind) ?? [])]) h(m, l);
      },
      onUp: (l) => this.onUp(l),
      onReset: (l) => {
        const gone = this.directory.deleteVia(l.id);
        if (gone.length) this.broadcast({ kind: 'dir', del: gone.map((e) => e.ip) }, l);
      },
      log: this.options.log,
    };
    const link = new PeerLink({ id, session: this.session, name: this.options.name, clock: this.options.clock, dial, deadAfterMs: this.options.deadAfterMs }, handlers);
    this.links.set(id, link);
    return link;
  }

  /** onUp sends the peer everything it must know: machines (except its own), then extensions' state. */
  private onUp(link: PeerLink): void {
    const set = this.directory.list().filter((e) => e.via !== link.id).map(wire);
    link.sendControl({ kind: 'dir', set });
    for (const fn of [...this.peerUp]) fn(link);
    link.sendControl({ kind: 'synced' });
  }

  private onDirectory(msg: ControlMessage, link: PeerLink): void {
    const set = ((msg.set as DirectoryEntry[] | undefined) ?? []).filter((e) => this.directory.set({ ...e, via: link.id }));
    const del = ((msg.del as string[] | undefined) ?? []).filter((ip) => this.directory.delete(ip, link.id));
    if (set.length || del.length) this.broadcast({ kind: 'dir', set: set.map(wire), del }, link);
  }

  private onFrame(bytes: Uint8Array, link: PeerLink): void {
    const nextHop = formatIP(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0));
    const dev = this.local(nextHop);
    if (!dev) {
      // Not ours: switch it on towards the port that announced the address (star relay).
      const e = this.directory.lookup(nextHop);
      const out = e?.via !== undefined && e.via !== link.id ? this.links.get(e.via) : undefined;
      if (out) {
        this.stats.relayed++;
        out.sendFrame(bytes);
      }
      return;
    }
    this.options.tap?.('in', bytes.subarray(4), link.remoteName ?? link.id);
    try {
      const { packet } = decodeEthernet(bytes.subarray(4));
      this.stats.framesIn++;
      this.softirq.raise(() => dev.deliver({ packet, nextHop }));
    } catch (err) {
      this.stats.decodeErrors++;
      this.options.log?.(`underlay: bad frame from ${link.remoteName}: ${(err as Error).message}`);
    }
  }

  /** onControl registers a handler for one kind of control message (e.g. "lease"). */
  onControl(kind: string, handler: ControlHandler): void {
    const set = this.control.get(kind) ?? new Set();
    set.add(handler);
    this.control.set(kind, set);
  }

  /** onPeerUp runs when a peer (re)connects, before it is told the sync is complete. */
  onPeerUp(fn: (link: PeerLink) => void): void {
    this.peerUp.add(fn);
  }

  /** broadcast sends a control message to every peer but `except` (the one it came from). */
  broadcast(msg: ControlMessage, except?: PeerLink): void {
    for (const l of this.links.values()) if (l !== except && l.remoteSession !== undefined) l.sendControl(msg);
  }

  /** ready resolves once a peer has sent its full state (machines, leases). */
  ready(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  /** whenReachable resolves once some machine owns ip (locally or behind a peer). */
  whenReachable(ip: string): Promise<void> {
    if (this.directory.lookup(ip)) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.directory.onChange((c) => {
        if (c.op === 'set' && c.entry.ip === ip) {
          stop();
          resolve();
        }
      });
    });
  }

  private syncRoutes(): void {
    if (this.network?.mode === 'routing') syncRemoteHostGwRoutes(this.machines, this.directory.list());
  }

  close(): void {
    for (const l of this.links.values()) l.close();
    this.links.clear();
  }
}

/** wire is an entry as announced: where it lives is the receiver's business. */
function wire(e: DirectoryEntry): DirectoryEntry {
  return { ip: e.ip, mac: e.mac, machine: e.machine, podCidr: e.podCidr };
}
