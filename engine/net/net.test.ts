import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../util/clock.js';
import { Fib, formatRoute } from './route/fib.js';
import { CidrSet, HostLocal, ServiceIPAllocator } from './ipam/ipam.js';
import { Network } from './network.js';
import { formatEntry } from './tools/conntrack.js';
import { cidrContains, parseCIDR } from './ip/addr.js';

describe('fib', () => {
  it('picks the longest prefix, then the lowest metric', () => {
    const fib = new Fib();
    fib.add({ dst: 'default', via: '192.168.1.1', dev: 'eth0' });
    fib.add({ dst: '172.17.0.0/16', via: '192.168.1.102', dev: 'eth0' });
    fib.add({ dst: '172.17.1.0/24', dev: 'cbr0', proto: 'kernel', src: '172.17.1.1' });
    fib.add({ dst: '172.17.1.0/24', dev: 'other', metric: 10 });
    const cases: Array<[string, string]> = [
      ['8.8.8.8', 'default via 192.168.1.1 dev eth0'],
      ['172.17.9.9', '172.17.0.0/16 via 192.168.1.102 dev eth0'],
      ['172.17.1.7', '172.17.1.0/24 dev cbr0 proto kernel scope link src 172.17.1.1'],
    ];
    for (const [ip, want] of cases) expect(formatRoute(fib.lookup(ip)!)).toBe(want);
    expect(() => fib.add({ dst: '172.17.1.0/24', dev: 'x' })).toThrow('RTNETLINK answers: File exists');
  });
});

describe('ipam', () => {
  it('hands out node CIDRs, pod IPs and service IPs', () => {
    const cidrs = new CidrSet('10.244.0.0/16', 24);
    expect([cidrs.allocateNext(), cidrs.allocateNext()]).toEqual(['10.244.0.0/24', '10.244.1.0/24']);
    cidrs.release('10.244.0.0/24');
    expect(cidrs.allocateNext()).toBe('10.244.0.0/24');
    const hl = new HostLocal('172.17.1.0/29');
    expect(hl.gateway).toBe('172.17.1.1');
    const ips = ['a', 'b', 'c', 'd', 'e'].map((o) => hl.allocate(o));
    expect(ips).toEqual(['172.17.1.2', '172.17.1.3', '172.17.1.4', '172.17.1.5', '172.17.1.6']);
    expect(() => hl.allocate('f')).toThrow('no IP addresses available in range set: 172.17.1.2-172.17.1.6');
    hl.release('c');
    expect(hl.allocate('g')).toBe('172.17.1.4');
    const svc = new ServiceIPAllocator('10.254.0.0/16');
    svc.allocate('10.254.0.1');
    svc.allocate('10.254.0.10');
    expect(svc.allocateNext()).toBe('10.254.0.2');
    expect(() => svc.allocate('10.254.0.10')).toThrow('already allocated');
    expect(cidrContains('10.254.0.0/16', '10.254.3.4')).toBe(true);
    expect(parseCIDR('10.0.0.0/255.255.0.0')).toEqual({ addr: 167772160, bits: 16 });
  });
});

describe('conntrack', () => {
  it('expires entries on the virtual clock and prints them as conntrack -L', async () => {
    const clock = new VirtualClock();
    const net = new Network({ clock, seed: 2 });
    const node = net.addMachine({ name: 'node1', ip: '192.168.1.101/24' });
    const a = node.setUpPod('a');
    const b = node.setUpPod('b');
    const sock = a.netns.stack.createDatagramSocket();
    await sock.bind(5000);
    sock.send(new Uint8Array(3), 5353, b.ip);
    await net.settle();
    const [e] = a.netns.conntrack.list();
    expect(formatEntry(a.netns.conntrack, e!)).toBe(`udp      17 30 src=${a.ip} dst=${b.ip} sport=5000 dport=5353 [UNREPLIED] src=${b.ip} dst=${a.ip} sport=5353 dport=5000 mark=0 use=1`);
    await clock.advance(29_000);
    expect(a.netns.conntrack.list()).toHaveLength(1);
    await clock.advance(1_000);
    expect(a.netns.conntrack.list()).toHaveLength(0);
  });
});
