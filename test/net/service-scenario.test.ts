import { describe, it, expect, beforeEach } from 'vitest';
import { VirtualClock } from '../../engine/util/clock.js';
import { Network } from '../../engine/net/network.js';
import type { Machine, PodNetwork } from '../../engine/net/machine.js';
import { echoServer, call } from './helpers.js';

// A kube-proxy (iptables mode) style ruleset for:
//   default/echo     10.254.0.50:80 → 172.17.1.2:8080, 172.17.2.2:8080; NodePort 30080
//   default/nothing  10.254.0.60:80 (no endpoints: REJECT)
//   default/black    10.254.0.70:80 (DROP)
const RULES = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-ONE - [0:0]
:KUBE-SEP-TWO - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-ECHO - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -m mark --mark 0x4000/0x4000 -j MASQUERADE
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/echo:" -m tcp --dport 30080 -j KUBE-MARK-MASQ
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/echo:" -m tcp --dport 30080 -j KUBE-SVC-ECHO
-A KUBE-SERVICES -d 10.254.0.50/32 -p tcp -m comment --comment "default/echo: cluster IP" -m tcp --dport 80 -j KUBE-SVC-ECHO
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-ECHO -m comment --comment "default/echo:" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-ONE
-A KUBE-SVC-ECHO -m comment --comment "default/echo:" -j KUBE-SEP-TWO
-A KUBE-SEP-ONE -s 172.17.1.2/32 -m comment --comment "default/echo:" -j KUBE-MARK-MASQ
-A KUBE-SEP-ONE -p tcp -m comment --comment "default/echo:" -m tcp -j DNAT --to-destination 172.17.1.2:8080
-A KUBE-SEP-TWO -s 172.17.2.2/32 -m comment --comment "default/echo:" -j KUBE-MARK-MASQ
-A KUBE-SEP-TWO -p tcp -m comment --comment "default/echo:" -m tcp -j DNAT --to-destination 172.17.2.2:8080
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.254.0.60/32 -p tcp -m comment --comment "default/nothing: has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
-A KUBE-SERVICES -d 10.254.0.70/32 -p tcp -m tcp --dport 80 -j DROP
COMMIT
`;

describe.each(['routing', 'overlay'] as const)('service through iptables (%s)', (mode) => {
  let clock: VirtualClock;
  let net: Network;
  let master: Machine, node1: Machine, node2: Machine;
  let one: PodNetwork, two: PodNetwork, client: PodNetwork;

  beforeEach(async () => {
    clock = new VirtualClock();
    net = new Network({ clock, seed: 42, mode, podNetwork: '172.17.0.0/16' });
    master = net.addMachine({ name: 'master', ip: '192.168.1.100/24', role: 'master' });
    node1 = net.addMachine({ name: 'node1', ip: '192.168.1.101/24' });
    node2 = net.addMachine({ name: 'node2', ip: '192.168.1.102/24' });
    one = node1.setUpPod('one');
    two = node2.setUpPod('two');
    client = node2.setUpPod('client');
    for (const m of [master, node1, node2]) m.host.netfilter.restore(RULES);
    await echoServer(one.netns, 8080, 'one');
    await echoServer(two.netns, 8080, 'two');
  });

  it('gives pods the expected addresses', () => {
    if (mode === 'routing') {
      expect([one.ip, two.ip, client.ip]).toEqual(['172.17.1.2', '172.17.2.2', '172.17.2.3']);
    } else {
      // flannel leases subnets in machine order; the master holds 172.17.1.0/24.
      expect(one.ip).toBe('172.17.2.2');
      expect(two.ip).toBe('172.17.3.2');
    }
  });

  it('balances a cluster IP near 50/50 with un-NATed replies', async () => {
    if (mode === 'overlay') {
      // Re-point the endpoints at this mode's pod IPs.
      const text = RULES.replace(/172\.17\.[12]\.2\b/g, (ip) => (ip === '172.17.1.2' ? one.ip : two.ip));
      for (const m of [master, node1, node2]) m.host.netfilter.restore(text);
    }
    const counts: Record<string, number> = {};
    for (let i = 0; i < 200; i++) {
      const r = await call(client.netns, '10.254.0.50', 80, `hi${i}`);
      expect(r.error).toBeUndefined();
      expect(r.remote).toBe('10.254.0.50:80');
      const who = r.reply!.split(':')[0]!;
      expect(r.reply).toBe(`${who}:hi${i}`);
      counts[who] = (counts[who] ?? 0) + 1;
      await net.settle();
    }
    expect(counts.one! + counts.two!).toBe(200);
    expect(counts.one).toBeGreaterThan(75);
    expect(counts.two).toBeGreaterThan(75);
  });

  it('reaches the NodePort on every node, from the master and from a pod', async () => {
    if (mode === 'overlay') {
      const text = RULES.replace(/172\.17\.[12]\.2\b/g, (ip) => (ip === '172.17.1.2' ? one.ip : two.ip));
      for (const m of [master, node1, node2]) m.host.netfilter.restore(text);
    }
    for (const nodeIp of ['192.168.1.101', '192.168.1.102']) {
      for (const from of [master.host, client.netns]) {
        const seen = new Set<string>();
        for (let i = 0; i < 12; i++) {
          const r = await call(from, nodeIp, 30080, 'np');
          expect(r.error).toBeUndefined();
          expect(r.remote).toBe(`${nodeIp}:30080`);
          seen.add(r.reply!.split(':')[0]!);
        }
        expect([...seen].sort()).toEqual(['one', 'two']);
      }
    }
    // The NodePort connection was masqueraded: node1 sees the endpoint reply to its own address.
    const masq = node1.host.conntrack.list().find((e) => e.orig.dst === '192.168.1.101' && e.orig.src === '192.168.1.100');
    expect(masq?.snat).toBe(true);
    expect(masq?.dnat).toBe(true);
  });

  it('refuses a service without endpoints (REJECT) at once', async () => {
    const r = await call(client.netns, '10.254.0.60', 80, 'x');
    expect(r.error).toBe('ECONNREFUSED');
  });

  it('times out on DROP after the connect timeout on the virtual clock', async () => {
    let result: string | undefined;
    void call(client.netns, '10.254.0.70', 80, 'x', 20_000).then((r) => (result = r.error));
    await net.settle();
    await clock.advance(19_000);
    expect(result).toBeUndefined();
    await clock.advance(1_000);
    expect(result).toBe('ETIMEDOUT');
    // The SYN and its retransmits (at 1, 3, 7, 15 s) hit the DROP rule; none were tracked.
    const save = node2.host.netfilter.save('filter', { counters: true });
    expect(save).toContain('[5:300] -A KUBE-SERVICES -d 10.254.0.70/32 -p tcp -m tcp --dport 80 -j DROP');
    expect(node2.host.conntrack.list().some((e) => e.orig.dst === '10.254.0.70')).toBe(false);
  });

  it('records conntrack entries with the DNAT binding and counts packets in iptables-save', async () => {
    const before = node2.host.netfilter.save('filter');
    await call(client.netns, '10.254.0.50', 80, 'x');
    await net.settle();
    const e = node2.host.conntrack.list().find((c) => c.orig.dst === '10.254.0.50');
    expect(e).toBeDefined();
    expect(e!.orig.src).toBe(client.ip);
    expect([one.ip, two.ip]).toContain(e!.reply.src);
    expect(e!.reply.sport).toBe(8080);
    expect(e!.tcpState).toBe('TIME_WAIT');
    const after = node2.host.netfilter.save('filter');
    const fwd = (s: string) => Number(/:FORWARD ACCEPT \[(\d+):/.exec(s)![1]);
    expect(fwd(after)).toBeGreaterThan(fwd(before));
    const nat = node2.host.netfilter.save('nat', { counters: true });
    const sepHits = [...nat.matchAll(/\[(\d+):\d+\] -A KUBE-SEP-\w+ -p tcp .* -j DNAT/g)].map((m) => Number(m[1]));
    expect(sepHits.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
