import { describe, it, expect } from 'vitest';
import { FakeNetwork } from '../images/testing/fake-net.js';
import { VirtualClock } from '../util/clock.js';
import { Handler } from './handler.js';
import { newKubernetes } from './kubernetes.js';
import { podResolvConf } from './pod-dns.js';
import { formatResolvConf, parseResolvConf } from './resolv-conf.js';
import { nameList, Resolver, ResolverError } from './resolver.js';
import { Server } from './server.js';
import { guestbookState } from './testing.js';
import { exchange } from './client.js';
import { decodeMessage, encodeMessage } from './wire/codec.js';
import { newQuery, newReply, Rcode, Type } from './wire/message.js';

async function podResolver(namespace: string) {
  const clock = new VirtualClock();
  const net = new FakeNetwork(clock);
  const server = new Server({ stack: net.stack('10.254.0.10'), handler: new Handler(newKubernetes(guestbookState()), { clock }) });
  await server.start();
  const conf = parseResolvConf(formatResolvConf(podResolvConf({ namespace })));
  return { resolver: new Resolver({ stack: net.stack('172.17.1.20'), clock, conf }), server, clock, net };
}

describe('pod resolv.conf and the stub resolver', () => {
  it('writes the ClusterFirst resolv.conf a kubelet writes', () => {
    expect(formatResolvConf(podResolvConf({ namespace: 'default' }))).toBe(
      'nameserver 10.254.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n',
    );
    const host = parseResolvConf('# host\nnameserver 192.168.1.1\nsearch lab.example\n');
    expect(formatResolvConf(podResolvConf({ namespace: 'web', hostResolvConf: host }))).toBe(
      'nameserver 10.254.0.10\nsearch web.svc.cluster.local svc.cluster.local cluster.local lab.example\noptions ndots:5\n',
    );
    expect(formatResolvConf(podResolvConf({ namespace: 'web', dnsPolicy: 'Default', hostResolvConf: host }))).toBe('nameserver 192.168.1.1\nsearch lab.example\n');
    expect(formatResolvConf(podResolvConf({ namespace: 'web', dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], options: [{ name: 'ndots', value: '2' }] } }))).toBe(
      'nameserver 1.1.1.1\noptions ndots:2\n',
    );
  });

  it('expands names with the search list according to ndots', () => {
    const conf = podResolvConf({ namespace: 'default' });
    expect(nameList('redis-master', conf)).toEqual([
      'redis-master.default.svc.cluster.local.',
      'redis-master.svc.cluster.local.',
      'redis-master.cluster.local.',
      'redis-master.',
    ]);
    expect(nameList('a.b.c.d.e.f', conf)[0]).toBe('a.b.c.d.e.f.');
    expect(nameList('absolute.example.', conf)).toEqual(['absolute.example.']);
  });

  it('finds redis-master from the same namespace and redis-master.other from another', async () => {
    const { resolver } = await podResolver('default');
    expect(await resolver.resolve4('redis-master')).toEqual(['10.254.0.12']);
    expect(await resolver.resolve4('redis-master.other')).toEqual(['10.254.0.99']);
    expect(await resolver.resolve4('redis-master.default.svc.cluster.local')).toEqual(['10.254.0.12']);
    const fromOther = await podResolver('other');
    expect(await fromOther.resolver.resolve4('redis-master')).toEqual(['10.254.0.99']);
    expect((await fromOther.resolver.lookup('redis-master', 1)).name).toBe('redis-master.other.svc.cluster.local.');
  });

  it('follows the CNAME of an ExternalName service to the outside name', async () => {
    const clock = new VirtualClock();
    const net = new FakeNetwork(clock);
    const upstream = net.stack('8.8.8.8').createDatagramSocket();
    await upstream.bind(53);
    upstream.on('message', (data, rinfo) => {
      const req = decodeMessage(data);
      const found = req.question[0].name === 'www.example.com.';
      const reply = { ...newReply(req, found ? Rcode.Success : Rcode.NameError), recursionAvailable: true };
      if (found) reply.answer.push({ name: 'www.example.com.', type: Type.A, class: 1, ttl: 300, data: '93.184.216.34' });
      upstream.send(encodeMessage(reply), rinfo.port, rinfo.address);
    });
    const dnsStack = net.stack('10.254.0.10');
    const forward = (req: ReturnType<typeof newQuery>) => exchange(req, { stack: dnsStack, clock, server: '8.8.8.8' });
    await new Server({ stack: dnsStack, handler: new Handler(newKubernetes(guestbookState()), { clock, forward }) }).start();
    const resolver = new Resolver({ stack: net.stack('172.17.1.20'), clock, conf: podResolvConf({ namespace: 'default' }) });
    const res = await resolver.lookup('search', Type.A);
    expect(res.answer.map((r) => [r.type, r.data])).toEqual([
      [Type.CNAME, 'www.example.com.'],
      [Type.A, '93.184.216.34'],
    ]);
    expect(await resolver.resolve4('search')).toEqual(['93.184.216.34']);
  });

  it('resolves SRV and reverse lookups', async () => {
    const { resolver } = await podResolver('default');
    expect(await resolver.resolveSrv('_redis._tcp.redis-master')).toEqual([{ name: 'redis-master.default.svc.cluster.local', port: 6379, priority: 0, weight: 100 }]);
    expect(await resolver.reverse('10.254.0.12')).toEqual(['redis-master.default.svc.cluster.local']);
  });

  it('fails with ENOTFOUND after every candidate, and ETIMEOUT when no server answers', async () => {
    const { resolver, server, clock } = await podResolver('default');
    await expect(resolver.resolve4('nothere')).rejects.toMatchObject({ code: 'ENOTFOUND', message: 'queryA ENOTFOUND nothere' });
    server.stop();
    const pending = resolver.resolve4('redis-master');
    const settled = pending.then(() => 'ok', (e: ResolverError) => e.code);
    // 4 candidates × 2 attempts × 5 s timeout, all on the virtual clock.
    for (let i = 0; i < 10; i++) await clock.advance(5000);
    expect(await settled).toBe('ETIMEOUT');
  });
});
