// Mirrors the files a pod's containers get at /etc: the kubelet's managed hosts file
// (pkg/kubelet/kubelet_pods.go managedHostsFileContent) and containerd's resolv.conf from the
// sandbox DNS config (internal/cri/server/sandbox_run.go parseDNSOptions).
import type { DNSConfig, PodSandboxConfig } from './api.js';

/** etcHosts renders the Kubernetes-managed /etc/hosts of a pod with its IP and host aliases. */
export function etcHosts(config: PodSandboxConfig, podIP: string): string {
  let out = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (podIP && !config.hostNetwork) out += `${podIP}\t${config.hostname}\n`;
  if (config.hostAliases?.length) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of config.hostAliases) out += `${a.ip}\t${a.hostnames.join('\t')}\n`;
  }
  return out;
}

/** resolvConf renders /etc/resolv.conf the way containerd writes it. */
export function resolvConf(dns: DNSConfig): string {
  let out = '';
  if (dns.searches.length) out += `search ${dns.searches.join(' ')}\n`;
  for (const s of dns.servers) out += `nameserver ${s}\n`;
  if (dns.options.length) out += `options ${dns.options.join(' ')}\n`;
  return out;
}
