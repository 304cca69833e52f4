import { describe, it, expect } from 'vitest';
import { flushMicrotasks, VirtualClock } from '../../util/clock.js';
import { makeTestEndpoints, makeTestService, tcpPort } from '../testing/objects.js';
import { FakeNetfilter } from '../util/iptables/testing/fake.js';
import { probability, Proxier } from './proxier.js';

function newFakeProxier(extra: Partial<ConstructorParameters<typeof Proxier>[0]> = {}) {
  const clock = new VirtualClock();
  const netfilter = new FakeNetfilter();
  const proxier = new Proxier({ clock, netfilter, hostname: 'node-1', clusterCIDR: '10.0.0.0/8', minSyncPeriod: 1000, onError: (e) => { throw e; }, ...extra });
  return { clock, netfilter, proxier };
}

/** natSection returns the nat part of a restore input. */
const natSection = (text: string) => text.slice(text.indexOf('*nat'));
const filterSection = (text: string) => text.slice(0, text.indexOf('*nat'));
const dedent = (s: string) => s.replace(/^\n/, '').replace(/^\s+/gm, '');

describe('iptables Proxier.syncProxyRules', () => {
  it('writes the nat rules kube-proxy writes for a cluster IP service with two endpoints (golden)', () => {
    const { proxier, netfilter } = newFakeProxier();
    proxier.onServiceAdd(makeTestService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [tcpPort('p80', 80)] }));
    proxier.onEndpointsAdd(makeTestEndpoints('ns1', 'svc1', ['10.180.0.1', '10.180.0.2'], [{ name: 'p80', port: 80 }]));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();

    expect(natSection(proxier.lastRestore)).toBe(dedent(`
      *nat
      :KUBE-SERVICES - [0:0]
      :KUBE-NODEPORTS - [0:0]
      :KUBE-POSTROUTING - [0:0]
      :KUBE-MARK-MASQ - [0:0]
      :KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
      :KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
      :KUBE-SEP-LXVODXWDISEETFEF - [0:0]
      -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
      -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
      -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
      -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
      -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
      -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
      -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-SXIVWICOYRO3J4NJ
      -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.2:80" -j KUBE-SEP-LXVODXWDISEETFEF
      -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
      -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
      -A KUBE-SEP-LXVODXWDISEETFEF -m comment --comment ns1/svc1:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ
      -A KUBE-SEP-LXVODXWDISEETFEF -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80
      -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
      COMMIT
    `));

    // iptables-save of the nat table: built-in chains with the portal jumps, then kube-proxy's chains.
    const saved = netfilter.save('nat');
    expect(saved).toContain(':PREROUTING ACCEPT [0:0]\n');
    expect(saved).toContain('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n');
    expect(saved).toContain('-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n');
    expect(saved).toContain('-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING\n');
    expect(saved).toContain('-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.2:80" -j KUBE-SEP-LXVODXWDISEETFEF\n');
    expect(filterSection(proxier.lastRestore)).not.toContain('REJECT');
  });

  it('rejects traffic to services without endpoints in the filter table and writes no nat chains for them', () => {
    const { proxier } = newFakeProxier();
    proxier.onServiceAdd(makeTestService('ns6', 'svc6', { clusterIP: '172.30.0.46', ports: [tcpPort('p80', 80)] }));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    expect(filterSection(proxier.lastRestore)).toContain('-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT\n');
    expect(natSection(proxier.lastRestore)).not.toMatch(/KUBE-SVC-|KUBE-SEP-/);
  });

  it('routes NodePorts, external IPs and load balancer IPs through KUBE-EXT with masquerade', () => {
    const { proxier } = newFakeProxier();
    proxier.onServiceAdd(
      makeTestService('ns3', 'svc3', { type: 'LoadBalancer', clusterIP: '172.30.0.43', externalIPs: ['192.168.99.33'], ports: [tcpPort('p80', 80, { nodePort: 3003 })] }, { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } }),
    );
    proxier.onEndpointsAdd(makeTestEndpoints('ns3', 'svc3', ['10.180.0.3'], [{ name: 'p80', port: 80 }]));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    const nat = natSection(proxier.lastRestore);
    for (const line of [
      ':KUBE-EXT-X27LE4BHSL4DOUIK - [0:0]',
      '-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-X27LE4BHSL4DOUIK',
      '-A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 external IP" -m tcp -p tcp -d 192.168.99.33 --dport 80 -j KUBE-EXT-X27LE4BHSL4DOUIK',
      '-A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-EXT-X27LE4BHSL4DOUIK',
      '-A KUBE-EXT-X27LE4BHSL4DOUIK -m comment --comment "masquerade traffic for ns3/svc3:p80 external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-X27LE4BHSL4DOUIK -j KUBE-SVC-X27LE4BHSL4DOUIK',
      '-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.180.0.3:80" -j KUBE-SEP-OYPFS5VJICHGATKP',
    ]) expect(nat).toContain(line + '\n');
  });

  it('uses KUBE-SVL for externalTrafficPolicy Local and drops external traffic when no endpoint is local', () => {
    const { proxier } = newFakeProxier();
    const svc = makeTestService('ns2', 'svc2', { type: 'NodePort', clusterIP: '172.30.0.42', externalTrafficPolicy: 'Local', healthCheckNodePort: 30000, ports: [tcpPort('p80', 80, { nodePort: 3001 })] });
    proxier.onServiceAdd(svc);
    proxier.onEndpointsAdd(makeTestEndpoints('ns2', 'svc2', ['10.180.0.2'], [{ name: 'p80', port: 80 }]));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    let text = proxier.lastRestore;
    expect(text).toContain('-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP\n');
    expect(text).toContain('-A KUBE-NODEPORTS -m comment --comment "ns2/svc2:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT\n');
    expect(text).toContain('-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT\n');
    expect(text).not.toContain('KUBE-SVL-');

    // Once an endpoint runs on this node, external traffic goes to the local-only chain.
    proxier.onEndpointsUpdate(makeTestEndpoints('ns2', 'svc2', ['10.180.0.2'], [{ name: 'p80', port: 80 }]), makeTestEndpoints('ns2', 'svc2', ['10.180.0.2', { ip: '10.180.0.3', nodeName: 'node-1' }], [{ name: 'p80', port: 80 }]));
    proxier.syncProxyRules();
    text = proxier.lastRestore;
    expect(text).toContain('-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -j KUBE-SVL-GNZBNJ2PO5MGZ6GT\n');
    expect(text).toContain('-A KUBE-SVL-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 -> 10.180.0.3:80" -j KUBE-SEP-2GOKER2KF7NAANZN\n');
    expect(text).not.toContain('has no local endpoints');
  });

  it('writes ClientIP affinity with -m recent and the configured timeout', () => {
    const { proxier } = newFakeProxier();
    proxier.onServiceAdd(makeTestService('ns1', 'svc1', { clusterIP: '172.30.0.41', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } }, ports: [tcpPort('p80', 80)] }));
    proxier.onEndpointsAdd(makeTestEndpoints('ns1', 'svc1', ['10.180.0.1', '10.180.0.2'], [{ name: 'p80', port: 80 }]));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    const nat = natSection(proxier.lastRestore);
    expect(nat).toContain('-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m recent --name KUBE-SEP-SXIVWICOYRO3J4NJ --rcheck --seconds 600 --reap -j KUBE-SEP-SXIVWICOYRO3J4NJ\n');
    expect(nat).toContain('-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m recent --name KUBE-SEP-SXIVWICOYRO3J4NJ --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80\n');
  });

  it('updates rules when endpoints change and deletes the chains of removed services', () => {
    const { proxier, netfilter } = newFakeProxier();
    const svc = makeTestService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [tcpPort('p80', 80)] });
    const eps1 = makeTestEndpoints('ns1', 'svc1', ['10.180.0.1'], [{ name: 'p80', port: 80 }]);
    proxier.onServiceAdd(svc);
    proxier.onEndpointsAdd(eps1);
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    expect(netfilter.rules('nat', 'KUBE-SVC-XPGD46QRK7WJZT7O')).toHaveLength(2);

    const eps2 = makeTestEndpoints('ns1', 'svc1', ['10.180.0.1', '10.180.0.2', '10.180.0.3'], [{ name: 'p80', port: 80 }]);
    proxier.onEndpointsUpdate(eps1, eps2);
    proxier.syncProxyRules();
    expect(netfilter.rules('nat', 'KUBE-SVC-XPGD46QRK7WJZT7O').filter((r) => r.includes('-j KUBE-SEP-'))).toEqual([
      `-m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m statistic --mode random --probability ${probability(3)} -j KUBE-SEP-SXIVWICOYRO3J4NJ`,
      `-m comment --comment "ns1/svc1:p80 -> 10.180.0.2:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-LXVODXWDISEETFEF`,
      `-m comment --comment "ns1/svc1:p80 -> 10.180.0.3:80" -j KUBE-SEP-ICDUIKC33SFI6ZPR`,
    ]);
    expect(probability(3)).toBe('0.3333333333');

    proxier.onServiceDelete(svc);
    proxier.onEndpointsDelete(eps2);
    proxier.syncProxyRules();
    expect(proxier.lastRestore).toContain('-X KUBE-SVC-XPGD46QRK7WJZT7O\n');
    expect(proxier.lastRestore).toContain('-X KUBE-SEP-ICDUIKC33SFI6ZPR\n');
    expect(netfilter.save('nat')).not.toMatch(/KUBE-SVC-|KUBE-SEP-|ns1\/svc1/);
    expect(netfilter.save('filter')).not.toContain('ns1/svc1');
  });

  it('waits for both informers, then rate-limits syncs to minSyncPeriod', async () => {
    const { proxier, clock } = newFakeProxier();
    proxier.onServiceAdd(makeTestService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [tcpPort('p80', 80)] }));
    proxier.onServiceSynced();
    await flushMicrotasks();
    expect(proxier.syncCount).toBe(0);
    proxier.onEndpointsSynced();
    expect(proxier.syncCount).toBe(1);
    for (let i = 1; i <= 3; i++) proxier.onEndpointsAdd(makeTestEndpoints('ns1', 'svc1', [`10.180.0.${i}`], [{ name: 'p80', port: 80 }]));
    await flushMicrotasks();
    expect(proxier.syncCount).toBe(2);
    proxier.onEndpointsAdd(makeTestEndpoints('ns1', 'svc1', ['10.180.0.9'], [{ name: 'p80', port: 80 }]));
    await clock.advance(999);
    expect(proxier.syncCount).toBe(2);
    await clock.advance(1);
    expect(proxier.syncCount).toBe(3);
    expect(proxier.lastRestore).toContain('--to-destination 10.180.0.9:80');
  });
});
