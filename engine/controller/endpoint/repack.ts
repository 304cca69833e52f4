// Mirrors pkg/api/v1/endpoints/util.go (RepackSubsets, SortSubsets): regroup per-pod subsets so
// each subset lists every address that offers the same set of ports, in a stable order.
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../../api/core/v1/types.js';

const addrKey = (a: EndpointAddress) => `${a.ip}/${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort) => `${p.name ?? ''}/${p.port}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** sortByKey sorts items by a string key computed once per item, not once per comparison. */
function sortByKey<T>(items: T[], key: (t: T) => string): T[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => cmp(a.key, b.key));
  return keyed.map((k) => k.item);
}

/** repackSubsets maps ports to the addresses offering them, then address sets to their ports. */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  // port key → (address key → ready)
  const portToAddrs = new Map<string, { port: EndpointPort | undefined; addrs: Map<string, boolean> }>();
  const mapByPort = (s: EndpointSubset, port: EndpointPort | undefined) => {
    const key = port ? portKey(port) : '<none>';
    let entry = portToAddrs.get(key);
    if (!entry) portToAddrs.set(key, (entry = { port, addrs: new Map() }));
    // Not ready always trumps ready for the same address and port.
    for (const a of s.addresses ?? []) {
      const k = addrKey(a);
      allAddrs.set(k, a);
      if (!entry.addrs.has(k)) entry.addrs.set(k, true);
    }
    for (const a of s.notReadyAddresses ?? []) {
      const k = addrKey(a);
      allAddrs.set(k, a);
      entry.addrs.set(k, false);
    }
  };
  for (const s of subsets) {
    if (!s.ports?.length) mapByPort(s, undefined);
    else for (const p of s.ports) mapByPort(s, p);
  }
  const byAddrSet = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, addrs } of portToAddrs.values()) {
    // With one port there is one address set: no need to spell it out as a key.
    const key = portToAddrs.size === 1 ? '' : [...addrs].map(([k, r]) => `${k}=${r}`).sort().join(',');
    let entry = byAddrSet.get(key);
    if (!entry) byAddrSet.set(key, (entry = { addrs, ports: [] }));
    if (port) entry.ports.push(port);
  }
  const out: EndpointSubset[] = [];
  for (const { addrs, ports } of byAddrSet.values()) {
    // Keys sort like the addresses they name: sort the keys, then look the addresses up.
    const ready: string[] = [];
    const notReady: string[] = [];
    for (const [k, r] of addrs) (r ? ready : notReady).push(k);
    const subset: EndpointSubset = {};
    if (ready.length) subset.addresses = ready.sort(cmp).map((k) => allAddrs.get(k)!);
    if (notReady.length) subset.notReadyAddresses = notReady.sort(cmp).map((k) => allAddrs.get(k)!);
    if (ports.length) subset.ports = sortByKey(ports, portKey);
    if (subset.addresses || subset.notReadyAddresses) out.push(subset);
  }
  return sortByKey(out, (s) => addrKey((s.addresses ?? s.notReadyAddresses)![0]!));
}
