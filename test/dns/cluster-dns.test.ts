// Scenario: the cluster DNS add-on watching a real API server (in-process transport, virtual
// clock) and serving pods over UDP; pods resolve with the resolv.conf the kubelet would write.
import { describe, it, expect } from 'vitest';
import { SharedInformerFactory } from '../../engine/client/informers/factory.js';
import { newForTransport } from '../../engine/client/kubernetes/clientset.js';
import { advanceUntil } from '../../engine/client/testing/advance.js';
import { startControlPlane } from '../../engine/controlplane/instance.js';
import { startClusterDNS } from '../../engine/dns/cluster-dns.js';
import { parseCorefile } from '../../engine/dns/options.js';
import { podResolvConf } from '../../engine/dns/pod-dns.js';
import { Resolver } from '../../engine/dns/resolver.js';
import { FakeNetwork } from '../../engine/images/testing/fake-net.js';
import { VirtualClock } from '../../engine/util/clock.js';

describe('cluster DNS against the API server', () => {
  it('answers for services created through the API, from the pod search path', async () => {
    const clock = new VirtualClock();
    const cp = await startControlPlane({ clock });
    const client = newForTransport(cp.transport);
    const ctl = new AbortController();
    const net = new FakeNetwork(clock);
    const factory = new SharedInformerFactory(client, { clock });
    const config = parseCorefile('.:53 {\n  kubernetes cluster.local in-addr.arpa {\n    pods insecure\n  }\n}\n');
    const dns = await startClusterDNS({ factory, stack: net.stack('10.254.0.10'), clock, config });
    factory.start(ctl.signal);
    await advanceUntil(clock, factory.waitForCacheSync(ctl.signal));

    const core = client.coreV1();
    await client.resource({ group: '', version: 'v1', resource: 'namespaces' }).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } } as never);
    const master = await core.services('default').create({ metadata: { name: 'redis-master', namespace: 'default' }, spec: { ports: [{ name: 'redis', port: 6379 }] } });
    const other = await core.services('other').create({ metadata: { name: 'redis-master', namespace: 'other' }, spec: { ports: [{ port: 6379 }] } });
    await core.services('default').create({ metadata: { name: 'glusterfs-cluster', namespace: 'default' }, spec: { clusterIP: 'None', ports: [{ port: 1 }] } });
    await core.endpoints('default').create({ metadata: { name: 'glusterfs-cluster', namespace: 'default' }, subsets: [{ addresses: [{ ip: '192.168.1.201' }, { ip: '192.168.1.202' }], ports: [{ port: 1 }] }] });
    await clock.advance(100);

    const resolverIn = (namespace: string) => new Resolver({ stack: net.stack(`172.17.1.${namespace.length}`), clock, conf: podResolvConf({ namespace }) });
    const fromDefault = resolverIn('default');
    expect(await fromDefault.resolve4('redis-master')).toEqual([master.spec!.clusterIP]);
    expect(await fromDefault.resolve4('redis-master.other')).toEqual([other.spec!.clusterIP]);
    expect(await resolverIn('other').resolve4('redis-master')).toEqual([other.spec!.clusterIP]);
    expect(await fromDefault.resolve4('kubernetes')).toEqual(['10.254.0.1']);
    expect((await fromDefault.resolve4('glusterfs-cluster')).sort()).toEqual(['192.168.1.201', '192.168.1.202']);
    expect(await fromDefault.resolveSrv('_redis._tcp.redis-master')).toEqual([{ name: 'redis-master.default.svc.cluster.local', port: 6379, priority: 0, weight: 100 }]);
    expect(await fromDefault.reverse(master.spec!.clusterIP!)).toEqual(['redis-master.default.svc.cluster.local']);
    await expect(fromDefault.resolve4('redis-slave')).rejects.toMatchObject({ code: 'ENOTFOUND' });

    // Deleting the service takes the name away once the watch delivers it.
    await core.services('default').delete('redis-master');
    await clock.advance(100);
    await expect(fromDefault.resolve4('redis-master.default.svc.cluster.local')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(dns.server.queries).toBeGreaterThan(8);

    dns.stop();
    ctl.abort();
    await factory.shutdown();
    await cp.close();
  });
});
