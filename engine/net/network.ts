// Mirrors the physical world a cluster runs on: machines on one L2 underlay, each node with a pod
// CIDR, connected by `routing` (host-gw routes) or `overlay` (flannel VXLAN). This is the
// dataplane's entry point: a cluster builds one Network, adds machines, and asks machines for pod
// namespaces; programs use each namespace's `stack`, kube-proxy its `netfilter`.
import type { Clock } from '../util/clock.js';
import { flushMicrotasks } from '../util/clock.js';
import type { NetEnv } from './netns.js';
import type { NetNamespace } from './netns.js';
import { SoftIRQ } from './softirq.js';
import { newRng } from './util/rng.js';
import { InMemoryUnderlay, type Underlay } from './link/underlay.js';
import { Machine, type MachineOptions } from './machine.js';
import { CidrSet, ServiceIPAllocator } from './ipam/ipam.js';
import { addHostGwRoutes } from './overlay/host-gw.js';
import { FlannelAgent, InMemoryLeaseStore, type LeaseStore } from './overlay/flannel.js';

export type PodNetworkMode = 'routing' | 'overlay';

export interface NetworkOptions {
  clock: Clock;
  /** seed makes random choices (statistic, ports, MACs) reproducible. */
  seed?: number;
  mode?: PodNetworkMode;
  /** podNetwork is the cluster CIDR nodes' /24s come from (default 172.17.0.0/16). */
  podNetwork?: string;
  podSubnetBits?: number;
  serviceCidr?: string;
  bridgeName?: string;
  underlay?: Underlay;
  leaseStore?: LeaseStore;
  log?: (line: string) => void;
}

export class Network {
  readonly env: NetEnv;
  readonly underlay: Underlay;
  readonly machines = new Map<string, Machine>();
  readonly mode: PodNetworkMode;
  readonly services: ServiceIPAllocator;
  readonly podNetwork: string;
  readonly agents = new Map<string, FlannelAgent>();
  readonly leaseStore: LeaseStore;
  private readonly cidrs: CidrSet;
  private macSeq = 0;

  constructor(readonly options: NetworkOptions) {
    const rng = newRng(options.seed ?? 1);
    const softirq = new SoftIRQ();
    this.env = {
      clock: options.clock,
      rng,
      softirq,
      newMac: () => {
        const n = ++this.macSeq;
        const r = Math.floor(rng() * 0xffffff);
        return ['02', '42', (r >> 16) & 255, (r >> 8) & 255, r & 255, n & 255].map((b) => (typeof b === 'string' ? b : b.toString(16).padStart(2, '0'))).join(':');
      },
      log: options.log,
    };
    this.underlay = options.underlay ?? new InMemoryUnderlay(softirq);
    this.mode = options.mode ?? 'routing';
    this.podNetwork = options.podNetwork ?? '172.17.0.0/16';
    this.cidrs = new CidrSet(this.podNetwork, options.podSubnetBits ?? 24, 1);
    this.services = new ServiceIPAllocator(options.serviceCidr ?? '10.254.0.0/16');
    this.leaseStore = options.leaseStore ?? new InMemoryLeaseStore();
    this.underlay.bind?.(this);
  }

  get clock(): Clock {
    return this.env.clock;
  }

  /** addMachine plugs a machine into the underlay; nodes get a pod CIDR and cross-node routes. */
  addMachine(options: MachineOptions): Machine {
    if (this.machines.has(options.name)) throw new Error(`machine ${options.name} already exists`);
    const role = options.role ?? 'node';
    const opts: MachineOptions = { bridgeName: this.options.bridgeName, ...options, role };
    if (this.mode === 'routing' && role === 'node') {
      if (opts.podCidr) this.cidrs.occupy(opts.podCidr);
      else opts.podCidr = this.cidrs.allocateNext();
    }
    const m = new Machine(this.env, this.underlay, opts);
    this.machines.set(m.name, m);
    if (this.mode === 'routing') addHostGwRoutes(this.machines.values(), m);
    else {
      const agent = new FlannelAgent(m, { network: this.podNetwork, subnetLen: this.options.podSubnetBits, store: this.leaseStore, clock: this.clock, bridgeName: this.options.bridgeName });
      this.agents.set(m.name, agent);
      // Flannel runs on every machine (the master too) so it can reach pods; only nodes host them.
      agent.start();
    }
    this.underlay.machineAdded?.(m);
    return m;
  }

  machine(name: string): Machine | undefined {
    return this.machines.get(name);
  }

  /** namespaces lists every namespace: hosts first, then each machine's pods. */
  namespaces(): NetNamespace[] {
    const out: NetNamespace[] = [];
    for (const m of this.machines.values()) out.push(m.host, ...m.namespaces.values());
    return out;
  }

  /** namespaceOf finds the namespace that owns an address. */
  namespaceOf(ip: string): NetNamespace | undefined {
    return this.namespaces().find((ns) => ns.addresses().includes(ip));
  }

  /** settle lets queued packets and the promise jobs they wake run to completion. */
  async settle(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      await flushMicrotasks();
      if (this.env.softirq.pending() === 0) {
        await flushMicrotasks();
        if (this.env.softirq.pending() === 0) return;
      }
    }
  }
}
