import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../util/clock.js';
import { Network } from '../network.js';
import type { NetError } from '../types.js';

function setup() {
  const clock = new VirtualClock();
  const net = new Network({ clock, seed: 9 });
  const node = net.addMachine({ name: 'node1', ip: '192.168.1.101/24' });
  const a = node.setUpPod('a');
  const b = node.setUpPod('b');
  return { clock, net, node, a, b };
}

describe('sockets', () => {
  it('lets containers of one pod talk over localhost, and binds 0.0.0.0 vs one address', async () => {
    const { net, a } = setup();
    const got: string[] = [];
    await a.netns.stack.createServer((s) => s.on('data', (d) => got.push(new TextDecoder().decode(d)))).listen(6379, '127.0.0.1');
    const c = a.netns.stack.connect({ host: 'localhost', port: 6379 });
    c.on('connect', () => c.write('PING'));
    await net.settle();
    expect(got).toEqual(['PING']);
    expect(c.localAddress).toBe('127.0.0.1');
    // Bound to 127.0.0.1 only: the pod IP refuses.
    const errs: string[] = [];
    a.netns.stack.connect({ host: a.ip, port: 6379 }).on('error', (e) => errs.push(e.code));
    await net.settle();
    expect(errs).toEqual(['ECONNREFUSED']);
  });

  it('reports EADDRINUSE and EADDRNOTAVAIL like Node', async () => {
    const { a } = setup();
    await a.netns.stack.createServer().listen(80);
    await expect(a.netns.stack.createServer().listen(80, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE', message: 'listen EADDRINUSE: address already in use 127.0.0.1:80' });
    await expect(a.netns.stack.createServer().listen(81, '10.9.9.9')).rejects.toMatchObject({ code: 'EADDRNOTAVAIL' });
    const free = await a.netns.stack.createServer().listen(0);
    expect(free.port).toBeGreaterThanOrEqual(32768);
  });

  it('applies window backpressure and emits drain', async () => {
    const { net, a, b } = setup();
    let received = 0;
    let ended = false;
    const server = b.netns.stack.createServer((s) => {
      s.on('data', (d) => (received += d.length));
      s.on('end', () => (ended = true));
    });
    await server.listen(9000);
    const c = a.netns.stack.connect({ host: b.ip, port: 9000 });
    await net.settle();
    const big = new Uint8Array(200_000);
    expect(c.write(big)).toBe(false);
    let drained = false;
    c.on('drain', () => (drained = true));
    c.end();
    await net.settle();
    expect(drained).toBe(true);
    expect(received).toBe(200_000);
    expect(ended).toBe(true);
  });

  it('half-closes: the peer reads data then end, and can still answer', async () => {
    const { net, a, b } = setup();
    const server = b.netns.stack.createServer(
      (s) => {
        let req = '';
        s.on('data', (d) => (req += new TextDecoder().decode(d)));
        s.on('end', () => s.end(`got ${req}`));
      },
      { allowHalfOpen: true },
    );
    await server.listen(7000);
    const c = a.netns.stack.connect({ host: b.ip, port: 7000 });
    let reply = '';
    const events: string[] = [];
    c.on('connect', () => c.end('question'));
    c.on('data', (d) => (reply += new TextDecoder().decode(d)));
    c.on('end', () => events.push('end'));
    c.on('close', () => events.push('close'));
    await net.settle();
    expect(reply).toBe('got question');
    expect(events).toEqual(['end', 'close']);
  });

  it('destroy resets the peer with ECONNRESET', async () => {
    const { net, a, b } = setup();
    const errs: NetError[] = [];
    await b.netns.stack.createServer((s) => s.on('error', (e) => errs.push(e))).listen(7001);
    const c = a.netns.stack.connect({ host: b.ip, port: 7001 });
    c.on('connect', () => c.destroy());
    await net.settle();
    expect(errs.map((e) => e.code)).toEqual(['ECONNRESET']);
  });

  it('fails with EHOSTUNREACH when nobody answers ARP, after 3 s', async () => {
    const { clock, net, a } = setup();
    const errs: string[] = [];
    a.netns.stack.connect({ host: '172.17.1.99', port: 80 }).on('error', (e) => errs.push(e.code));
    await net.settle();
    expect(errs).toEqual([]);
    await clock.advance(3000);
    expect(errs).toEqual(['EHOSTUNREACH']);
  });

  it('sends UDP datagrams with the sender address and answers a closed port with ICMP', async () => {
    const { net, a, b } = setup();
    const server = b.netns.stack.createDatagramSocket();
    await server.bind(53);
    server.on('message', (msg, rinfo) => server.send(msg.reverse(), rinfo.port, rinfo.address));
    const client = a.netns.stack.createDatagramSocket();
    const got: Array<[string, string]> = [];
    client.on('message', (m, r) => got.push([new TextDecoder().decode(m), r.address]));
    client.send(new TextEncoder().encode('abc'), 53, b.ip);
    client.send(new TextEncoder().encode('zzz'), 54, b.ip);
    await net.settle();
    expect(got).toEqual([['cba', b.ip]]);
    await expect(b.netns.stack.createDatagramSocket().bind(53)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
