import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Network } from '../network.js';
import { trace, formatTrace } from './trace.js';

const NAT = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.254.0.50/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination TARGET:8080
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -d 10.254.0.60/32 -j REJECT --reject-with icmp-port-unreachable
COMMIT
`;

describe.each(['routing', 'overlay'] as const)('trace (%s)', (mode) => {
  async function setup() {
    const clock = new VirtualClock();
    const net = new Network({ clock, seed: 5, mode });
    const n1 = net.addMachine({ name: 'node1', ip: '192.168.1.101/24' });
    const n2 = net.addMachine({ name: 'node2', ip: '192.168.1.102/24' });
    const server = n1.setUpPod('server');
    const client = n2.setUpPod('client');
    for (const m of [n1, n2]) m.host.netfilter.restore(NAT.replace('TARGET', server.ip));
    await server.netns.stack.createServer().listen(8080);
    return { net, n1, n2, server, client };
  }

  it('follows a service connection through DNAT to the pod, counting nothing', async () => {
    const { n2, server, client } = await setup();
    const before = n2.host.netfilter.save('nat', { counters: true });
    const t = await trace(client.netns, '10.254.0.50', 'tcp', 80);
    expect(t.verdict).toBe('delivered');
    expect(t.where).toBe('server');
    expect(t.events).toContainEqual({ kind: 'rule', ns: 'node2', table: 'nat', chain: 'KUBE-SERVICES', index: 1, rule: `-A KUBE-SERVICES -d 10.254.0.50/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination ${server.ip}:8080` });
    expect(t.events).toContainEqual({ kind: 'nat', ns: 'node2', type: 'DNAT', from: '10.254.0.50:80', to: `${server.ip}:8080` });
    if (mode === 'overlay') {
      expect(t.events.some((e) => e.kind === 'encap' && e.dev === 'flannel.1' && e.outer.includes('192.168.1.102.') && e.outer.includes('> 192.168.1.101.8472'))).toBe(true);
      expect(t.events.some((e) => e.kind === 'decap' && e.ns === 'node1')).toBe(true);
    } else {
      expect(t.events).toContainEqual(expect.objectContaining({ kind: 'route', ns: 'node2', route: '172.17.1.0/24 via 192.168.1.101 dev eth0' }));
    }
    expect(n2.host.netfilter.save('nat', { counters: true })).toBe(before);
    expect(n2.host.conntrack.list()).toEqual([]);
    const text = formatTrace(t);
    expect(text.split('\n')[0]).toBe(`trace tcp client → 10.254.0.50:80`);
    expect(text).toContain('[node2]\n');
    expect(text).toContain(`verdict: delivered in server`);
  });

  it('reports refused, rejected and unreachable', async () => {
    const { server, client } = await setup();
    expect((await trace(client.netns, server.ip, 'tcp', 9)).verdict).toBe('refused');
    const rej = await trace(client.netns, '10.254.0.60', 'tcp', 80);
    expect(rej.verdict).toBe('rejected');
    expect(rej.where).toBe('node2');
    expect((await trace(client.netns, server.ip, 'icmp')).verdict).toBe('delivered');
  });
});
