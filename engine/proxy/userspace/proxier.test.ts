import { describe, it, expect } from 'vitest';
import type { NetStack } from '../../net/types.js';
import { flushMicrotasks, VirtualClock } from '../../util/clock.js';
import { FakeNetwork } from '../../images/testing/fake-net.js';
import { makeTestEndpoints, makeTestService, tcpPort } from '../testing/objects.js';
import { FakeNetfilter } from '../util/iptables/testing/fake.js';
import { Proxier } from './proxier.js';

const settle = () => flushMicrotasks(100);

/** whoami starts a TCP server that answers every connection with its own address and closes. */
async function whoami(stack: NetStack, port: number) {
  const server = stack.createServer((s) => s.end(`${s.localAddress}\n`));
  await server.listen(port);
}

/** get opens a connection from a client and returns everything the server sent. */
async function get(stack: NetStack, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = stack.connect({ host, port });
    let out = '';
    s.on('data', (d) => (out += new TextDecoder().decode(d)));
    s.on('end', () => resolve(out.trim()));
    s.on('error', reject);
  });
}

async function setup() {
  const clock = new VirtualClock();
  const net = new FakeNetwork(clock);
  const node = net.stack('192.168.1.101');
  const client = net.stack('172.17.1.9');
  for (const ip of ['172.17.1.5', '172.17.2.6']) await whoami(net.stack(ip), 6379);
  const netfilter = new FakeNetfilter();
  const proxier = new Proxier({ clock, netfilter, stack: node, hostIP: '192.168.1.101', hostname: 'node-1', onError: (e) => { throw e; } });
  return { clock, net, node, client, netfilter, proxier };
}

const svc = (extra = {}) => makeTestService('default', 'redis-master', { clusterIP: '10.254.0.12', ports: [tcpPort('', 6379, { nodePort: 30079 })], type: 'NodePort', ...extra });
const eps = (...ips: string[]) => makeTestEndpoints('default', 'redis-master', ips, [{ port: 6379 }]);

describe('userspace Proxier', () => {
  it('opens a proxy socket per service port and writes portal rules to it', async () => {
    const { proxier, netfilter } = await setup();
    proxier.onServiceAdd(svc());
    proxier.onEndpointsAdd(eps('172.17.1.5'));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    await settle();
    const port = proxier.proxyPort('default', 'redis-master')!;
    expect(port).toBeGreaterThan(0);
    expect(netfilter.rules('nat', 'PREROUTING')).toContain('-m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-CONTAINER');
    expect(netfilter.rules('nat', 'OUTPUT')).toContain('-m addrtype --dst-type LOCAL -m comment --comment "handle service NodePorts; NOTE: this must be the last rule in the chain" -j KUBE-NODEPORT-HOST');
    expect(netfilter.rules('nat', 'KUBE-PORTALS-CONTAINER')).toEqual([`-m comment --comment default/redis-master -p tcp -m tcp --dport 6379 -d 10.254.0.12/32 -j REDIRECT --to-ports ${port}`]);
    expect(netfilter.rules('nat', 'KUBE-PORTALS-HOST')).toEqual([`-m comment --comment default/redis-master -p tcp -m tcp --dport 6379 -d 10.254.0.12/32 -j DNAT --to-destination 192.168.1.101:${port}`]);
    expect(netfilter.rules('nat', 'KUBE-NODEPORT-CONTAINER')).toEqual([`-m comment --comment default/redis-master -p tcp -m tcp --dport 30079 -j REDIRECT --to-ports ${port}`]);
    expect(netfilter.rules('nat', 'KUBE-NODEPORT-HOST')).toEqual([`-m comment --comment default/redis-master -p tcp -m tcp --dport 30079 -j DNAT --to-destination 192.168.1.101:${port}`]);
  });

  it('round-robins connections over the endpoints and copies bytes both ways', async () => {
    const { proxier, client } = await setup();
    proxier.onServiceAdd(svc());
    proxier.onEndpointsAdd(eps('172.17.1.5', '172.17.2.6'));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    await settle();
    const port = proxier.proxyPort('default', 'redis-master')!;
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await get(client, '192.168.1.101', port));
    expect(answers).toEqual(['172.17.1.5', '172.17.2.6', '172.17.1.5', '172.17.2.6', '172.17.1.5', '172.17.2.6']);
  });

  it('relays a request/response conversation in both directions', async () => {
    const { proxier, client, net } = await setup();
    const upper = net.stack('172.17.3.3').createServer((s) => s.on('data', (d) => s.write(new TextDecoder().decode(d).toUpperCase())).on('end', () => s.end()));
    await upper.listen(6379);
    proxier.onServiceAdd(svc());
    proxier.onEndpointsAdd(eps('172.17.3.3'));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    await settle();
    const s = client.connect({ host: '192.168.1.101', port: proxier.proxyPort('default', 'redis-master')! });
    let out = '';
    s.on('data', (d) => (out += new TextDecoder().decode(d)));
    const ended = new Promise<void>((r) => s.on('end', () => r()));
    s.write('ping ');
    s.end('pong');
    await ended;
    expect(out).toBe('PING PONG');
  });

  it('keeps ClientIP sessions on one endpoint until the affinity times out', async () => {
    const { proxier, client, clock } = await setup();
    proxier.onServiceAdd(svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 30 } } }));
    proxier.onEndpointsAdd(eps('172.17.1.5', '172.17.2.6'));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    await settle();
    const port = proxier.proxyPort('default', 'redis-master')!;
    const first = await get(client, '192.168.1.101', port);
    for (let i = 0; i < 4; i++) {
      await clock.advance(20_000);
      expect(await get(client, '192.168.1.101', port)).toBe(first);
    }
    await clock.advance(31_000);
    expect(await get(client, '192.168.1.101', port)).not.toBe(first);
  });

  it('follows endpoint changes and removes sockets and portals of deleted services', async () => {
    const { proxier, client, netfilter, clock } = await setup();
    const service = svc();
    proxier.onServiceAdd(service);
    proxier.onEndpointsAdd(eps('172.17.1.5'));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    await settle();
    const port = proxier.proxyPort('default', 'redis-master')!;
    expect(await get(client, '192.168.1.101', port)).toBe('172.17.1.5');
    proxier.onEndpointsUpdate(eps('172.17.1.5'), eps('172.17.2.6'));
    await clock.advance(1000);
    expect(await get(client, '192.168.1.101', port)).toBe('172.17.2.6');

    proxier.onServiceDelete(service);
    await clock.advance(1000);
    expect(proxier.proxyPort('default', 'redis-master')).toBeUndefined();
    expect(netfilter.rules('nat', 'KUBE-PORTALS-CONTAINER')).toEqual([]);
    expect(netfilter.rules('nat', 'KUBE-NODEPORT-HOST')).toEqual([]);
    await expect(get(client, '192.168.1.101', port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('proxies UDP datagrams and relays the replies', async () => {
    const { proxier, client, net } = await setup();
    const backend = net.stack('172.17.1.53').createDatagramSocket();
    await backend.bind(53);
    backend.on('message', (m, r) => backend.send(new TextEncoder().encode(`re:${new TextDecoder().decode(m)}`), r.port, r.address));
    proxier.onServiceAdd(makeTestService('kube-system', 'kube-dns', { clusterIP: '10.254.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }));
    proxier.onEndpointsAdd(makeTestEndpoints('kube-system', 'kube-dns', ['172.17.1.53'], [{ name: 'dns', port: 53, protocol: 'UDP' }]));
    proxier.onServiceSynced();
    proxier.onEndpointsSynced();
    await settle();
    const sock = client.createDatagramSocket();
    await sock.bind(0);
    const got = new Promise<string>((r) => sock.on('message', (m) => r(new TextDecoder().decode(m))));
    sock.send(new TextEncoder().encode('q1'), proxier.proxyPort('kube-system', 'kube-dns', 'dns', 'UDP')!, '192.168.1.101');
    expect(await got).toBe('re:q1');
  });
});
