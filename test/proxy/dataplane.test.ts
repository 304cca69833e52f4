// End to end on the virtual dataplane: kube-proxy's rules in each node's netfilter carry real
// connections from pods and from outside to service IPs and NodePorts, in both proxy modes, and
// the cluster DNS answers pods over UDP sockets.
import { describe, it, expect } from 'vitest';
import { Handler } from '../../engine/dns/handler.js';
import { newKubernetes } from '../../engine/dns/kubernetes.js';
import { podResolvConf } from '../../engine/dns/pod-dns.js';
import { Resolver } from '../../engine/dns/resolver.js';
import { Server } from '../../engine/dns/server.js';
import type { NetStack } from '../../engine/net/types.js';
import { Network } from '../../engine/net/network.js';
import { Proxier as IptablesProxier } from '../../engine/proxy/iptables/proxier.js';
import { Proxier as UserspaceProxier } from '../../engine/proxy/userspace/proxier.js';
import { makeTestEndpoints, makeTestService } from '../../engine/proxy/testing/objects.js';
import type { BaseProxier } from '../../engine/proxy/base-proxier.js';
import { VirtualClock } from '../../engine/util/clock.js';

/** get connects, reads until the server closes, and returns the text (or the error code). */
async function get(net: Network, stack: NetStack, host: string, port: number): Promise<string> {
  let result: string | undefined;
  const s = stack.connect({ host, port, timeoutMs: 5000 });
  let out = '';
  s.on('data', (d) => (out += new TextDecoder().decode(d)));
  s.on('end', () => (result ??= out.trim()));
  s.on('error', (e) => (result ??= `error ${e.code}`));
  for (let i = 0; i < 100 && result === undefined; i++) {
    await net.settle();
    if (result === undefined) await (net.clock as VirtualClock).advance(100);
  }
  return result ?? 'no answer';
}

async function cluster(mode: 'iptables' | 'userspace', affinity = false) {
  const clock = new VirtualClock();
  const net = new Network({ clock, seed: 7 });
  const node1 = net.addMachine({ name: 'node-1', ip: '192.168.1.101/24' });
  const node2 = net.addMachine({ name: 'node-2', ip: '192.168.1.102/24' });
  const outside = net.addMachine({ name: 'laptop', ip: '192.168.1.50/24', role: 'master' });
  const backends = [node1.setUpPod('redis-a'), node2.setUpPod('redis-b')];
  for (const pod of backends) {
    const srv = pod.netns.stack.createServer((s) => s.end(`${pod.ip}\n`));
    await srv.listen(6379);
  }
  const client = node1.setUpPod('client');
  const proxiers: BaseProxier[] = [];
  for (const node of [node1, node2]) {
    const common = { clock, hostname: node.name, netfilter: node.host.netfilter, onError: (e: unknown) => { throw e; } };
    proxiers.push(
      mode === 'iptables'
        ? new IptablesProxier({ ...common, clusterCIDR: '172.17.0.0/16', nodeIP: node.ip })
        : new UserspaceProxier({ ...common, stack: node.host.stack, hostIP: node.ip }),
    );
  }
  const svc = makeTestService('default', 'redis-master', { type: 'NodePort', sessionAffinity: affinity ? 'ClientIP' : 'None', clusterIP: '10.254.0.12', ports: [{ port: 6379, targetPort: 6379, protocol: 'TCP', nodePort: 30079 }] });
  const eps = makeTestEndpoints('default', 'redis-master', backends.map((b) => ({ ip: b.ip })), [{ port: 6379 }]);
  for (const p of proxiers) {
    p.onServiceAdd(svc);
    p.onEndpointsAdd(eps);
    p.onServiceSynced();
    p.onEndpointsSynced();
    await p.syncProxyRules();
  }
  await net.settle();
  return { clock, net, node1, node2, outside, client, backends, proxiers };
}

describe.each(['iptables', 'userspace'] as const)('%s proxy mode on the dataplane', (mode) => {
  it('carries connections from a pod to the cluster IP to every endpoint', async () => {
    const { net, client, backends } = await cluster(mode);
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) seen.add(await get(net, client.netns.stack, '10.254.0.12', 6379));
    expect([...seen].sort()).toEqual(backends.map((b) => b.ip).sort());
  });

  it('keeps a client on one endpoint with ClientIP session affinity', async () => {
    const { net, client } = await cluster(mode, true);
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) seen.add(await get(net, client.netns.stack, '10.254.0.12', 6379));
    expect(seen.size).toBe(1);
  });

  it('carries connections from outside the cluster to the NodePort', async () => {
    const { net, outside, backends } = await cluster(mode);
    const answer = await get(net, outside.host.stack, '192.168.1.102', 30079);
    expect(backends.map((b) => b.ip)).toContain(answer);
  });
});

describe('cluster DNS on the dataplane', () => {
  it('answers a pod over UDP through the service IP', async () => {
    const { net, node1, node2, client, proxiers, clock } = await cluster('iptables');
    const dnsPod = node2.setUpPod('kube-dns');
    const k = newKubernetes({
      services: () => [makeTestService('default', 'redis-master', { clusterIP: '10.254.0.12', ports: [{ port: 6379 }] }), makeTestService('kube-system', 'kube-dns', { clusterIP: '10.254.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] })],
      endpoints: () => [],
    });
    await new Server({ stack: dnsPod.netns.stack, handler: new Handler(k, { clock }) }).start();
    const dnsSvc = makeTestService('kube-system', 'kube-dns', { clusterIP: '10.254.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] });
    for (const p of proxiers) {
      p.onServiceAdd(dnsSvc);
      p.onEndpointsAdd(makeTestEndpoints('kube-system', 'kube-dns', [dnsPod.ip], [{ name: 'dns', port: 53, protocol: 'UDP' }]));
      await p.syncProxyRules();
    }
    void node1;
    const resolver = new Resolver({ stack: client.netns.stack, clock, conf: podResolvConf({ namespace: 'default' }) });
    const answer = resolver.resolve4('redis-master');
    let result: string[] | undefined;
    void answer.then((r) => (result = r));
    for (let i = 0; i < 20 && !result; i++) {
      await net.settle();
      await clock.advance(100);
    }
    expect(result).toEqual(['10.254.0.12']);
  });
});
