import { describe, it, expect } from 'vitest';
import { checksum, decodeEthernet, decodeIPv4, encodeEthernet, encodeIPv4, FrameDecodeError } from './frame-codec.js';
import { hexDump } from './hex-dump.js';
import { ipLength, type Packet } from '../packet.js';

const bytes = (s: string) => new TextEncoder().encode(s);

function pkt(p: Partial<Packet> & Pick<Packet, 'protocol'>): Packet {
  return { src: '172.17.1.2', dst: '172.17.2.3', ttl: 64, id: 7, sport: 0, dport: 0, payload: new Uint8Array(0), mark: 0, ...p };
}

const cases: Array<[string, Packet]> = [
  ['TCP SYN', pkt({ protocol: 'tcp', sport: 40000, dport: 80, tcp: { flags: { syn: true }, seq: 0xfffffff0, ack: 0, window: 65535 } })],
  ['TCP data', pkt({ protocol: 'tcp', sport: 40000, dport: 80, tcp: { flags: { ack: true, psh: true }, seq: 12, ack: 99, window: 65535 }, payload: bytes('GET / HTTP/1.1\r\n\r\n') })],
  ['TCP RST|ACK', pkt({ protocol: 'tcp', sport: 80, dport: 40000, tcp: { flags: { rst: true, ack: true }, seq: 0, ack: 1, window: 0 } })],
  ['UDP', pkt({ protocol: 'udp', sport: 5353, dport: 53, payload: bytes('query') })],
  ['ICMP echo', pkt({ protocol: 'icmp', sport: 4242, dport: 4242, icmp: { type: 8, code: 0, id: 4242, seq: 3 }, payload: new Uint8Array(56).fill(0xab) })],
  ['ICMP port unreachable', pkt({ protocol: 'icmp', icmp: { type: 3, code: 3, quoted: { src: '172.17.2.3', dst: '172.17.1.2', protocol: 'udp', sport: 5353, dport: 53 } } })],
  ['ICMP error about an echo', pkt({ protocol: 'icmp', icmp: { type: 3, code: 1, quoted: { src: '172.17.1.2', dst: '172.17.9.9', protocol: 'icmp', sport: 17, dport: 17 } } })],
  [
    'VXLAN around TCP',
    pkt({ protocol: 'udp', src: '192.168.1.101', dst: '192.168.1.102', sport: 41000, dport: 8472, inner: pkt({ protocol: 'tcp', sport: 40000, dport: 6379, tcp: { flags: { ack: true }, seq: 5, ack: 6, window: 65535 }, payload: bytes('PING\r\n') }) }),
  ],
];

describe('frame codec', () => {
  it.each(cases)('round-trips %s', (_name, p) => {
    const frame = encodeEthernet({ dstMac: '02:42:0a:0b:0c:01', srcMac: '02:42:0a:0b:0c:02', packet: p });
    const back = decodeEthernet(frame);
    expect(back.dstMac).toBe('02:42:0a:0b:0c:01');
    expect(back.srcMac).toBe('02:42:0a:0b:0c:02');
    expect(back.packet).toEqual(p);
    if (p.protocol !== 'icmp' || !p.icmp?.quoted) expect(frame.length - 14).toBe(ipLength(p));
  });

  it('lays out the IPv4 header as on the wire, checksum included', () => {
    // The worked example of RFC 1071-style header checksums: 192.168.0.1 → 192.168.0.199, UDP, 115 bytes.
    const p = pkt({ protocol: 'udp', src: '192.168.0.1', dst: '192.168.0.199', id: 0, sport: 1, dport: 2, payload: new Uint8Array(115 - 28) });
    const b = encodeIPv4(p);
    const hex = Array.from(b.subarray(0, 20), (x) => x.toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('450000730000400040' + '11b861c0a80001c0a800c7');
  });

  it('computes TCP and UDP checksums over the pseudo-header', () => {
    for (const [, p] of cases.filter(([, p]) => p.protocol !== 'icmp' && !p.inner)) {
      const b = encodeIPv4(p);
      const seg = b.subarray(20);
      const pseudo = new Uint8Array(12 + seg.length);
      pseudo.set(b.subarray(12, 20));
      pseudo[9] = b[9]!;
      pseudo[10] = seg.length >> 8;
      pseudo[11] = seg.length & 255;
      pseudo.set(seg, 12);
      expect(checksum(pseudo)).toBe(0);
    }
    const echo = encodeIPv4(cases[4]![1]);
    expect(checksum(echo.subarray(20))).toBe(0);
  });

  it('writes the VXLAN header with flag I and the VNI', () => {
    const b = encodeIPv4(cases[7]![1], 1);
    expect(Array.from(b.subarray(28, 36))).toEqual([0x08, 0, 0, 0, 0, 0, 1, 0]);
    expect([b[36 + 12], b[36 + 13]]).toEqual([0x08, 0x00]);
    expect(b[36 + 14]).toBe(0x45);
  });

  it.each([
    ['a corrupted header checksum', (b: Uint8Array) => void (b[8] = 1), 'bad IPv4 header checksum'],
    ['a truncated packet', (b: Uint8Array) => void b.fill(0, 2, 4).set([0xff, 0xff], 2), 'bad IPv4 lengths'],
    ['an IPv6 version nibble', (b: Uint8Array) => void (b[0] = 0x60), 'not an IPv4 packet'],
  ])('rejects %s', (_n, corrupt, message) => {
    const b = encodeIPv4(cases[3]![1]);
    corrupt(b);
    expect(() => decodeIPv4(b)).toThrow(FrameDecodeError);
    expect(() => decodeIPv4(b)).toThrow(message);
  });

  it('prints frames as tcpdump -XX does', () => {
    const b = encodeIPv4(cases[3]![1]);
    expect(hexDump(b).split('\n')).toEqual([
      '\t0x0000:  4500 0021 0007 4000 4011 df9d ac11 0102  E..!..@.@.......',
      '\t0x0010:  ac11 0203 14e9 0035 000d 3fa6 7175 6572  .......5..?.quer',
      '\t0x0020:  79                                       y',
    ]);
  });
});
