import { describe, it, expect } from 'vitest';
import { connect } from 'node:net';
import { VirtualClock } from '../../engine/util/clock.js';
import { Network } from '../../engine/net/network.js';
import { forwardPort } from '../../engine/host/net-port-forward.js';

function httpGet(port: number, body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let out = '';
    s.on('connect', () => s.end(`GET / HTTP/1.1\r\nHost: x\r\n\r\n${body}`));
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

describe('host port-forward', () => {
  it('carries a real TCP connection to a pod through a NodePort DNAT', async () => {
    const clock = new VirtualClock();
    const net = new Network({ clock, seed: 1 });
    const node = net.addMachine({ name: 'node1', ip: '192.168.1.101/24' });
    const pod = node.setUpPod('web');
    const server = pod.netns.stack.createServer((s) => {
      let got = 0;
      s.on('data', (d) => {
        got += d.length;
      });
      s.on('end', () => s.end(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok${got > 10000 ? '+big' : ''}`));
    });
    (server as unknown as { allowHalfOpen: boolean }).allowHalfOpen = true;
    await server.listen(80);
    node.host.netfilter.run(['-t', 'nat', '-A', 'OUTPUT', '-p', 'tcp', '--dport', '30080', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'DNAT', '--to-destination', `${pod.ip}:80`]);
    const pf = await forwardPort({ netns: node.host, target: { host: '192.168.1.101', port: 30080 } });
    try {
      expect(await httpGet(pf.port)).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      // A body larger than the window exercises drain/resume.
      expect(await httpGet(pf.port, 'x'.repeat(200_000))).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok+big');
    } finally {
      await pf.close();
    }
  });

  it('closes the real connection when the virtual one is refused', async () => {
    const clock = new VirtualClock();
    const net = new Network({ clock, seed: 1 });
    const node = net.addMachine({ name: 'node1', ip: '192.168.1.101/24' });
    const errors: string[] = [];
    const pf = await forwardPort({ netns: node.host, target: { host: '192.168.1.101', port: 9 }, onError: (e) => errors.push((e as { code?: string }).code ?? '') });
    try {
      expect(await httpGet(pf.port)).toBe('');
      expect(errors).toEqual(['ECONNREFUSED']);
    } finally {
      await pf.close();
    }
  });
});
