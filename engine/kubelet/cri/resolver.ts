// Mirrors what a container's libc does with /etc/hosts and /etc/resolv.conf: names in the hosts file
// first, then DNS queries to the pod's nameservers with its search list and ndots (the stub resolver
// of the dataplane's node tools).
import type { Clock } from '../../util/clock.js';
import type { FileSystem, Resolver } from '../../images/types.js';
import type { NetNamespace } from '../../net/netns.js';
import { lookupHost } from '../../net/tools/resolver.js';

/** parseResolvConf reads nameserver, search and options ndots lines. */
export function parseResolvConf(text: string): { nameservers: string[]; search: string[]; ndots: number } {
  const out = { nameservers: [] as string[], search: [] as string[], ndots: 1 };
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === 'nameserver' && rest[0]) out.nameservers.push(rest[0]);
    else if (key === 'search') out.search = rest;
    else if (key === 'options') for (const o of rest) if (o.startsWith('ndots:')) out.ndots = Number(o.slice(6));
  }
  return out;
}

/** containerResolver resolves through the container's own /etc/hosts and /etc/resolv.conf. */
export function containerResolver(fs: FileSystem, netns: NetNamespace, clock: Clock): Resolver {
  return {
    async lookup(name: string): Promise<string[]> {
      const bare = name.replace(/\.$/, '');
      try {
        for (const line of fs.readText('/etc/hosts').split('\n')) {
          const [addr, ...names] = line.trim().split(/\s+/);
          if (addr && !addr.startsWith('#') && addr.includes('.') && names.includes(bare)) return [addr];
        }
      } catch {
        // no hosts file: DNS only
      }
      let resolv = { nameservers: [] as string[], search: [] as string[], ndots: 1 };
      try {
        resolv = parseResolvConf(fs.readText('/etc/resolv.conf'));
      } catch {
        // no resolv.conf: literals and localhost only
      }
      const res = await lookupHost({ netns, clock, resolv }, name);
      if (res.addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      return res.addresses;
    },
  };
}
