// Helpers for process-mode underlay scenarios: two Networks (as two processes would hold them)
// joined by a real transport on loopback, and small socket utilities that wait on events.
import { expect } from 'vitest';
import { VirtualClock } from '../../engine/util/clock.js';
import { Network, type PodNetworkMode } from '../../engine/net/network.js';
import { StreamUnderlay } from '../../engine/net/link/stream-underlay.js';
import { ReplicatedLeaseStore } from '../../engine/net/link/replicated-lease-store.js';
import type { Dialer } from '../../engine/net/link/duplex.js';
import { formatCIDR } from '../../engine/net/ip/addr.js';
import type { NetNamespace } from '../../engine/net/netns.js';
import type { StreamSocket } from '../../engine/net/types.js';
import { listenTcpUnderlay, tcpDialer, type UnderlayListener } from '../../engine/host/underlay-tcp.js';
import { listenHttpUnderlay, httpDialer } from '../../engine/host/underlay-http.js';

export interface Transport {
  name: string;
  listen(u: StreamUnderlay): Promise<UnderlayListener>;
  dialer(port: number): Dialer;
}

export const transports: Transport[] = [
  { name: 'tcp', listen: (u) => listenTcpUnderlay(u), dialer: (port) => tcpDialer(port) },
  { name: 'http', listen: (u) => listenHttpUnderlay(u), dialer: (port) => httpDialer(`http://127.0.0.1:${port}`) },
];

export interface Process {
  underlay: StreamUnderlay;
  net: Network;
}

export function newProcess(name: string, clock: VirtualClock, mode: PodNetworkMode): Process {
  const underlay = new StreamUnderlay({ name, clock });
  return { underlay, net: new Network({ clock, mode, underlay, leaseStore: new ReplicatedLeaseStore(underlay) }) };
}

/** twoProcesses: A listens, B dials; node1 lives in A, node2 in B, each with one pod. */
export async function twoProcesses(t: Transport, mode: PodNetworkMode) {
  const clock = new VirtualClock();
  const a = newProcess('a', clock, mode);
  const b = newProcess('b', clock, mode);
  const listener = await t.listen(a.underlay);
  const link = b.underlay.connect(t.dialer(listener.port));
  await b.underlay.ready();
  const routing = mode === 'routing';
  const n1 = a.net.addMachine({ name: 'node1', ip: '192.168.1.101/24', podCidr: routing ? '172.17.1.0/24' : undefined });
  await b.underlay.whenReachable('192.168.1.101');
  if (!routing) await until(() => b.net.leaseStore.list().length === 1); // leases are claimed first-free
  const n2 = b.net.addMachine({ name: 'node2', ip: '192.168.1.102/24', podCidr: routing ? '172.17.2.0/24' : undefined });
  await a.underlay.whenReachable('192.168.1.102');
  await until(() => n1.host.fib.list().some((r) => formatCIDR(r.dst) === n2.podCidr));
  const p1 = n1.setUpPod('p1');
  const p2 = n2.setUpPod('p2');
  return {
    clock,
    a,
    b,
    n1,
    n2,
    p1,
    p2,
    listener,
    link,
    close: async () => {
      a.underlay.close();
      b.underlay.close();
      await listener.close();
    },
  };
}

/** until polls a condition between I/O turns (no clock time passes); fails after ~5 s of real I/O. */
export async function until(cond: () => boolean, what = 'condition'): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!cond() && performance.now() < deadline) await new Promise((r) => setImmediate(r));
  expect(cond(), what).toBe(true);
}

const dec = new TextDecoder();

export function echoServer(ns: NetNamespace, port: number, prefix = ''): Promise<unknown> {
  return ns.stack.createServer((s) => s.on('data', (d) => s.write(prefix ? `${prefix}${dec.decode(d)}` : d))).listen(port);
}

export function connected(ns: NetNamespace, host: string, port: number): Promise<StreamSocket> {
  return new Promise((resolve, reject) => {
    const s = ns.stack.connect({ host, port });
    s.on('connect', () => resolve(s));
    s.on('error', reject);
  });
}

/** exchange writes msg and resolves with the next chunk the socket reads. */
export function exchange(s: StreamSocket, msg: string): Promise<string> {
  return new Promise((resolve) => {
    const on = (d: Uint8Array) => {
      s.off('data', on);
      resolve(dec.decode(d));
    };
    s.on('data', on);
    s.write(msg);
  });
}
