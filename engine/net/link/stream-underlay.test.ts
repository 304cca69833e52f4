import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Network, type PodNetworkMode } from '../network.js';
import { formatRoute } from '../route/fib.js';
import { StreamUnderlay } from './stream-underlay.js';
import { ReplicatedLeaseStore } from './replicated-lease-store.js';
import { memoryDuplexPair } from './duplex.js';
import type { NetNamespace } from '../netns.js';
import { decodeEthernet } from './frame-codec.js';
import { hexDump } from './hex-dump.js';

const dec = new TextDecoder();

interface Proc {
  underlay: StreamUnderlay;
  net: Network;
}

function proc(name: string, clock: VirtualClock, mode: PodNetworkMode): Proc {
  const underlay = new StreamUnderlay({ name, clock, session: `${name}-1` });
  const leaseStore = new ReplicatedLeaseStore(underlay);
  return { underlay, net: new Network({ clock, mode, underlay, leaseStore }) };
}

/** link makes `dialer` dial `listener` over in-memory pipes; each redial gets a fresh pipe. */
function link(dialer: StreamUnderlay, listener: StreamUnderlay) {
  const pipes: Array<ReturnType<typeof memoryDuplexPair>> = [];
  const l = dialer.connect(async () => {
    const p = memoryDuplexPair();
    pipes.push(p);
    void listener.accept(p.a);
    return p.b;
  });
  return { link: l, pipes };
}

function echo(ns: NetNamespace, port: number): Promise<unknown> {
  return ns.stack.createServer((s) => s.on('data', (d) => s.write(`echo:${dec.decode(d)}`))).listen(port);
}

function request(ns: NetNamespace, host: string, port: number, msg: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = ns.stack.connect({ host, port });
    s.on('connect', () => s.write(msg));
    s.on('data', (d) => {
      resolve(dec.decode(d));
      s.end();
    });
    s.on('error', reject);
  });
}

/** until waits for real I/O (pipes) to make cond true; the virtual clock does not move. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 0));
  expect(cond()).toBe(true);
}

describe('StreamUnderlay over in-memory pipes', () => {
  it.each<[PodNetworkMode, string]>([
    ['routing', '172.17.2.0/24 via 192.168.1.102 dev eth0'],
    ['overlay', '172.17.2.0/24 via 172.17.2.0 dev flannel.1 onlink'],
  ])('connects a pod to a pod of another process (%s)', async (mode, route) => {
    const clock = new VirtualClock();
    const a = proc('a', clock, mode);
    const b = proc('b', clock, mode);
    link(b.underlay, a.underlay);
    await b.underlay.ready();
    const n1 = a.net.addMachine({ name: 'node1', ip: '192.168.1.101/24', podCidr: mode === 'routing' ? '172.17.1.0/24' : undefined });
    await b.underlay.whenReachable('192.168.1.101');
    // flannel leases are claimed first-free: node2 must see node1's lease before it claims its own.
    if (mode === 'overlay') await until(() => b.net.leaseStore.list().length === 1);
    const n2 = b.net.addMachine({ name: 'node2', ip: '192.168.1.102/24', podCidr: mode === 'routing' ? '172.17.2.0/24' : undefined });
    await a.underlay.whenReachable('192.168.1.102');
    await until(() => n1.host.fib.list().map(formatRoute).includes(route));
    const p1 = n1.setUpPod('p1');
    const p2 = n2.setUpPod('p2');
    await echo(p2.netns, 8080);
    await echo(p1.netns, 8081);
    expect(await request(p1.netns, p2.ip, 8080, 'hello')).toBe('echo:hello');
    expect(await request(p2.netns, p1.ip, 8081, 'back')).toBe('echo:back');
    expect(a.underlay.stats.framesOut).toBeGreaterThan(0);
    expect(b.underlay.stats.framesIn).toBeGreaterThan(0);
  });

  it('relays frames between two leaves of a star and resends what a broken pipe lost', async () => {
    const clock = new VirtualClock();
    const hub = proc('master', clock, 'routing');
    const l1 = proc('node1', clock, 'routing');
    const l2 = proc('node2', clock, 'routing');
    const c1 = link(l1.underlay, hub.underlay);
    link(l2.underlay, hub.underlay);
    await Promise.all([l1.underlay.ready(), l2.underlay.ready()]);
    hub.net.addMachine({ name: 'master', ip: '192.168.1.100/24', role: 'master' });
    const n1 = l1.net.addMachine({ name: 'node1', ip: '192.168.1.101/24', podCidr: '172.17.1.0/24' });
    const n2 = l2.net.addMachine({ name: 'node2', ip: '192.168.1.102/24', podCidr: '172.17.2.0/24' });
    await l1.underlay.whenReachable('192.168.1.102');
    await l2.underlay.whenReachable('192.168.1.101');
    await l1.underlay.whenReachable('192.168.1.100');
    const p1 = n1.setUpPod('p1');
    const p2 = n2.setUpPod('p2');
    await echo(p2.netns, 80);
    expect(await request(p1.netns, p2.ip, 80, 'via hub')).toBe('echo:via hub');
    expect(hub.underlay.stats.relayed).toBeGreaterThan(0);

    // One connection carries a stream; the pipe breaks mid-way and the link redials and resends.
    const got: string[] = [];
    const s = p1.netns.stack.connect({ host: p2.ip, port: 80 });
    await new Promise<void>((r) => s.on('connect', () => r()));
    s.on('data', (d) => got.push(dec.decode(d)));
    s.write('one');
    c1.pipes[0]!.break();
    s.write('two');
    await until(() => got.join('').includes('echo:two'));
    expect(got.join('')).toBe('echo:oneecho:two');
    expect(c1.pipes).toHaveLength(2);
    expect(c1.link.stats.connects).toBe(2);
  });

  it('forgets the machines of a peer that stays away past deadAfterMs', async () => {
    const clock = new VirtualClock();
    const a = proc('a', clock, 'routing');
    const b = proc('b', clock, 'routing');
    const c = link(b.underlay, a.underlay);
    await b.underlay.ready();
    b.net.addMachine({ name: 'node2', ip: '192.168.1.102/24', podCidr: '172.17.2.0/24' });
    const n1 = a.net.addMachine({ name: 'node1', ip: '192.168.1.101/24', podCidr: '172.17.1.0/24' });
    await a.underlay.whenReachable('192.168.1.102');
    expect(n1.eth0.reaches('192.168.1.102')).toBe(true);
    c.link.close(); // the dialer goes away for good
    await new Promise((r) => setTimeout(r, 0));
    await clock.advance(59_000);
    expect(n1.eth0.reaches('192.168.1.102')).toBe(true);
    await clock.advance(1_000);
    expect(n1.eth0.reaches('192.168.1.102')).toBe(false);
    expect(n1.host.fib.list().map(formatRoute)).not.toContain('172.17.2.0/24 via 192.168.1.102 dev eth0');
  });

  it('shows a learner the real bytes a UDP datagram became on the wire', async () => {
    const clock = new VirtualClock();
    const frames: Uint8Array[] = [];
    const a = proc('a', clock, 'routing');
    const bu = new StreamUnderlay({ name: 'b', clock, session: 'b-1', tap: (dir, f) => dir === 'in' && frames.push(f) });
    const b = { underlay: bu, net: new Network({ clock, mode: 'routing', underlay: bu }) };
    link(b.underlay, a.underlay);
    await b.underlay.ready();
    const n1 = a.net.addMachine({ name: 'node1', ip: '192.168.1.101/24', podCidr: '172.17.1.0/24' });
    const n2 = b.net.addMachine({ name: 'node2', ip: '192.168.1.102/24', podCidr: '172.17.2.0/24' });
    await a.underlay.whenReachable('192.168.1.102');
    await until(() => n1.host.fib.list().map(formatRoute).includes('172.17.2.0/24 via 192.168.1.102 dev eth0'));
    const p1 = n1.setUpPod('p1');
    const p2 = n2.setUpPod('p2');
    const got = new Promise<string>((resolve) => {
      const rx = p2.netns.stack.createDatagramSocket();
      rx.on('message', (m) => resolve(dec.decode(m)));
      void rx.bind(53);
    });
    const tx = p1.netns.stack.createDatagramSocket();
    await tx.bind(5353);
    tx.send(new TextEncoder().encode('hi'), 53, p2.ip);
    expect(await got).toBe('hi');
    const f = frames[0]!;
    expect(decodeEthernet(f).packet).toMatchObject({ src: p1.ip, dst: p2.ip, protocol: 'udp', sport: 5353, dport: 53, ttl: 63 });
    const dump = hexDump(f).split('\n');
    // dst MAC, src MAC, ethertype IPv4; then 4500, total length 30 (20 IP + 8 UDP + "hi"), DF, TTL 63, UDP (0x11).
    expect(dump[0]).toMatch(/^\t0x0000: {2}(\w{4} ){6}0800 4500 {2}/);
    expect(dump[1]).toMatch(/^\t0x0010: {2}001e \w{4} 4000 3f11 /);
    expect(dump.at(-1)).toMatch(/0035 000a \w{4} 6869 +.*hi$/);
  });
});

