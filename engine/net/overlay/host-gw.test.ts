import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Network } from '../network.js';
import { formatRoute } from '../route/fib.js';
import { removeHostGwRoutes } from './host-gw.js';

const podRoutes = (n: Network, name: string) =>
  n.machine(name)!.host.fib.list().filter((r) => r.via && r.dst.bits !== 0).map(formatRoute);

describe('host-gw routes', () => {
  it('gives every machine a route to each other node’s pod CIDR as machines join', () => {
    const net = new Network({ clock: new VirtualClock(), seed: 1 });
    net.addMachine({ name: 'master', ip: '192.168.1.100/24', role: 'master' });
    net.addMachine({ name: 'node-1', ip: '192.168.1.101/24' });
    net.addMachine({ name: 'node-2', ip: '192.168.1.102/24' });
    net.addMachine({ name: 'node-3', ip: '192.168.1.103/24' });
    expect(podRoutes(net, 'master')).toEqual([
      '172.17.1.0/24 via 192.168.1.101 dev eth0',
      '172.17.2.0/24 via 192.168.1.102 dev eth0',
      '172.17.3.0/24 via 192.168.1.103 dev eth0',
    ]);
    expect(podRoutes(net, 'node-1')).toEqual(['172.17.2.0/24 via 192.168.1.102 dev eth0', '172.17.3.0/24 via 192.168.1.103 dev eth0']);
    expect(podRoutes(net, 'node-3')).toEqual(['172.17.1.0/24 via 192.168.1.101 dev eth0', '172.17.2.0/24 via 192.168.1.102 dev eth0']);
  });

  it('drops the routes towards a machine that left', () => {
    const net = new Network({ clock: new VirtualClock(), seed: 1 });
    for (let i = 1; i <= 3; i++) net.addMachine({ name: `node-${i}`, ip: `192.168.1.10${i}/24` });
    removeHostGwRoutes([...net.machines.values()], net.machine('node-2')!);
    expect(podRoutes(net, 'node-1')).toEqual(['172.17.3.0/24 via 192.168.1.103 dev eth0']);
  });

  it('joins 300 nodes in linear time per join', () => {
    const net = new Network({ clock: new VirtualClock(), seed: 1, podNetwork: '10.0.0.0/8' });
    const t = performance.now();
    for (let i = 1; i <= 300; i++) net.addMachine({ name: `node-${i}`, ip: `192.168.${Math.floor(i / 250)}.${(i % 250) + 1}/16` });
    expect(podRoutes(net, 'node-1')).toHaveLength(299);
    // Resyncing every machine on each join took seconds here; the incremental join takes a fraction.
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
