// Golden: `iptables-save -t nat` on a node after the userspace kube-proxy (the documents' design)
// synced one NodePort service with two endpoints — the portal chains redirecting to the proxy's own
// port, in the shape a 1.x node printed (iptables-save orders each rule's matches itself).
import { describe, expect, it } from 'vitest';
import { Netfilter } from '../../engine/net/netfilter/netfilter.js';
import { FakeNetwork } from '../../engine/images/testing/fake-net.js';
import { Proxier } from '../../engine/proxy/userspace/proxier.js';
import { makeTestEndpoints, makeTestService, tcpPort } from '../../engine/proxy/testing/objects.js';
import { flushMicrotasks, VirtualClock } from '../../engine/util/clock.js';

const expectedNat = (port: number) => `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-NODEPORT-CONTAINER - [0:0]
:KUBE-NODEPORT-HOST - [0:0]
:KUBE-PORTALS-CONTAINER - [0:0]
:KUBE-PORTALS-HOST - [0:0]
-A PREROUTING -m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-CONTAINER
-A PREROUTING -m addrtype --dst-type LOCAL -m comment --comment "handle service NodePorts; NOTE: this must be the last rule in the chain" -j KUBE-NODEPORT-CONTAINER
-A OUTPUT -m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-HOST
-A OUTPUT -m addrtype --dst-type LOCAL -m comment --comment "handle service NodePorts; NOTE: this must be the last rule in the chain" -j KUBE-NODEPORT-HOST
-A KUBE-NODEPORT-CONTAINER -p tcp -m comment --comment "default/redis-master" -m tcp --dport 30079 -j REDIRECT --to-ports ${port}
-A KUBE-NODEPORT-HOST -p tcp -m comment --comment "default/redis-master" -m tcp --dport 30079 -j DNAT --to-destination 192.168.1.101:${port}
-A KUBE-PORTALS-CONTAINER -d 10.254.0.12/32 -p tcp -m comment --comment "default/redis-master" -m tcp --dport 6379 -j REDIRECT --to-ports ${port}
-A KUBE-PORTALS-HOST -d 10.254.0.12/32 -p tcp -m comment --comment "default/redis-master" -m tcp --dport 6379 -j DNAT --to-destination 192.168.1.101:${port}
COMMIT
`;

describe('iptables-save of the nat table after the userspace kube-proxy synced', () => {
  it('matches the portal rules of a 1.x node for a NodePort service with two endpoints', async () => {
    const clock = new VirtualClock();
    const netfilter = new Netfilter(clock);
    const node = new FakeNetwork(clock).stack('192.168.1.101');
    const proxier = new Proxier({ clock, netfilter, stack: node, hostIP: '192.168.1.101', hostname: 'node-1', onError: (e) => { throw e; } });
    proxier.onServiceAdd(makeTestService('default', 'redis-master', { clusterIP: '10.254.0.12', ports: [tcpPort('', 6379, { nodePort: 30079 })], type: 'NodePort' }));
    proxier.onEndpointsAdd(makeTestEndpoints('default', 'redis-master', ['172.17.1.5', '172.17.2.6'], [{ port: 6379 }]));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    await flushMicrotasks(100);
    const port = proxier.proxyPort('default', 'redis-master')!;
    expect(port).toBeGreaterThan(0);
    const saved = netfilter.save('nat').split('\n').filter((l) => !l.startsWith('#')).join('\n');
    expect(saved).toBe(expectedNat(port));
    proxier.shutdown();
  });
});
