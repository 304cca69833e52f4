// Mirrors pkg/kubelet/network/dns/dns.go (GetPodDNS, generateSearchesForDNSClusterFirst): the
// resolv.conf the kubelet writes into a pod for each dnsPolicy. Nameservers are capped at glibc's 3,
// search paths at the kubelet's 32.
import type { PodDNSConfig } from '../api/core/v1/types.js';
import { defaultResolvOptions, type ResolvConf } from './resolv-conf.js';

export interface PodDNSInput {
  namespace: string;
  dnsPolicy?: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
  hostNetwork?: boolean;
  dnsConfig?: PodDNSConfig;
  /** clusterDNS is the kubelet's --cluster-dns (default 10.254.0.10). */
  clusterDNS?: string[];
  /** clusterDomain is the kubelet's --cluster-domain (default cluster.local). */
  clusterDomain?: string;
  /** hostResolvConf is the node's own resolv.conf (dnsPolicy Default and the fallback). */
  hostResolvConf?: ResolvConf;
}

const maxDNSSearchPaths = 32;
const maxDNSNameservers = 3;

/** podResolvConf computes a pod's resolv.conf (GetPodDNS). */
export function podResolvConf(input: PodDNSInput): ResolvConf {
  const host = input.hostResolvConf ?? { nameservers: [], searches: [], options: { ...defaultResolvOptions } };
  let policy = input.dnsPolicy ?? 'ClusterFirst';
  // ClusterFirst on the host network falls back to the node's resolver (upstream's "Default").
  if (policy === 'ClusterFirst' && input.hostNetwork) policy = 'Default';
  if (policy === 'ClusterFirstWithHostNet') policy = 'ClusterFirst';
  const clusterDomain = input.clusterDomain ?? 'cluster.local';
  let conf: ResolvConf;
  if (policy === 'None') conf = { nameservers: [], searches: [], options: { ...defaultResolvOptions } };
  else if (policy === 'Default') conf = { nameservers: [...host.nameservers], searches: [...host.searches], options: { ...host.options } };
  else {
    const searches = [`${input.namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain, ...host.searches];
    conf = { nameservers: [...(input.clusterDNS ?? ['10.254.0.10'])], searches, options: { ...defaultResolvOptions, ndots: 5 } };
  }
  const extra = input.dnsConfig;
  if (extra) {
    conf.nameservers.push(...(extra.nameservers ?? []));
    conf.searches.push(...(extra.searches ?? []));
    for (const o of extra.options ?? []) {
      const n = Number(o.value);
      if (o.name === 'ndots' || o.name === 'timeout' || o.name === 'attempts') if (Number.isFinite(n)) conf.options[o.name] = n;
    }
  }
  conf.nameservers = [...new Set(conf.nameservers)].slice(0, maxDNSNameservers);
  conf.searches = [...new Set(conf.searches)].slice(0, maxDNSSearchPaths);
  return conf;
}

