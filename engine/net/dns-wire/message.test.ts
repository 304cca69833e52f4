import { describe, it, expect } from 'vitest';
import { decodeMessage, encodeMessage, newQuery, newReply, reverseName, RCODE, TYPE, type ResourceRecord } from './message.js';

describe('dns wire', () => {
  const cases: Array<{ name: string; record: ResourceRecord }> = [
    { name: 'A', record: { name: 'redis-master.default.svc.cluster.local.', type: TYPE.A, class: 1, ttl: 30, data: '10.254.0.50' } },
    { name: 'AAAA', record: { name: 'v6.example.', type: TYPE.AAAA, class: 1, ttl: 30, data: 'fd00::1' } },
    { name: 'SRV', record: { name: '_http._tcp.web.default.svc.cluster.local.', type: TYPE.SRV, class: 1, ttl: 30, data: { priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local.' } } },
    { name: 'PTR', record: { name: reverseName('10.254.0.50'), type: TYPE.PTR, class: 1, ttl: 30, data: 'web.default.svc.cluster.local.' } },
    { name: 'TXT', record: { name: 'x.', type: TYPE.TXT, class: 1, ttl: 5, data: ['a', 'bc'] } },
  ];
  it.each(cases)('round-trips a $name answer', ({ record }) => {
    const q = newQuery(0x1234, record.name, record.type);
    const reply = newReply(q);
    reply.answers.push(record);
    const back = decodeMessage(encodeMessage(reply));
    expect(back.id).toBe(0x1234);
    expect(back.flags.qr).toBe(true);
    expect(back.flags.rd).toBe(true);
    expect(back.questions).toEqual([{ name: record.name, type: record.type, class: 1 }]);
    expect(back.answers).toEqual([record]);
  });

  it('encodes a query exactly as the wire format says and compresses repeated names', () => {
    const q = encodeMessage(newQuery(1, 'a.b', TYPE.A));
    expect(Array.from(q)).toEqual([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 97, 1, 98, 0, 0, 1, 0, 1]);
    const reply = newReply(newQuery(1, 'svc.cluster.local', TYPE.A));
    reply.answers.push({ name: 'svc.cluster.local.', type: TYPE.A, class: 1, ttl: 1, data: '1.2.3.4' });
    const bytes = encodeMessage(reply);
    // The answer's name is a 2-byte pointer to offset 12.
    expect(bytes[12 + 19 + 4]).toBe(0xc0);
    expect(bytes[12 + 19 + 5]).toBe(12);
  });

  it('carries NXDOMAIN and reverse names', () => {
    const r = decodeMessage(encodeMessage(newReply(newQuery(9, 'nope.default.svc.cluster.local', TYPE.A), RCODE.NXDOMAIN)));
    expect(r.flags.rcode).toBe(RCODE.NXDOMAIN);
    expect(reverseName('10.254.0.1')).toBe('1.0.254.10.in-addr.arpa.');
  });

  it('rejects truncated input', () => {
    expect(() => decodeMessage(new Uint8Array([0, 1, 0]))).toThrow(/truncated/);
  });
});
