// Mirrors pkg/api/v1/endpoints/util.go (RepackSubsets, SortSubsets): regroup per-pod subsets so
// each subset lists every address that offers the same set of ports, in a stable order.
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../../api/core/v1/types.js';

const addrKey = (a: EndpointAddress) => `${a.ip}/${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort) => `${p.name ?? ''}/${p.port}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
      allAddrs.set(addrKey(a), a);
      if (!entry.addrs.has(addrKey(a))) entry.addrs.set(addrKey(a), true);
    }
    for (const a of s.notReadyAddresses ?? []) {
      allAddrs.set(addrKey(a), a);
      entry.addrs.set(addrKey(a), false);
    }
  };
  for (const s of subsets) {
    if (!s.ports?.length) mapByPort(s, undefined);
    else for (const p of s.ports) mapByPort(s, p);
  }
  const byAddrSet = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, addrs } of portToAddrs.values()) {
    const key = [...addrs].map(([k, r]) => `${k}=${r}`).sort().join(',');
    let entry = byAddrSet.get(key);
    if (!entry) byAddrSet.set(key, (entry = { addrs, ports: [] }));
    if (port) entry.ports.push(port);
  }
  const out: EndpointSubset[] = [];
  for (const { addrs, ports } of byAddrSet.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of addrs) (r ? ready : notReady).push(allAddrs.get(k)!);
    const subset: EndpointSubset = {};
    if (ready.length) subset.addresses = ready.sort((a, b) => cmp(addrKey(a), addrKey(b)));
    if (notReady.length) subset.notReadyAddresses = notReady.sort((a, b) => cmp(addrKey(a), addrKey(b)));
    if (ports.length) subset.ports = ports.sort((a, b) => cmp(portKey(a), portKey(b)));
    if (subset.addresses || subset.notReadyAddresses) out.push(subset);
  }
  const first = (s: EndpointSubset) => addrKey((s.addresses ?? s.notReadyAddresses)![0]!);
  return out.sort((a, b) => cmp(first(a), first(b)));
}
