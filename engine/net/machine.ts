// Mirrors one Linux host as a Kubernetes node sees it: the host network namespace with lo and eth0
// on the underlay, a bridge (cbr0/docker0) holding the node's pod CIDR gateway, ip_forward on, and
// pod namespaces created the way the CNI bridge plugin does (veth pair, host end on the bridge,
// eth0 with an address from host-local IPAM, default route via the gateway).
import type { NetEnv } from './netns.js';
import { NetNamespace } from './netns.js';
import { EthernetDevice, type Underlay } from './link/underlay.js';
import { Bridge } from './link/bridge.js';
import { Veth } from './link/veth.js';
import { HostLocal } from './ipam/ipam.js';
import { mustParseCIDR } from './ip/addr.js';

export interface MachineOptions {
  name: string;
  /** ip is the node IP with its prefix, e.g. "192.168.1.101/24". */
  ip: string;
  role?: 'master' | 'node';
  /** gateway is the underlay's default router (may not exist). */
  gateway?: string;
  podCidr?: string;
  bridgeName?: string;
}

/** PodNetwork is what the runtime gets back from setting up a pod's network (CNI ADD result). */
export interface PodNetwork {
  id: string;
  netns: NetNamespace;
  ip: string;
  hostVeth: string;
}

export class Machine {
  readonly name: string;
  readonly ip: string;
  readonly role: 'master' | 'node';
  readonly host: NetNamespace;
  readonly eth0: EthernetDevice;
  readonly namespaces = new Map<string, NetNamespace>();
  bridge?: Bridge;
  podCidr?: string;
  private ipam?: HostLocal;
  private readonly pods = new Map<string, PodNetwork>();

  constructor(
    readonly env: NetEnv,
    underlay: Underlay,
    readonly options: MachineOptions,
  ) {
    this.name = options.name;
    this.role = options.role ?? 'node';
    this.ip = options.ip.split('/')[0]!;
    this.host = new NetNamespace(options.name, env);
    this.host.ipForward = true;
    this.eth0 = new EthernetDevice('eth0', env.newMac());
    this.eth0.addAddress(options.ip.includes('/') ? options.ip : `${options.ip}/24`);
    this.host.addDevice(this.eth0);
    underlay.attach(this.eth0);
    const gw = options.gateway ?? defaultGateway(this.eth0.addresses[0]!.address, this.eth0.addresses[0]!.bits);
    this.host.fib.add({ dst: 'default', via: gw, dev: 'eth0' });
    if (options.podCidr) this.setPodCidr(options.podCidr, options.bridgeName);
  }

  /** setPodCidr creates the bridge with the CIDR's first address as the pods' gateway. */
  setPodCidr(cidr: string, bridgeName = 'cbr0'): void {
    if (this.bridge) throw new Error(`${this.name} already has pod CIDR ${this.podCidr}`);
    this.podCidr = cidr;
    this.ipam = new HostLocal(cidr);
    const bridge = new Bridge(bridgeName, this.env.newMac());
    bridge.netfilter = this.host;
    this.host.addDevice(bridge);
    this.host.addAddress(bridgeName, `${this.ipam.gateway}/${mustParseCIDR(cidr).bits}`);
    this.bridge = bridge;
  }

  /** addNamespace creates an empty named namespace with only lo (ip netns add). */
  addNamespace(name: string): NetNamespace {
    if (this.namespaces.has(name)) throw new Error(`Cannot create namespace file "/var/run/netns/${name}": File exists`);
    const ns = new NetNamespace(name, this.env);
    this.namespaces.set(name, ns);
    return ns;
  }

  netns(name?: string): NetNamespace | undefined {
    return name === undefined || name === this.name ? this.host : this.namespaces.get(name);
  }

  /** setUpPod is CNI ADD with the bridge plugin: a namespace wired to the node's bridge. */
  setUpPod(id: string): PodNetwork {
    const existing = this.pods.get(id);
    if (existing) return existing;
    if (!this.bridge || !this.ipam) throw new Error(`node ${this.name} has no pod CIDR`);
    const ns = this.addNamespace(id);
    const ip = this.ipam.allocate(id);
    const hostName = `veth${Math.floor(this.env.rng() * 0xffffffff).toString(16).padStart(8, '0')}`;
    const [hostEnd, podEnd] = Veth.pair(this.env.softirq, { name: hostName, mac: this.env.newMac() }, { name: 'eth0', mac: this.env.newMac() });
    this.host.addDevice(hostEnd);
    this.bridge.addPort(hostEnd);
    ns.addDevice(podEnd);
    ns.addAddress('eth0', `${ip}/${this.ipam.subnet.bits}`);
    ns.fib.add({ dst: 'default', via: this.ipam.gateway, dev: 'eth0' });
    const pod: PodNetwork = { id, netns: ns, ip, hostVeth: hostName };
    this.pods.set(id, pod);
    return pod;
  }

  /** tearDownPod is CNI DEL: the veth pair and the namespace go, the IP is released. */
  tearDownPod(id: string): void {
    const pod = this.pods.get(id);
    if (!pod) return;
    const hostEnd = this.host.removeDevice(pod.hostVeth);
    if (hostEnd) this.bridge?.removePort(hostEnd);
    pod.netns.removeDevice('eth0');
    this.namespaces.delete(id);
    this.ipam?.release(id);
    this.pods.delete(id);
  }

  pod(id: string): PodNetwork | undefined {
    return this.pods.get(id);
  }

  podNetworks(): PodNetwork[] {
    return [...this.pods.values()];
  }
}

function defaultGateway(address: string, bits: number): string {
  const p = mustParseCIDR(`${address}/${bits}`);
  const n = p.addr + 1;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
