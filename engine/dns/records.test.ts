import { describe, it, expect } from 'vitest';
import { newKubernetes } from './kubernetes.js';
import { lookup } from './records.js';
import { guestbookState } from './testing.js';
import { Rcode, Type, rcodeNames } from './wire/message.js';

const k = newKubernetes(guestbookState(), { pods: 'insecure' });
const ask = (name: string, type: number) => lookup(k, name, type, 1767225600);
const brief = (name: string, type: number) => {
  const r = ask(name, type);
  return { rcode: rcodeNames[r.rcode], answer: r.answer.map((a) => a.data), soa: r.ns.map((n) => n.name) };
};

describe('kubernetes records', () => {
  it.each([
    ['cluster IP service', 'redis-master.default.svc.cluster.local', Type.A, { rcode: 'NOERROR', answer: ['10.254.0.12'], soa: [] }],
    ['same name, other namespace', 'redis-master.other.svc.cluster.local.', Type.A, { rcode: 'NOERROR', answer: ['10.254.0.99'], soa: [] }],
    ['case-insensitive', 'Redis-Master.Default.SVC.cluster.local', Type.A, { rcode: 'NOERROR', answer: ['10.254.0.12'], soa: [] }],
    ['headless: ready endpoints only', 'cassandra.default.svc.cluster.local', Type.A, { rcode: 'NOERROR', answer: ['172.17.1.7', '172.17.2.8'], soa: [] }],
    ['headless endpoint by hostname', 'cassandra-0.cassandra.default.svc.cluster.local', Type.A, { rcode: 'NOERROR', answer: ['172.17.1.7'], soa: [] }],
    ['headless endpoint by dashed IP', '172-17-2-8.cassandra.default.svc.cluster.local', Type.A, { rcode: 'NOERROR', answer: ['172.17.2.8'], soa: [] }],
    ['missing service', 'nope.default.svc.cluster.local', Type.A, { rcode: 'NXDOMAIN', answer: [], soa: ['cluster.local.'] }],
    ['missing namespace', 'redis-master.nons.svc.cluster.local', Type.A, { rcode: 'NXDOMAIN', answer: [], soa: ['cluster.local.'] }],
    ['not svc or pod', 'redis-master.default.cluster.local', Type.A, { rcode: 'NXDOMAIN', answer: [], soa: ['cluster.local.'] }],
    ['existing name, no AAAA (NODATA)', 'redis-master.default.svc.cluster.local', Type.AAAA, { rcode: 'NOERROR', answer: [], soa: ['cluster.local.'] }],
    ['namespace is an empty non-terminal', 'default.svc.cluster.local', Type.A, { rcode: 'NOERROR', answer: [], soa: ['cluster.local.'] }],
    ['ExternalName → CNAME', 'search.default.svc.cluster.local', Type.A, { rcode: 'NOERROR', answer: ['www.example.com.'], soa: [] }],
    ['pod A record (pods insecure)', '172-17-1-5.default.pod.cluster.local', Type.A, { rcode: 'NOERROR', answer: ['172.17.1.5'], soa: [] }],
    ['PTR of a service IP', '12.0.254.10.in-addr.arpa', Type.PTR, { rcode: 'NOERROR', answer: ['redis-master.default.svc.cluster.local.'], soa: [] }],
    ['PTR of a pod (endpoint) IP', '5.1.17.172.in-addr.arpa', Type.PTR, { rcode: 'NOERROR', answer: ['172-17-1-5.redis-master.default.svc.cluster.local.'], soa: [] }],
    ['PTR of a named endpoint', '7.1.17.172.in-addr.arpa', Type.PTR, { rcode: 'NOERROR', answer: ['cassandra-0.cassandra.default.svc.cluster.local.'], soa: [] }],
    ['PTR of an unknown IP', '1.2.3.4.in-addr.arpa', Type.PTR, { rcode: 'NXDOMAIN', answer: [], soa: ['in-addr.arpa.'] }],
  ])('%s: %s', (_case, name, type, want) => {
    expect(brief(name, type)).toEqual(want);
  });

  it('answers SRV for named ports of a cluster IP service with the service as target', () => {
    const r = ask('_redis._tcp.redis-master.default.svc.cluster.local', Type.SRV);
    expect(r.rcode).toBe(Rcode.Success);
    expect(r.answer.map((a) => a.data)).toEqual([{ priority: 0, weight: 100, port: 6379, target: 'redis-master.default.svc.cluster.local.' }]);
    expect(r.extra.map((a) => [a.name, a.data])).toEqual([['redis-master.default.svc.cluster.local.', '10.254.0.12']]);
    expect(ask('_nope._tcp.redis-master.default.svc.cluster.local', Type.SRV).rcode).toBe(Rcode.NameError);
    expect(ask('_redis._udp.redis-master.default.svc.cluster.local', Type.SRV).rcode).toBe(Rcode.NameError);
  });

  it('answers SRV for a headless service with one record per endpoint', () => {
    const r = ask('_cql._tcp.cassandra.default.svc.cluster.local', Type.SRV);
    expect(r.answer.map((a) => a.data)).toEqual([
      { priority: 0, weight: 50, port: 9042, target: 'cassandra-0.cassandra.default.svc.cluster.local.' },
      { priority: 0, weight: 50, port: 9042, target: '172-17-2-8.cassandra.default.svc.cluster.local.' },
    ]);
    expect(r.extra.map((a) => a.data)).toEqual(['172.17.1.7', '172.17.2.8']);
  });

  it('answers NXDOMAIN for pod names when pods are disabled, and marks fallthrough zones', () => {
    const off = newKubernetes(guestbookState(), { fallthrough: ['in-addr.arpa'] });
    expect(lookup(off, '172-17-1-5.default.pod.cluster.local', Type.A, 1).rcode).toBe(Rcode.NameError);
    expect(lookup(off, '1.2.3.4.in-addr.arpa', Type.PTR, 1).fallthrough).toBe(true);
    expect(lookup(off, 'nope.default.svc.cluster.local', Type.A, 1).fallthrough).toBeUndefined();
  });

  it('puts a SOA with CoreDNS values in the authority section', () => {
    const [s] = ask('nope.default.svc.cluster.local', Type.A).ns;
    expect(s).toEqual({ name: 'cluster.local.', type: Type.SOA, class: 1, ttl: 5, data: { ns: 'ns.dns.cluster.local.', mbox: 'hostmaster.cluster.local.', serial: 1767225600, refresh: 7200, retry: 1800, expire: 86400, minttl: 5 } });
  });
});
