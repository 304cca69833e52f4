// Mirrors pkg/proxy/iptables/proxier.go: the iptables-mode proxier. syncProxyRules rewrites every
// kube-proxy chain with one iptables-restore --noflush (filter and nat tables), deletes the chains
// of services that are gone, and ensures the jumps from the built-in chains once. IPv4 only; no
// partial syncs, conntrack cleanup, health-check servers or metrics.
import type { Netfilter } from '../../net/types.js';
import { BaseProxier, type BaseProxierOptions } from '../base-proxier.js';
import { endpointString, type EndpointInfo } from '../endpoints.js';
import { externallyAccessible, usesLocalEndpoints, type ServicePortInfo } from '../service.js';
import { servicePortNameString } from '../types.js';
import { LineBuffer, makeChainLine } from '../util/iptables/line-buffer.js';
import {
  isServiceChain,
  kubeExternalServicesChain,
  kubeForwardChain,
  kubeMarkMasqChain,
  kubeNodePortsChain,
  kubePostroutingChain,
  kubeProxyFirewallChain,
  kubeServicesChain,
  serviceExternalChainName,
  serviceFirewallChainName,
  servicePortEndpointChainName,
  servicePortPolicyClusterChain,
  servicePortPolicyLocalChainName,
} from './chain-names.js';

export interface ProxierOptions extends BaseProxierOptions {
  netfilter: Netfilter;
  /** clusterCIDR is --cluster-cidr: traffic from outside it to a cluster IP is masqueraded. */
  clusterCIDR?: string;
  /** masqueradeAll is --masquerade-all: SNAT all traffic to cluster IPs. */
  masqueradeAll?: boolean;
  /** masqueradeBit is --iptables-masquerade-bit (default 14 → mark 0x4000). */
  masqueradeBit?: number;
  /** nodeIP is this node's address (used for loadBalancerSourceRanges that include it). */
  nodeIP?: string;
}

interface JumpChain {
  table: 'filter' | 'nat';
  dstChain: string;
  srcChain: string;
  comment: string;
  extraArgs: string[];
}

const ctNew = ['-m', 'conntrack', '--ctstate', 'NEW'];
/** iptablesJumpChains are the rules from built-in chains into kube-proxy's, as upstream's list. */
const iptablesJumpChains: JumpChain[] = [
  { table: 'filter', dstChain: kubeExternalServicesChain, srcChain: 'INPUT', comment: 'kubernetes externally-visible service portals', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeExternalServicesChain, srcChain: 'FORWARD', comment: 'kubernetes externally-visible service portals', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeNodePortsChain, srcChain: 'INPUT', comment: 'kubernetes health check service ports', extraArgs: [] },
  { table: 'filter', dstChain: kubeServicesChain, srcChain: 'FORWARD', comment: 'kubernetes service portals', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeServicesChain, srcChain: 'OUTPUT', comment: 'kubernetes service portals', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeForwardChain, srcChain: 'FORWARD', comment: 'kubernetes forwarding rules', extraArgs: [] },
  { table: 'filter', dstChain: kubeProxyFirewallChain, srcChain: 'INPUT', comment: 'kubernetes load balancer firewall', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeProxyFirewallChain, srcChain: 'OUTPUT', comment: 'kubernetes load balancer firewall', extraArgs: ctNew },
  { table: 'filter', dstChain: kubeProxyFirewallChain, srcChain: 'FORWARD', comment: 'kubernetes load balancer firewall', extraArgs: ctNew },
  { table: 'nat', dstChain: kubeServicesChain, srcChain: 'OUTPUT', comment: 'kubernetes service portals', extraArgs: [] },
  { table: 'nat', dstChain: kubeServicesChain, srcChain: 'PREROUTING', comment: 'kubernetes service portals', extraArgs: [] },
  { table: 'nat', dstChain: kubePostroutingChain, srcChain: 'POSTROUTING', comment: 'kubernetes postrouting rules', extraArgs: [] },
];

export class Proxier extends BaseProxier {
  private readonly netfilter: Netfilter;
  private readonly masqueradeMark: string;
  private readonly clusterCIDR: string | undefined;
  private readonly masqueradeAll: boolean;
  private readonly nodeIP: string | undefined;
  private jumpsEnsured = false;
  /** lastRestore is the text of the last successful iptables-restore. */
  lastRestore = '';

  constructor(options: ProxierOptions) {
    super(options);
    this.netfilter = options.netfilter;
    const bit = options.masqueradeBit ?? 14;
    this.masqueradeMark = `0x${(1 << bit).toString(16)}`;
    this.clusterCIDR = options.clusterCIDR;
    this.masqueradeAll = options.masqueradeAll ?? false;
    this.nodeIP = options.nodeIP;
  }

  // #region syncProxyRules
  syncProxyRules(): void {
    // Don't write partial rules before both informers have listed (upstream's isInitialized check).
    if (!this.isInitialized()) return;
    this.applyChanges();
    try {
      if (!this.jumpsEnsured) this.ensureJumpChains();
      const text = this.writeRules();
      this.netfilter.restore(text, { noflush: true });
      this.lastRestore = text;
      this.syncCount++;
    } catch (err) {
      // Upstream logs and retries on the next sync; the periodic sync picks it up.
      this.jumpsEnsured = false;
      this.onError(err);
    }
  }
  // #endregion syncProxyRules

  /** ensureJumpChains creates kube-proxy's top-level chains and the jumps into them (EnsureChain/EnsureRule). */
  private ensureJumpChains(): void {
    for (const jump of iptablesJumpChains) {
      this.netfilter.run(['-t', jump.table, '-N', jump.dstChain]);
      const args = [...jump.extraArgs, '-m', 'comment', '--comment', jump.comment, '-j', jump.dstChain];
      if (this.netfilter.run(['-t', jump.table, '-C', jump.srcChain, ...args]).code === 0) continue;
      const res = this.netfilter.run(['-t', jump.table, '-I', jump.srcChain, ...args]);
      if (res.code !== 0) throw new Error(`failed to ensure that ${jump.table} chain ${jump.srcChain} jumps to ${jump.dstChain}: ${res.stderr}`);
    }
    this.jumpsEnsured = true;
  }

  /** writeRules builds the whole iptables-restore input for the current service and endpoint maps. */
  writeRules(): string {
    const filterChains = new LineBuffer();
    const filterRules = new LineBuffer();
    const natChains = new LineBuffer();
    const natRules = new LineBuffer();
    const mark = `${this.masqueradeMark}/${this.masqueradeMark}`;

    for (const c of [kubeServicesChain, kubeExternalServicesChain, kubeForwardChain, kubeNodePortsChain, kubeProxyFirewallChain]) filterChains.writeChain(c);
    for (const c of [kubeServicesChain, kubeNodePortsChain, kubePostroutingChain, kubeMarkMasqChain]) natChains.writeChain(c);

    // Packets marked for masquerade get SNATed on the way out; the mark is cleared so a packet
    // re-entering the stack (e.g. through a bridge) is not masqueraded twice.
    natRules.write('-A', kubePostroutingChain, '-m', 'mark', '!', '--mark', mark, '-j', 'RETURN');
    natRules.write('-A', kubePostroutingChain, '-j', 'MARK', '--xor-mark', this.masqueradeMark);
    natRules.write('-A', kubePostroutingChain, '-m', 'comment', '--comment', '"kubernetes service traffic requiring SNAT"', '-j', 'MASQUERADE');
    natRules.write('-A', kubeMarkMasqChain, '-j', 'MARK', '--or-mark', this.masqueradeMark);

    const activeNatChains = new Set<string>();
    for (const key of [...this.serviceMap.keys()].sort()) {
      const svcInfo = this.serviceMap.get(key)!;
      const endpoints = (this.endpointsMap.get(key)?.endpoints ?? []).filter((ep) => ep.ready);
      this.writeServicePort(svcInfo, endpoints, { filterRules, natChains, natRules }, activeNatChains);
    }

    // Delete the chains of services and endpoints that are gone: declare (flush) then -X.
    for (const chain of this.existingNatChains()) {
      if (activeNatChains.has(chain) || !isServiceChain(chain)) continue;
      natChains.writeChain(chain);
      natRules.write('-X', chain);
    }

    // The NodePort jump must be the last rule of KUBE-SERVICES: cluster IPs are matched first.
    natRules.write('-A', kubeServicesChain, '-m', 'comment', '--comment', '"kubernetes service nodeports; NOTE: this must be the last rule in this chain"', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', kubeNodePortsChain);

    filterRules.write('-A', kubeForwardChain, '-m', 'comment', '--comment', '"kubernetes forwarding rules"', '-m', 'mark', '--mark', mark, '-j', 'ACCEPT');
    filterRules.write('-A', kubeForwardChain, '-m', 'comment', '--comment', '"kubernetes forwarding conntrack rule"', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT');

    return `*filter\n${filterChains}${filterRules}COMMIT\n*nat\n${natChains}${natRules}COMMIT\n`;
  }

  private existingNatChains(): string[] {
    const chains: string[] = [];
    for (const line of this.netfilter.save('nat').split('\n')) {
      const m = /^:(\S+)/.exec(line);
      if (m) chains.push(m[1]);
    }
    return chains;
  }

  // #region writeServicePort
  private writeServicePort(
    svcInfo: ServicePortInfo,
    allEndpoints: EndpointInfo[],
    buf: { filterRules: LineBuffer; natChains: LineBuffer; natRules: LineBuffer },
    activeNatChains: Set<string>,
  ): void {
    const { filterRules, natChains, natRules } = buf;
    const spn = svcInfo.name;
    const svcPortNameString = servicePortNameString(spn);
    const protocol = svcInfo.protocol.toLowerCase();
    const match = ['-m', protocol, '-p', protocol];
    const dport = String(svcInfo.port);

    // CategorizeEndpoints: which endpoints serve Cluster and Local traffic policies.
    const usesLocal = usesLocalEndpoints(svcInfo);
    const localEndpoints = usesLocal ? allEndpoints.filter((ep) => ep.isLocal) : [];
    const usesCluster = !svcInfo.internalPolicyLocal || (externallyAccessible(svcInfo) && !svcInfo.externalPolicyLocal);
    const clusterEndpoints = usesCluster ? allEndpoints : [];
    const reachable = new Map<string, EndpointInfo>();
    for (const ep of [...clusterEndpoints, ...localEndpoints]) reachable.set(endpointString(ep), ep);
    const allLocallyReachable = [...reachable.values()];

    const clusterPolicyChain = servicePortPolicyClusterChain(spn);
    const localPolicyChain = servicePortPolicyLocalChainName(spn);
    const internalPolicyChain = svcInfo.internalPolicyLocal ? localPolicyChain : clusterPolicyChain;
    const externalPolicyChain = svcInfo.externalPolicyLocal ? localPolicyChain : clusterPolicyChain;
    const internalEndpoints = svcInfo.internalPolicyLocal ? localEndpoints : clusterEndpoints;
    const externalEndpoints = svcInfo.externalPolicyLocal ? localEndpoints : clusterEndpoints;

    const hasEndpoints = allLocallyReachable.length > 0;
    const hasInternalEndpoints = internalEndpoints.length > 0;
    const hasExternalEndpoints = externalEndpoints.length > 0;
    const usesClusterPolicyChain = clusterEndpoints.length > 0;
    const usesLocalPolicyChain = localEndpoints.length > 0;

    const externalTrafficChain = serviceExternalChainName(spn);
    const usesExternalTrafficChain = hasEndpoints && externallyAccessible(svcInfo);
    const fwChain = serviceFirewallChainName(spn);
    const usesFWChain = hasEndpoints && svcInfo.loadBalancerVIPs.length > 0 && svcInfo.loadBalancerSourceRanges.length > 0;
    const loadBalancerTrafficChain = usesFWChain ? fwChain : externalTrafficChain;

    let internalFilterTarget = '';
    let internalFilterComment = '';
    let externalFilterTarget = '';
    let externalFilterComment = '';
    if (!hasEndpoints) {
      internalFilterTarget = externalFilterTarget = 'REJECT';
      internalFilterComment = externalFilterComment = `"${svcPortNameString} has no endpoints"`;
    } else {
      // A Local policy with no local endpoints drops rather than rejects (other nodes may serve it).
      if (!hasInternalEndpoints) [internalFilterTarget, internalFilterComment] = ['DROP', `"${svcPortNameString} has no local endpoints"`];
      if (!hasExternalEndpoints) [externalFilterTarget, externalFilterComment] = ['DROP', `"${svcPortNameString} has no local endpoints"`];
    }
    const comment = (text: string) => ['-m', 'comment', '--comment', text];

    // Capture the clusterIP.
    if (hasInternalEndpoints) {
      natRules.write('-A', kubeServicesChain, comment(`"${svcPortNameString} cluster IP"`), match, '-d', svcInfo.clusterIP, '--dport', dport, '-j', internalPolicyChain);
    } else {
      filterRules.write('-A', kubeServicesChain, comment(internalFilterComment), match, '-d', svcInfo.clusterIP, '--dport', dport, '-j', internalFilterTarget);
    }
    // Capture externalIPs.
    for (const externalIP of svcInfo.externalIPs) {
      if (hasEndpoints) natRules.write('-A', kubeServicesChain, comment(`"${svcPortNameString} external IP"`), match, '-d', externalIP, '--dport', dport, '-j', externalTrafficChain);
      if (!hasExternalEndpoints) filterRules.write('-A', kubeExternalServicesChain, comment(externalFilterComment), match, '-d', externalIP, '--dport', dport, '-j', externalFilterTarget);
    }
    // Capture load-balancer ingress.
    for (const lbip of svcInfo.loadBalancerVIPs) {
      if (hasEndpoints) natRules.write('-A', kubeServicesChain, comment(`"${svcPortNameString} loadbalancer IP"`), match, '-d', lbip, '--dport', dport, '-j', loadBalancerTrafficChain);
      if (usesFWChain) filterRules.write('-A', kubeProxyFirewallChain, comment(`"${svcPortNameString} traffic not accepted by ${fwChain}"`), match, '-d', lbip, '--dport', dport, '-j', 'DROP');
    }
    if (!hasExternalEndpoints) {
      for (const lbip of svcInfo.loadBalancerVIPs) filterRules.write('-A', kubeExternalServicesChain, comment(externalFilterComment), match, '-d', lbip, '--dport', dport, '-j', externalFilterTarget);
    }
    // Capture nodeports.
    if (svcInfo.nodePort !== 0) {
      if (hasEndpoints) natRules.write('-A', kubeNodePortsChain, comment(svcPortNameString), match, '--dport', String(svcInfo.nodePort), '-j', externalTrafficChain);
      if (!hasExternalEndpoints) filterRules.write('-A', kubeExternalServicesChain, comment(externalFilterComment), '-m', 'addrtype', '--dst-type', 'LOCAL', match, '--dport', String(svcInfo.nodePort), '-j', externalFilterTarget);
    }
    if (svcInfo.healthCheckNodePort !== 0) {
      filterRules.write('-A', kubeNodePortsChain, comment(`"${svcPortNameString} health check node port"`), '-m', 'tcp', '-p', 'tcp', '--dport', String(svcInfo.healthCheckNodePort), '-j', 'ACCEPT');
    }
    if (!hasEndpoints) return;

    // Internal traffic from outside the cluster CIDR is masqueraded so replies come back through us.
    if (hasInternalEndpoints) {
      const args = [comment(`"${svcPortNameString} cluster IP"`), match, '-d', svcInfo.clusterIP, '--dport', dport].flat();
      if (this.masqueradeAll) natRules.write('-A', internalPolicyChain, args, '-j', kubeMarkMasqChain);
      else if (this.clusterCIDR) natRules.write('-A', internalPolicyChain, args, '!', '-s', this.clusterCIDR, '-j', kubeMarkMasqChain);
    }

    if (usesExternalTrafficChain) {
      natChains.writeChain(externalTrafficChain);
      activeNatChains.add(externalTrafficChain);
      if (!svcInfo.externalPolicyLocal) {
        natRules.write('-A', externalTrafficChain, comment(`"masquerade traffic for ${svcPortNameString} external destinations"`), '-j', kubeMarkMasqChain);
      } else {
        // Local policy keeps the client IP, except for pods and the node itself, which go cluster-wide.
        if (this.clusterCIDR) natRules.write('-A', externalTrafficChain, comment(`"pod traffic for ${svcPortNameString} external destinations"`), '-s', this.clusterCIDR, '-j', clusterPolicyChain);
        natRules.write('-A', externalTrafficChain, comment(`"masquerade LOCAL traffic for ${svcPortNameString} external destinations"`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', kubeMarkMasqChain);
        natRules.write('-A', externalTrafficChain, comment(`"route LOCAL traffic for ${svcPortNameString} external destinations"`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', clusterPolicyChain);
      }
      if (hasExternalEndpoints) natRules.write('-A', externalTrafficChain, '-j', externalPolicyChain);
    }

    if (usesFWChain) {
      natChains.writeChain(fwChain);
      activeNatChains.add(fwChain);
      const args = ['-A', fwChain, comment(`"${svcPortNameString} loadbalancer IP"`)].flat();
      let allowFromNode = false;
      for (const cidr of svcInfo.loadBalancerSourceRanges) {
        natRules.write(args, '-s', cidr, '-j', externalTrafficChain);
        if (this.nodeIP && cidrContains(cidr, this.nodeIP)) allowFromNode = true;
      }
      if (allowFromNode) for (const lbip of svcInfo.loadBalancerVIPs) natRules.write(args, '-s', lbip, '-j', externalTrafficChain);
      natRules.write('-A', fwChain, comment(`"other traffic to ${svcPortNameString} will be dropped by KUBE-PROXY-FIREWALL"`));
    }

    if (usesClusterPolicyChain) {
      natChains.writeChain(clusterPolicyChain);
      activeNatChains.add(clusterPolicyChain);
      this.writeServiceToEndpointRules(natRules, svcPortNameString, svcInfo, clusterPolicyChain, clusterEndpoints);
    }
    if (usesLocalPolicyChain) {
      natChains.writeChain(localPolicyChain);
      activeNatChains.add(localPolicyChain);
      this.writeServiceToEndpointRules(natRules, svcPortNameString, svcInfo, localPolicyChain, localEndpoints);
    }

    // Per-endpoint chains: hairpin masquerade, affinity bookkeeping, DNAT.
    for (const ep of allLocallyReachable) {
      const endpointChain = servicePortEndpointChainName(spn, endpointString(ep));
      natChains.writeChain(endpointChain);
      activeNatChains.add(endpointChain);
      const args = ['-A', endpointChain, comment(svcPortNameString)].flat();
      natRules.write(args, '-s', ep.ip, '-j', kubeMarkMasqChain);
      const affinity = svcInfo.sessionAffinityType === 'ClientIP' ? ['-m', 'recent', '--name', endpointChain, '--set'] : [];
      natRules.write(args, affinity, match, '-j', 'DNAT', '--to-destination', endpointString(ep));
    }
  }
  // #endregion writeServicePort

  // #region writeServiceToEndpointRules
  private writeServiceToEndpointRules(natRules: LineBuffer, svcPortNameString: string, svcInfo: ServicePortInfo, svcChain: string, endpoints: EndpointInfo[]): void {
    const spn = svcInfo.name;
    // First write session affinity rules: a client seen recently goes back to the same endpoint.
    if (svcInfo.sessionAffinityType === 'ClientIP') {
      for (const ep of endpoints) {
        const epChain = servicePortEndpointChainName(spn, endpointString(ep));
        natRules.write('-A', svcChain, '-m', 'comment', '--comment', `"${svcPortNameString} -> ${endpointString(ep)}"`, '-m', 'recent', '--name', epChain, '--rcheck', '--seconds', String(svcInfo.stickyMaxAgeSeconds), '--reap', '-j', epChain);
      }
    }
    // Then load-balance: endpoint i of n is chosen with probability 1/(n-i), the last one always.
    endpoints.forEach((ep, i) => {
      const epChain = servicePortEndpointChainName(spn, endpointString(ep));
      const stat = i < endpoints.length - 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', probability(endpoints.length - i)] : [];
      natRules.write('-A', svcChain, '-m', 'comment', '--comment', `"${svcPortNameString} -> ${endpointString(ep)}"`, stat, '-j', epChain);
    });
  }
  // #endregion writeServiceToEndpointRules
}

/** probability prints 1/n with ten decimals, as upstream's fmt.Sprintf("%0.10f"). */
export function probability(n: number): string {
  return (1 / n).toFixed(10);
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => (acc << 8) + Number(o), 0) >>> 0;
}

/** cidrContains reports whether ip is inside cidr ("a.b.c.d/n"); invalid ranges contain nothing. */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? 32);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(base) || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((ipToInt(base) & mask) >>> 0) === ((ipToInt(ip) & mask) >>> 0);
}
