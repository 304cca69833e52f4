// Mirrors pkg/kubelet/network/dns/dns.go (GetPodDNS, generateSearchesForDNSClusterFirst) and the
// resolv.conf(5) format: what the kubelet writes into a pod for each dnsPolicy, and a parser for
// the client side. Search list and nameserver limits are those of glibc (6 searches, 3 servers).
import type { PodDNSConfig } from '../api/core/v1/types.js';

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  options: { ndots: number; timeout: number; attempts: number };
}

export const defaultResolvOptions = { ndots: 1, timeout: 5, attempts: 2 };

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

/** formatResolvConf prints resolv.conf as the kubelet writes it. */
export function formatResolvConf(conf: ResolvConf): string {
  const lines = conf.nameservers.map((ns) => `nameserver ${ns}`);
  if (conf.searches.length) lines.push(`search ${conf.searches.join(' ')}`);
  const opts: string[] = [];
  if (conf.options.ndots !== defaultResolvOptions.ndots) opts.push(`ndots:${conf.options.ndots}`);
  if (conf.options.timeout !== defaultResolvOptions.timeout) opts.push(`timeout:${conf.options.timeout}`);
  if (conf.options.attempts !== defaultResolvOptions.attempts) opts.push(`attempts:${conf.options.attempts}`);
  if (opts.length) lines.push(`options ${opts.join(' ')}`);
  return lines.join('\n') + '\n';
}

/** parseResolvConf reads resolv.conf text (nameserver, search/domain, options; comments ignored). */
export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], searches: [], options: { ...defaultResolvOptions } };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (!line) continue;
    const [key, ...fields] = line.split(/\s+/);
    if (key === 'nameserver' && fields[0]) conf.nameservers.push(fields[0]);
    // The last search or domain line wins, as in glibc.
    else if (key === 'search' || key === 'domain') conf.searches = fields;
    else if (key === 'options') {
      for (const f of fields) {
        const [name, value] = f.split(':');
        if ((name === 'ndots' || name === 'timeout' || name === 'attempts') && /^\d+$/.test(value ?? '')) conf.options[name] = Math.min(Number(value), name === 'ndots' ? 15 : 30);
      }
    }
  }
  return conf;
}
