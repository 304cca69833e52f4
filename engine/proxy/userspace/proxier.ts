// Mirrors pkg/proxy/userspace/proxier.go: the userspace proxier of the documents. Each service port
// gets a proxy socket on a random port of the node's host namespace; iptables "portal" rules send
// traffic for the cluster IP (and node port, external and load balancer IPs) to that socket:
// KUBE-PORTALS-CONTAINER (from PREROUTING, REDIRECT) and KUBE-PORTALS-HOST (from OUTPUT, DNAT to the
// node IP), KUBE-NODEPORT-CONTAINER / KUBE-NODEPORT-HOST for node ports. The round-robin load
// balancer picks endpoints. Rules are kept with single iptables commands, as upstream does.
import type { Netfilter, NetStack } from '../../net/types.js';
import { BaseProxier, type BaseProxierOptions } from '../base-proxier.js';
import { endpointString } from '../endpoints.js';
import type { ServicePortInfo } from '../service.js';
import { servicePortNameKey, servicePortNameString } from '../types.js';
import { newProxySocket, type ProxySocket } from './proxysocket.js';
import { LoadBalancerRR } from './roundrobin.js';

export const iptablesContainerPortalChain = 'KUBE-PORTALS-CONTAINER';
export const iptablesHostPortalChain = 'KUBE-PORTALS-HOST';
export const iptablesContainerNodePortChain = 'KUBE-NODEPORT-CONTAINER';
export const iptablesHostNodePortChain = 'KUBE-NODEPORT-HOST';
export const iptablesNonLocalNodePortChain = 'KUBE-NODEPORT-NON-LOCAL';

export interface UserspaceProxierOptions extends BaseProxierOptions {
  netfilter: Netfilter;
  /** stack is the node's host network namespace, where proxy sockets listen. */
  stack: NetStack;
  /** listenIP is --bind-address (0.0.0.0: REDIRECT portals; else DNAT to it). */
  listenIP?: string;
  /** hostIP is the node's IP, the DNAT target of from-host portals. */
  hostIP: string;
  udpIdleTimeout?: number;
}

interface ServiceState {
  info: ServicePortInfo;
  socket: ProxySocket;
  /** rules are the [table, chain, args] this service added, to delete on close. */
  rules: [string, string, string[]][];
}

export class Proxier extends BaseProxier {
  readonly loadBalancer: LoadBalancerRR;
  private readonly netfilter: Netfilter;
  private readonly stack: NetStack;
  private readonly listenIP: string;
  private readonly hostIP: string;
  private readonly udpIdleTimeout: number | undefined;
  private readonly proxied = new Map<string, ServiceState>();
  private chainsEnsured = false;

  constructor(options: UserspaceProxierOptions) {
    super(options);
    this.loadBalancer = new LoadBalancerRR(options.clock);
    this.netfilter = options.netfilter;
    this.stack = options.stack;
    this.listenIP = options.listenIP ?? '0.0.0.0';
    this.hostIP = options.hostIP;
    this.udpIdleTimeout = options.udpIdleTimeout;
  }

  /** proxyPort returns the local port of a service port's proxy socket (for tests and tracing). */
  proxyPort(namespace: string, name: string, port = '', protocol: 'TCP' | 'UDP' = 'TCP'): number | undefined {
    return this.proxied.get(servicePortNameKey({ namespace, name, port, protocol }))?.socket.listenPort;
  }

  private syncing: Promise<void> = Promise.resolve();

  /** syncProxyRules runs syncs one at a time: opening sockets is async and must not interleave. */
  syncProxyRules(): Promise<void> {
    const run = this.syncing.then(() => this.doSyncProxyRules());
    this.syncing = run;
    return run;
  }

  // #region syncProxyRules
  private async doSyncProxyRules(): Promise<void> {
    if (!this.isInitialized()) return;
    this.applyChanges();
    try {
      if (!this.chainsEnsured) this.ensureChains();
      // Close what is gone or changed (a changed service gets a new socket and new portals).
      for (const [key, state] of this.proxied) {
        const info = this.serviceMap.get(key);
        if (info && JSON.stringify(info) === JSON.stringify(state.info)) continue;
        this.closeService(key, state);
      }
      for (const [key, info] of this.serviceMap) {
        if (info.protocol === 'SCTP') continue;
        if (!this.proxied.has(key)) await this.openService(key, info);
        this.loadBalancer.newService(key, info.sessionAffinityType, info.stickyMaxAgeSeconds);
        this.loadBalancer.updateEndpoints(key, (this.endpointsMap.get(key)?.endpoints ?? []).filter((e) => e.ready).map(endpointString));
        this.loadBalancer.cleanupStaleStickySessions(key);
      }
      this.syncCount++;
    } catch (err) {
      this.onError(err);
    }
  }
  // #endregion syncProxyRules

  /** ensureChains creates the portal chains and the jumps into them (iptablesInit). */
  private ensureChains(): void {
    const jumps: [string, string, string, boolean, string[]][] = [
      ['nat', 'PREROUTING', iptablesContainerPortalChain, true, ['-m', 'comment', '--comment', 'handle ClusterIPs; NOTE: this must be before the NodePort rules']],
      ['nat', 'OUTPUT', iptablesHostPortalChain, true, ['-m', 'comment', '--comment', 'handle ClusterIPs; NOTE: this must be before the NodePort rules']],
      ['nat', 'PREROUTING', iptablesContainerNodePortChain, false, ['-m', 'addrtype', '--dst-type', 'LOCAL', '-m', 'comment', '--comment', 'handle service NodePorts; NOTE: this must be the last rule in the chain']],
      ['nat', 'OUTPUT', iptablesHostNodePortChain, false, ['-m', 'addrtype', '--dst-type', 'LOCAL', '-m', 'comment', '--comment', 'handle service NodePorts; NOTE: this must be the last rule in the chain']],
      ['filter', 'INPUT', iptablesNonLocalNodePortChain, true, ['-m', 'comment', '--comment', 'Ensure that non-local NodePort traffic can flow']],
    ];
    for (const [table, from, chain, prepend, args] of jumps) {
      this.iptables(['-t', table, '-N', chain], true);
      const rule = [...args, '-j', chain];
      if (this.netfilter.run(['-t', table, '-C', from, ...rule]).code !== 0) this.iptables(['-t', table, prepend ? '-I' : '-A', from, ...rule]);
    }
    this.chainsEnsured = true;
  }

  private iptables(argv: string[], allowFailure = false): void {
    const res = this.netfilter.run(argv);
    if (res.code !== 0 && !allowFailure) throw new Error(`iptables ${argv.join(' ')}: ${res.stderr.trim()}`);
  }

  private async openService(key: string, info: ServicePortInfo): Promise<void> {
    const socket = await newProxySocket({
      stack: this.stack,
      clock: this.clock,
      loadBalancer: this.loadBalancer,
      service: key,
      protocol: info.protocol as 'TCP' | 'UDP',
      listenIP: this.listenIP,
      udpIdleTimeout: this.udpIdleTimeout,
      onError: this.onError,
    });
    const state: ServiceState = { info, socket, rules: [] };
    this.proxied.set(key, state);
    for (const ip of [info.clusterIP, ...info.externalIPs, ...info.loadBalancerVIPs]) this.openPortal(state, ip, info.port);
    if (info.nodePort) this.openNodePort(state, info.nodePort);
  }

  private closeService(key: string, state: ServiceState): void {
    for (const [table, chain, args] of state.rules) this.iptables(['-t', table, '-D', chain, ...args], true);
    state.socket.close();
    this.proxied.delete(key);
    this.loadBalancer.deleteService(key);
  }

  private addRule(state: ServiceState, table: string, chain: string, args: string[]): void {
    this.iptables(['-t', table, '-A', chain, ...args]);
    state.rules.push([table, chain, args]);
  }

  /** commonPortalArgs mirrors iptablesCommonPortalArgs. */
  private commonPortalArgs(info: ServicePortInfo, destIP: string | undefined, destPort: number): string[] {
    const proto = info.protocol.toLowerCase();
    const args = ['-m', 'comment', '--comment', servicePortNameString(info.name), '-p', proto, '-m', proto, '--dport', String(destPort)];
    if (destIP) args.push('-d', `${destIP}/32`);
    return args;
  }

  /** redirectTarget: REDIRECT when listening on every address, else DNAT to the listen IP. */
  private containerTarget(port: number): string[] {
    return this.listenIP === '0.0.0.0' ? ['-j', 'REDIRECT', '--to-ports', String(port)] : ['-j', 'DNAT', '--to-destination', `${this.listenIP}:${port}`];
  }

  /** hostTarget: loopback has no address to REDIRECT to, so from-host traffic is DNATed to the node IP. */
  private hostTarget(port: number): string[] {
    const ip = this.listenIP === '0.0.0.0' ? this.hostIP : this.listenIP;
    return ['-j', 'DNAT', '--to-destination', `${ip}:${port}`];
  }

  private openPortal(state: ServiceState, ip: string, port: number): void {
    const proxyPort = state.socket.listenPort;
    this.addRule(state, 'nat', iptablesContainerPortalChain, [...this.commonPortalArgs(state.info, ip, port), ...this.containerTarget(proxyPort)]);
    this.addRule(state, 'nat', iptablesHostPortalChain, [...this.commonPortalArgs(state.info, ip, port), ...this.hostTarget(proxyPort)]);
  }

  private openNodePort(state: ServiceState, nodePort: number): void {
    const proxyPort = state.socket.listenPort;
    this.addRule(state, 'nat', iptablesContainerNodePortChain, [...this.commonPortalArgs(state.info, undefined, nodePort), ...this.containerTarget(proxyPort)]);
    this.addRule(state, 'nat', iptablesHostNodePortChain, [...this.commonPortalArgs(state.info, undefined, nodePort), ...this.hostTarget(proxyPort)]);
    this.addRule(state, 'filter', iptablesNonLocalNodePortChain, [...this.commonPortalArgs(state.info, undefined, proxyPort), '-m', 'state', '--state', 'NEW', '-j', 'ACCEPT']);
  }

  /** shutdown closes every proxy socket and removes their portals. */
  shutdown(): void {
    for (const [key, state] of [...this.proxied]) this.closeService(key, state);
  }
}
