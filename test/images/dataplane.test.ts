// Built-in images on the real dataplane (engine/net): pods on two nodes, traffic crossing the
// bridges and host-gw routes instead of the fake network.
import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../engine/util/clock.js';
import { Network } from '../../engine/net/network.js';
import { pullImage } from '../../engine/images/registry.js';
import { TestContainer } from '../../engine/images/testing/harness.js';
import { FakeResolver } from '../../engine/images/testing/fake-resolver.js';

function cluster() {
  const clock = new VirtualClock();
  const network = new Network({ clock });
  const node1 = network.addMachine({ name: 'node-1', ip: '192.168.1.101/24' });
  const node2 = network.addMachine({ name: 'node-2', ip: '192.168.1.102/24' });
  const resolver = new FakeResolver();
  const pod = (node: typeof node1, id: string, image: string, env: Record<string, string> = {}) => {
    const net = node.setUpPod(id);
    const pulled = pullImage(image);
    return { ip: net.ip, c: new TestContainer(pulled.image, net.netns.stack, clock, resolver, { tag: pulled.tag, hostname: id, address: net.ip, env }) };
  };
  return { clock, network, node1, node2, resolver, pod };
}

describe('images on the dataplane', () => {
  it('replicates redis across nodes and refuses writes on the replica', async () => {
    const { clock, pod, node1, node2, resolver } = cluster();
    const master = pod(node1, 'redis-master', 'redis:7');
    resolver.set('redis-master.default.svc.cluster.local', [master.ip]);
    master.c.start(['redis-server']);
    const replica = pod(node2, 'redis-slave', 'kubeguide/guestbook-redis-slave', { GET_HOSTS_FROM: 'dns' });
    replica.c.start(['/run.sh']);
    await clock.advance(3000);
    expect((await master.c.run(['redis-cli', 'SET', 'messages', ',across'])).stdout).toBe('OK\n');
    await clock.advance(100);
    expect((await replica.c.run(['redis-cli', 'GET', 'messages'])).stdout).toBe(',across\n');
    expect((await replica.c.run(['redis-cli', 'SET', 'x', 'y'])).stdout).toBe("READONLY You can't write against a read only replica.\n");
    const info = (await master.c.run(['redis-cli', 'INFO', 'replication'])).stdout;
    expect(info).toContain(`slave0:ip=${replica.ip},port=6379,state=online`);
  });

  it('busybox wget reaches nginx on another node; a closed port is refused', async () => {
    const { clock, pod, node1, node2 } = cluster();
    const web = pod(node1, 'web', 'nginx:1.7.9');
    web.c.start(['nginx']);
    const box = pod(node2, 'box', 'busybox');
    await clock.advance(10);
    const r = await box.c.run(['sh', '-c', `wget -qO- http://${web.ip}/ | grep -c nginx; wget -S -q -O /dev/null http://${web.ip}/ 2>&1 | grep Server`]);
    expect(r.stdout).toBe('6\n  Server: nginx/1.7.9\n');
    const refused = await box.c.run(['wget', '-qO-', `http://${web.ip}:8080/`]);
    expect(refused.stderr).toBe(`wget: can't connect to remote host (${web.ip}): Connection refused\n`);
  });
});
