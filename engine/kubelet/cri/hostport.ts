// Mirrors containernetworking/plugins plugins/meta/portmap (portmap.go, chain.go, utils.go) as
// containerd runs it with the portMappings capability, plus the kubelet's and containerd's port
// mapping conversions. Simplified: IPv4 only, TCP and UDP (no SCTP), no conditionsV4, no
// externalSetMarkChain, no route_localnet sysctl (the dataplane has no martian filter).
import type { Pod } from '../../api/core/v1/types.js';
import type { Netfilter } from '../../net/types.js';
import { tokenize } from '../../net/netfilter/tokenize.js';
import { sha512Hex } from '../../util/sha512.js';

/** PortMapping is CRI's runtime.v1.PortMapping: what the kubelet puts into a PodSandboxConfig. */
export interface PortMapping {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  containerPort: number;
  hostPort: number;
  hostIp?: string;
}

/** PodSandboxPorts is the part of a sandbox config the runtime reads for CNI's portMappings. */
export interface PodSandboxPorts {
  portMappings?: PortMapping[];
}

/** CNIPortMapping is one entry of the portMappings capability argument (runtimeConfig.portMappings). */
export interface CNIPortMapping {
  hostPort: number;
  containerPort: number;
  protocol: string;
  hostIP?: string;
}

// The top-level chains' names never change (upstream: upgrading would need manual intervention).
export const TopLevelDNATChainName = 'CNI-HOSTPORT-DNAT';
export const SetMarkChainName = 'CNI-HOSTPORT-SETMARK';
export const MarkMasqChainName = 'CNI-HOSTPORT-MASQ';
/** markMasqBit is the portmap plugin's default mark bit (0x2000), distinct from kube-proxy's 0x4000. */
const markMasqBit = 13;
const maxChainNameLength = 28;

/**
 * portMappingsOf is generatePodSandboxConfig's loop (kuberuntime_sandbox.go, with
 * kubecontainer.MakePortMappings): every declared container port, hostPort 0 included.
 */
export function portMappingsOf(pod: Pod): PortMapping[] {
  const out: PortMapping[] = [];
  for (const c of pod.spec?.containers ?? []) {
    const seen = new Set<string>();
    for (const p of c.ports ?? []) {
      const protocol = (p.protocol ?? 'TCP') as PortMapping['protocol'];
      // MakePortMappings names each mapping and drops a name seen before in the same container.
      const key = p.name ? `${c.name}-${p.name}` : `${c.name}-IPv4-${protocol}:${p.containerPort}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ protocol, containerPort: p.containerPort, hostPort: p.hostPort ?? 0, hostIp: p.hostIP ?? '' });
    }
  }
  return out;
}

/** toCNIPortMappings is containerd's conversion: only mappings with a host port reach the plugin. */
export function toCNIPortMappings(mappings: PortMapping[]): CNIPortMapping[] {
  return mappings
    .filter((m) => m.hostPort > 0 && m.protocol !== 'SCTP')
    .map((m) => ({ hostPort: m.hostPort, containerPort: m.containerPort, protocol: m.protocol.toLowerCase(), hostIP: m.hostIp || undefined }));
}

/** formatChainName names a per-container chain: "CNI-" + prefix + hex(sha512(network + id)), cut to 28. */
export function formatChainName(prefix: string, network: string, containerID: string): string {
  return `CNI-${prefix}${sha512Hex(network + containerID)}`.slice(0, maxChainNameLength);
}

/** PortMapConf is what one portmap ADD or DEL works on. */
export interface PortMapConf {
  /** network is the CNI network's name (it goes into the chain hash and the entry comment). */
  network: string;
  containerID: string;
  portMappings: CNIPortMapping[];
}

/**
 * forwardPorts is portmap's ADD: the shared SETMARK/MASQ and DNAT chains, then the container's
 * CNI-DN-… chain with a hairpin mark, a localhost mark and a DNAT rule per mapping. It returns the
 * container's chain, or undefined when there is nothing to map (the plugin then changes nothing).
 */
export function forwardPorts(ipt: Netfilter, conf: PortMapConf, containerIP: string): string | undefined {
  if (conf.portMappings.length === 0) return undefined;
  const mark = `0x${(1 << markMasqBit).toString(16)}/0x${(1 << markMasqBit).toString(16)}`;
  // The DNAT rules jump to the SETMARK chain, so the SNAT side comes first.
  setupChain(ipt, { name: SetMarkChainName, rules: [['-m', 'comment', '--comment', 'CNI portfwd masquerade mark', '-j', 'MARK', '--set-xmark', mark]] });
  setupChain(ipt, {
    name: MarkMasqChainName,
    rules: [['-m', 'mark', '--mark', mark, '-j', 'MASQUERADE']],
    entryChains: ['POSTROUTING'],
    // Prepended: the bridge plugin's own masquerade rules would otherwise catch the packets first.
    prependEntry: true,
    entryRules: [['-m', 'comment', '--comment', 'CNI portfwd requiring masquerade']],
  });
  setupChain(ipt, { name: TopLevelDNATChainName, entryChains: ['PREROUTING', 'OUTPUT'], entryRules: [['-m', 'addrtype', '--dst-type', 'LOCAL']] });

  const name = formatChainName('DN-', conf.network, conf.containerID);
  const dnat: ChainSpec = { name, entryChains: [TopLevelDNATChainName], entryRules: [], rules: [] };
  fillDnatRules(dnat, conf, containerIP);
  // A leftover chain of the same name (a retried ADD) is torn down first.
  teardownChain(ipt, dnat);
  setupChain(ipt, dnat);
  return name;
}

/** unforwardPorts is portmap's DEL: the container's chain and its entry rules go; shared chains stay. */
export function unforwardPorts(ipt: Netfilter, conf: Omit<PortMapConf, 'portMappings'>): void {
  const name = formatChainName('DN-', conf.network, conf.containerID);
  teardownChain(ipt, { name, entryChains: [TopLevelDNATChainName] });
}

/** fillDnatRules writes the multiport entry rules and, per mapping, mark-hairpin, mark-localhost, DNAT. */
function fillDnatRules(c: ChainSpec, conf: PortMapConf, containerIP: string): void {
  const comment = trimComment(`dnat name: "${conf.network}" id: "${conf.containerID}"`);
  const byProto = new Map<string, number[]>();
  for (const e of conf.portMappings) byProto.set(e.protocol, [...(byProto.get(e.protocol) ?? []), e.hostPort]);
  for (const proto of [...byProto.keys()].sort()) {
    for (const ports of splitPortList(byProto.get(proto)!)) {
      c.entryRules!.push(['-m', 'comment', '--comment', comment, '-m', 'multiport', '-p', proto, '--destination-ports', ports]);
    }
  }
  // The mark rules must come before the DNAT rule of the same port.
  for (const e of conf.portMappings) {
    const base = ['-p', e.protocol, '--dport', String(e.hostPort)];
    if (e.hostIP && e.hostIP !== '0.0.0.0') base.push('-d', e.hostIP);
    c.rules!.push([...base, '-s', containerIP, '-j', SetMarkChainName]);
    c.rules!.push([...base, '-s', '127.0.0.1', '-j', SetMarkChainName]);
    c.rules!.push([...base, '-j', 'DNAT', '--to-destination', `${containerIP}:${e.containerPort}`]);
  }
}

/** splitPortList groups ports by 15, multiport's limit. */
function splitPortList(ports: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ports.length; i += 15) out.push(ports.slice(i, i + 15).join(','));
  return out;
}

function trimComment(val: string): string {
  return val.length <= 255 ? val : `${val.slice(0, 253)}...`;
}

/** ChainSpec is chain.go's chain: its rules, and the rules in other chains that jump to it. */
interface ChainSpec {
  name: string;
  rules?: string[][];
  entryChains?: string[];
  entryRules?: string[][];
  prependEntry?: boolean;
}

/** setupChain creates the chain if needed and adds each rule and entry rule unless already there. */
function setupChain(ipt: Netfilter, c: ChainSpec): void {
  if (ipt.run(['-t', 'nat', '-S', c.name]).code !== 0) iptables(ipt, ['-t', 'nat', '-N', c.name]);
  for (const rule of c.rules ?? []) insertUnique(ipt, c.name, false, rule);
  for (const entryChain of c.entryChains ?? []) {
    for (const rule of c.entryRules ?? []) insertUnique(ipt, entryChain, c.prependEntry ?? false, [...rule, '-j', c.name]);
  }
}

/** teardownChain flushes the chain, deletes every entry-chain rule jumping to it, then the chain. */
function teardownChain(ipt: Netfilter, c: ChainSpec): void {
  if (ipt.run(['-t', 'nat', '-S', c.name]).code !== 0) return;
  iptables(ipt, ['-t', 'nat', '-F', c.name]);
  for (const entryChain of c.entryChains ?? []) {
    const listed = ipt.run(['-t', 'nat', '-S', entryChain]);
    if (listed.code !== 0) continue;
    for (const line of listed.stdout.split('\n')) {
      if (!line.startsWith('-A ') || !line.endsWith(`-j ${c.name}`)) continue;
      // "-A CHAIN rule…" → "-D CHAIN rule…"
      iptables(ipt, ['-t', 'nat', '-D', entryChain, ...tokenize(line).slice(2)]);
    }
  }
  iptables(ipt, ['-t', 'nat', '-X', c.name]);
}

function insertUnique(ipt: Netfilter, chain: string, prepend: boolean, rule: string[]): void {
  if (ipt.run(['-t', 'nat', '-C', chain, ...rule]).code === 0) return;
  iptables(ipt, prepend ? ['-t', 'nat', '-I', chain, '1', ...rule] : ['-t', 'nat', '-A', chain, ...rule]);
}

function iptables(ipt: Netfilter, argv: string[]): void {
  const res = ipt.run(argv);
  if (res.code !== 0) throw new Error(`running [/usr/sbin/iptables ${argv.join(' ')} --wait]: exit status ${res.code}: ${res.stderr.trim()}`);
}
