// Mirrors the chain-name helpers of pkg/proxy/iptables/proxier.go (servicePortPolicyClusterChain,
// servicePortPolicyLocalChainName, serviceFirewallChainName, serviceExternalChainName,
// servicePortEndpointChainName): a fixed prefix plus 16 base32 characters of a SHA-256, because
// iptables chain names are limited to 28 characters.
import { servicePortNameString, type ServicePortName } from '../types.js';
import { hashName } from '../util/hash.js';

export const kubeServicesChain = 'KUBE-SERVICES';
export const kubeExternalServicesChain = 'KUBE-EXTERNAL-SERVICES';
export const kubeNodePortsChain = 'KUBE-NODEPORTS';
export const kubePostroutingChain = 'KUBE-POSTROUTING';
export const kubeMarkMasqChain = 'KUBE-MARK-MASQ';
export const kubeForwardChain = 'KUBE-FORWARD';
export const kubeProxyFirewallChain = 'KUBE-PROXY-FIREWALL';

/** portProtoHash hashes "ns/svc:port" + lower-case protocol. */
export function portProtoHash(spn: ServicePortName): string {
  return hashName(servicePortNameString(spn) + spn.protocol.toLowerCase());
}

export const servicePortPolicyClusterChain = (spn: ServicePortName) => `KUBE-SVC-${portProtoHash(spn)}`;
export const servicePortPolicyLocalChainName = (spn: ServicePortName) => `KUBE-SVL-${portProtoHash(spn)}`;
export const serviceFirewallChainName = (spn: ServicePortName) => `KUBE-FW-${portProtoHash(spn)}`;
export const serviceExternalChainName = (spn: ServicePortName) => `KUBE-EXT-${portProtoHash(spn)}`;

/** servicePortEndpointChainName hashes the service port, the protocol and "ip:port". */
export function servicePortEndpointChainName(spn: ServicePortName, endpoint: string): string {
  return `KUBE-SEP-${hashName(servicePortNameString(spn) + spn.protocol.toLowerCase() + endpoint)}`;
}

/** isServiceChain matches the per-service and per-endpoint chains a sync may leave stale. */
export function isServiceChain(chain: string): boolean {
  return /^KUBE-(SVC|SVL|EXT|FW|SEP)-/.test(chain);
}
