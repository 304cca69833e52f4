// Golden: what `iptables-save -t nat` prints on a node after kube-proxy (iptables mode) synced one
// service with two endpoints — the shape of a real node's dump (built-in chains, then kube-proxy's
// chains in name order, matches normalised by iptables-save: "-d x/32 -p tcp -m comment …").
import { describe, it, expect } from 'vitest';
import { Netfilter } from '../../engine/net/netfilter/netfilter.js';
import { Proxier } from '../../engine/proxy/iptables/proxier.js';
import { makeTestEndpoints, makeTestService, tcpPort } from '../../engine/proxy/testing/objects.js';
import { VirtualClock } from '../../engine/util/clock.js';

const expectedNat = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-LXVODXWDISEETFEF - [0:0]
:KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
-A KUBE-SEP-LXVODXWDISEETFEF -s 10.180.0.2/32 -m comment --comment "ns1/svc1:p80" -j KUBE-MARK-MASQ
-A KUBE-SEP-LXVODXWDISEETFEF -p tcp -m comment --comment "ns1/svc1:p80" -m tcp -j DNAT --to-destination 10.180.0.2:80
-A KUBE-SEP-SXIVWICOYRO3J4NJ -s 10.180.0.1/32 -m comment --comment "ns1/svc1:p80" -j KUBE-MARK-MASQ
-A KUBE-SEP-SXIVWICOYRO3J4NJ -p tcp -m comment --comment "ns1/svc1:p80" -m tcp -j DNAT --to-destination 10.180.0.1:80
-A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-XPGD46QRK7WJZT7O ! -s 10.0.0.0/8 -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-SXIVWICOYRO3J4NJ
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.2:80" -j KUBE-SEP-LXVODXWDISEETFEF
COMMIT
`;

describe('iptables-save of the nat table after kube-proxy synced', () => {
  it('matches a real node for a cluster IP service with two endpoints', () => {
    const clock = new VirtualClock();
    const netfilter = new Netfilter(clock);
    const proxier = new Proxier({ clock, netfilter, hostname: 'node-1', clusterCIDR: '10.0.0.0/8', onError: (e) => { throw e; } });
    proxier.onServiceAdd(makeTestService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [tcpPort('p80', 80)] }));
    proxier.onEndpointsAdd(makeTestEndpoints('ns1', 'svc1', ['10.180.0.1', '10.180.0.2'], [{ name: 'p80', port: 80 }]));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    const saved = netfilter.save('nat').split('\n').filter((l) => !l.startsWith('#')).join('\n');
    expect(saved).toBe(expectedNat);

    // A second sync of the same state leaves the table byte for byte the same.
    proxier.syncProxyRules();
    expect(netfilter.save('nat').split('\n').filter((l) => !l.startsWith('#')).join('\n')).toBe(expectedNat);
  });
});
