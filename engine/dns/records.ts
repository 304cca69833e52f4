// Mirrors CoreDNS plugin/kubernetes (parse.go, kubernetes.go Records/findServices, reverse.go,
// xfr-free parts of plugin/pkg/dnsutil): turns a question in a cluster zone into answers.
//   <svc>.<ns>.svc.<zone>                 A: cluster IP, or every ready endpoint of a headless service
//   <hostname>.<svc>.<ns>.svc.<zone>      A: one endpoint of a headless service
//   _<port>._<proto>.<svc>.<ns>.svc.<zone> SRV (and the plain name answers SRV for every port)
//   <a-b-c-d>.<ns>.pod.<zone>             A (pods insecure)
//   d.c.b.a.in-addr.arpa                  PTR for service and endpoint (pod) IPs
// A name that does not exist gets NXDOMAIN, a name without records of the type NOERROR/NODATA;
// both carry the zone's SOA in the authority section.
import type { EndpointAddress, Service } from '../api/core/v1/types.js';
import type { Kubernetes } from './kubernetes.js';
import { Class, Rcode, Type, fqdn, type RR, type SOAData } from './wire/message.js';

export interface LookupResult {
  rcode: number;
  answer: RR[];
  extra: RR[];
  /** ns holds the SOA for NXDOMAIN and NODATA answers. */
  ns: RR[];
  /** fallthrough: not found here, and the zone is configured to pass misses on. */
  fallthrough?: boolean;
}

const dashed = (ip: string) => ip.replace(/\./g, '-');

/** matchZone returns the plugin zone that qname falls in (longest match), if any. */
export function matchZone(k: Kubernetes, qname: string): string | undefined {
  const name = fqdn(qname);
  return k.zones.filter((z) => name === z || name.endsWith(`.${z}`)).sort((a, b) => b.length - a.length)[0];
}

/** soa builds the zone's SOA record (CoreDNS: ns.dns.<zone>, hostmaster.<zone>). */
export function soa(k: Kubernetes, zone: string, serial: number): RR {
  const data: SOAData = { ns: `ns.dns.${zone}`, mbox: `hostmaster.${zone}`, serial, refresh: 7200, retry: 1800, expire: 86400, minttl: k.ttl };
  return { name: zone, type: Type.SOA, class: Class.INET, ttl: k.ttl, data };
}

export function lookup(k: Kubernetes, qname: string, qtype: number, serial: number): LookupResult {
  const name = fqdn(qname);
  const zone = matchZone(k, name);
  if (!zone) throw new Error(`lookup: ${name} is not in a kubernetes zone`);
  const result: LookupResult = { rcode: Rcode.Success, answer: [], extra: [], ns: [] };
  const finish = (rcode: number): LookupResult => {
    result.rcode = rcode;
    if (rcode === Rcode.NameError && k.fallthrough.some((z) => name === z || name.endsWith(`.${z}`))) result.fallthrough = true;
    if (result.answer.length === 0) result.ns = [soa(k, zone, serial)];
    return result;
  };
  if (zone.endsWith('in-addr.arpa.')) return finish(reverse(k, name, qtype, result));

  const labels = name.slice(0, name.length - zone.length).replace(/\.$/, '').split('.').filter((l) => l !== '');
  if (labels.length === 0) {
    if (qtype === Type.SOA) result.answer.push(soa(k, zone, serial));
    if (qtype === Type.NS) result.answer.push({ name: zone, type: Type.NS, class: Class.INET, ttl: k.ttl, data: `ns.dns.${zone}` });
    return finish(Rcode.Success);
  }
  const kind = labels[labels.length - 1];
  const rest = labels.slice(0, -1);
  if (kind === 'pod') return finish(podRecords(k, rest, qtype, name, result));
  if (kind !== 'svc') return finish(Rcode.NameError);
  return finish(serviceRecords(k, zone, rest, qtype, name, result));
}

function rr<T extends RR>(r: T): T {
  return r;
}

function serviceRecords(k: Kubernetes, zone: string, rest: string[], qtype: number, name: string, result: LookupResult): number {
  const services = k.state.services();
  if (rest.length === 0) return Rcode.Success; // svc.<zone> is an empty non-terminal.
  const namespace = rest[rest.length - 1];
  if (rest.length === 1) return services.some((s) => s.metadata.namespace === namespace) ? Rcode.Success : Rcode.NameError;
  const svcName = rest[rest.length - 2];
  const svc = services.find((s) => s.metadata.namespace === namespace && s.metadata.name === svcName);
  if (!svc) return Rcode.NameError;
  const svcFQDN = `${svcName}.${namespace}.svc.${zone}`;
  const prefix = rest.slice(0, -2);
  const headless = svc.spec?.clusterIP === 'None';
  const addresses = headless ? readyAddresses(k, svc) : [];

  if (prefix.length === 1 && !prefix[0].startsWith('_')) {
    // <endpoint>.<svc>.<ns>.svc: one endpoint of a headless service.
    const hits = addresses.filter((a) => endpointHostname(k, a.address) === prefix[0]);
    if (!hits.length) return Rcode.NameError;
    if (qtype === Type.A || qtype === Type.ANY) for (const h of hits) result.answer.push(rr({ name, type: Type.A, class: Class.INET, ttl: k.ttl, data: h.address.ip }));
    return Rcode.Success;
  }
  let portFilter: { port: string; proto: string } | undefined;
  if (prefix.length === 2 && prefix[0].startsWith('_') && prefix[1].startsWith('_')) portFilter = { port: prefix[0].slice(1), proto: prefix[1].slice(1) };
  else if (prefix.length > 0) return Rcode.NameError;

  if (svc.spec?.type === 'ExternalName') {
    if (portFilter) return Rcode.NameError;
    if (qtype !== Type.SRV) result.answer.push(rr({ name, type: Type.CNAME, class: Class.INET, ttl: k.ttl, data: fqdn(svc.spec.externalName ?? '') }));
    return Rcode.Success;
  }
  const matches = (p: { name?: string; protocol?: string }) =>
    !portFilter || ((portFilter.port === '*' || portFilter.port === (p.name ?? '')) && (portFilter.proto === '*' || portFilter.proto === (p.protocol ?? 'TCP').toLowerCase()));

  if (qtype === Type.SRV) {
    const targets: { target: string; port: number; ip: string }[] = [];
    if (!headless) {
      for (const p of svc.spec?.ports ?? []) if (p.name && matches(p)) targets.push({ target: svcFQDN, port: p.port, ip: svc.spec?.clusterIP ?? '' });
    } else {
      for (const a of addresses) for (const p of a.ports) if (p.name && matches(p)) targets.push({ target: `${endpointHostname(k, a.address)}.${svcFQDN}`, port: p.port, ip: a.address.ip });
    }
    if (portFilter && targets.length === 0) return Rcode.NameError;
    const weight = targets.length ? Math.floor(100 / targets.length) : 0;
    const seen = new Set<string>();
    for (const t of targets) {
      result.answer.push(rr({ name, type: Type.SRV, class: Class.INET, ttl: k.ttl, data: { priority: 0, weight, port: t.port, target: t.target } }));
      if (!seen.has(t.target)) result.extra.push(rr({ name: t.target, type: Type.A, class: Class.INET, ttl: k.ttl, data: t.ip }));
      seen.add(t.target);
    }
    return Rcode.Success;
  }
  if (portFilter) {
    // An A query for a port name exists when the port does (CoreDNS answers the service address).
    const has = headless ? addresses.some((a) => a.ports.some(matches)) : (svc.spec?.ports ?? []).some(matches);
    if (!has) return Rcode.NameError;
  }
  if (qtype === Type.A || qtype === Type.ANY) {
    if (!headless) result.answer.push(rr({ name, type: Type.A, class: Class.INET, ttl: k.ttl, data: svc.spec?.clusterIP ?? '' }));
    else for (const ip of new Set(addresses.map((a) => a.address.ip))) result.answer.push(rr({ name, type: Type.A, class: Class.INET, ttl: k.ttl, data: ip }));
  }
  return Rcode.Success;
}

interface ReadyAddress {
  address: EndpointAddress;
  ports: { name?: string; port: number; protocol?: string }[];
}

function readyAddresses(k: Kubernetes, svc: Service): ReadyAddress[] {
  const eps = k.state.endpoints().find((e) => e.metadata.namespace === svc.metadata.namespace && e.metadata.name === svc.metadata.name);
  const out: ReadyAddress[] = [];
  for (const subset of eps?.subsets ?? []) {
    const addrs = [...(subset.addresses ?? []), ...(svc.spec?.publishNotReadyAddresses ? (subset.notReadyAddresses ?? []) : [])];
    for (const address of addrs) out.push({ address, ports: subset.ports ?? [] });
  }
  return out;
}

/** endpointHostname: the address's hostname, its pod's name (endpoint_pod_names) or its dashed IP. */
function endpointHostname(k: Kubernetes, a: EndpointAddress): string {
  if (a.hostname) return a.hostname;
  if (k.endpointPodNames && a.targetRef?.kind === 'Pod' && a.targetRef.name) return a.targetRef.name;
  return dashed(a.ip);
}

function podRecords(k: Kubernetes, rest: string[], qtype: number, name: string, result: LookupResult): number {
  if (k.pods === 'disabled' || rest.length !== 2) return Rcode.NameError;
  const [ipLabel, namespace] = rest;
  const ip = ipLabel.replace(/-/g, '.');
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return Rcode.NameError;
  if (k.pods === 'verified' && !(k.state.pods?.() ?? []).some((p) => p.metadata.namespace === namespace && p.status?.podIP === ip)) return Rcode.NameError;
  if (qtype === Type.A || qtype === Type.ANY) result.answer.push(rr({ name, type: Type.A, class: Class.INET, ttl: k.ttl, data: ip }));
  return Rcode.Success;
}

function reverse(k: Kubernetes, name: string, qtype: number, result: LookupResult): number {
  const labels = name.slice(0, -'.in-addr.arpa.'.length).split('.');
  if (labels.length !== 4) return Rcode.NameError;
  const ip = labels.reverse().join('.');
  const zone = k.zones.find((z) => !z.endsWith('in-addr.arpa.')) ?? 'cluster.local.';
  const targets: string[] = [];
  for (const svc of k.state.services()) {
    if (svc.spec?.clusterIP === ip || (svc.spec?.clusterIPs ?? []).includes(ip)) targets.push(`${svc.metadata.name}.${svc.metadata.namespace}.svc.${zone}`);
  }
  for (const eps of k.state.endpoints()) {
    for (const subset of eps.subsets ?? []) {
      for (const a of subset.addresses ?? []) if (a.ip === ip) targets.push(`${endpointHostname(k, a)}.${eps.metadata.name}.${eps.metadata.namespace}.svc.${zone}`);
    }
  }
  if (!targets.length && k.pods !== 'disabled') {
    for (const pod of k.state.pods?.() ?? []) if (pod.status?.podIP === ip) targets.push(`${dashed(ip)}.${pod.metadata.namespace}.pod.${zone}`);
  }
  if (!targets.length) return Rcode.NameError;
  if (qtype === Type.PTR || qtype === Type.ANY) for (const t of new Set(targets)) result.answer.push(rr({ name, type: Type.PTR, class: Class.INET, ttl: k.ttl, data: t }));
  return Rcode.Success;
}
