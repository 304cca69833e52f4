import { describe, it, expect } from 'vitest';
import { decodeMessage, encodeMessage, FormatError } from './codec.js';
import { newQuery, newReply, Rcode, reverseName, Type, type RR } from './message.js';

describe('DNS wire codec', () => {
  it('encodes a query byte for byte as RFC 1035 lays it out', () => {
    const bytes = encodeMessage(newQuery(0x1234, 'a.b', Type.A));
    expect([...bytes]).toEqual([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, 97, 1, 98, 0, 0, 1, 0, 1]);
  });

  it('round-trips every record type it serves, compressing repeated names', () => {
    const reply = newReply(newQuery(7, 'redis-master.default.svc.cluster.local', Type.SRV), Rcode.NameError);
    reply.authoritative = true;
    const rrs: RR[] = [
      { name: 'redis-master.default.svc.cluster.local.', type: Type.A, class: 1, ttl: 5, data: '10.254.0.12' },
      { name: 'redis-master.default.svc.cluster.local.', type: Type.AAAA, class: 1, ttl: 5, data: 'fd00:0:0:0:0:0:0:1' },
      { name: '_redis._tcp.redis-master.default.svc.cluster.local.', type: Type.SRV, class: 1, ttl: 5, data: { priority: 0, weight: 100, port: 6379, target: 'redis-master.default.svc.cluster.local.' } },
      { name: '12.0.254.10.in-addr.arpa.', type: Type.PTR, class: 1, ttl: 5, data: 'redis-master.default.svc.cluster.local.' },
      { name: 'x.cluster.local.', type: Type.CNAME, class: 1, ttl: 5, data: 'example.com.' },
      { name: 'cluster.local.', type: Type.TXT, class: 1, ttl: 5, data: ['hello', 'world'] },
    ];
    reply.answer = rrs;
    reply.ns = [{ name: 'cluster.local.', type: Type.SOA, class: 1, ttl: 5, data: { ns: 'ns.dns.cluster.local.', mbox: 'hostmaster.cluster.local.', serial: 1767225600, refresh: 7200, retry: 1800, expire: 86400, minttl: 5 } }];
    const bytes = encodeMessage(reply);
    const back = decodeMessage(bytes);
    expect(back.rcode).toBe(Rcode.NameError);
    expect(back.authoritative).toBe(true);
    expect(back.response).toBe(true);
    expect(back.question).toEqual([{ name: 'redis-master.default.svc.cluster.local.', type: Type.SRV, class: 1 }]);
    expect(back.answer.map((r) => r.data)).toEqual([...rrs.slice(0, 1).map((r) => r.data), 'fd00:0:0:0:0:0:0:1', ...rrs.slice(2).map((r) => r.data)]);
    expect(back.ns).toEqual(reply.ns);
    // Compression: the long owner name is written once, later copies are 2-byte pointers.
    const text = new TextDecoder().decode(bytes);
    expect(text.split('redis-master').length - 1).toBeLessThanOrEqual(2);
  });

  it('points a reply answer at the question name and carries NXDOMAIN and reverse names', () => {
    const reply = newReply(newQuery(1, 'svc.cluster.local', Type.A));
    reply.answer.push({ name: 'svc.cluster.local.', type: Type.A, class: 1, ttl: 1, data: '1.2.3.4' });
    const bytes = encodeMessage(reply);
    // The question name starts at offset 12 (19 bytes, then type and class); the answer's owner is a pointer to it.
    expect([bytes[12 + 19 + 4], bytes[12 + 19 + 5]]).toEqual([0xc0, 12]);
    const nx = decodeMessage(encodeMessage(newReply(newQuery(9, 'nope.default.svc.cluster.local', Type.A), Rcode.NameError)));
    expect(nx.rcode).toBe(Rcode.NameError);
    expect(nx.recursionDesired).toBe(true);
    expect(reverseName('10.254.0.1')).toBe('1.0.254.10.in-addr.arpa.');
  });

  it.each([
    ['truncated header', new Uint8Array([0, 1, 0])],
    ['question past the end', new Uint8Array([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, 97])],
    ['pointer loop', new Uint8Array([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1])],
  ])('rejects %s with a FormatError', (_name, bytes) => {
    expect(() => decodeMessage(bytes)).toThrow(FormatError);
  });
});
