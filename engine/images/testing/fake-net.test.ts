import { describe, it, expect } from 'vitest';
import { FakeNetwork, HIGH_WATER_MARK } from './fake-net.js';
import { VirtualClock } from '../../util/clock.js';
import type { NetError, StreamSocket } from '../../net/types.js';

function setup() {
  const clock = new VirtualClock();
  const net = new FakeNetwork(clock);
  return { clock, net, a: net.stack('10.0.0.1'), b: net.stack('10.0.0.2') };
}

describe('FakeNetwork', () => {
  it('connects, carries data both ways and half-closes', async () => {
    const { a, b, clock } = setup();
    const events: string[] = [];
    const server = b.createServer((s) => {
      s.on('data', (d) => events.push(`server got ${new TextDecoder().decode(d)} from ${s.remoteAddress}`));
      s.on('end', () => s.end('bye'));
    });
    await server.listen(80);
    const c = a.connect({ host: '10.0.0.2', port: 80 });
    c.on('connect', () => c.end('hi'));
    c.on('data', (d) => events.push(`client got ${new TextDecoder().decode(d)}`));
    c.on('close', () => events.push('client closed'));
    await clock.advance(1);
    expect(events).toEqual(['server got hi from 10.0.0.1', 'client got bye', 'client closed']);
  });

  it('refuses closed ports, times out dropped hosts, rejects double binds', async () => {
    const { a, b, net, clock } = setup();
    const codes: string[] = [];
    a.connect({ host: '10.0.0.2', port: 81 }).on('error', (e: NetError) => codes.push(e.code));
    net.dropped.add('10.0.0.9');
    a.connect({ host: '10.0.0.9', port: 80, timeoutMs: 3000 }).on('error', (e: NetError) => codes.push(e.code));
    await clock.advance(2000);
    expect(codes).toEqual(['ECONNREFUSED']);
    await clock.advance(1000);
    expect(codes).toEqual(['ECONNREFUSED', 'ETIMEDOUT']);
    await b.createServer().listen(80);
    await expect(b.createServer().listen(80)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('loopback reaches only the own stack', async () => {
    const { a, b, clock } = setup();
    await b.createServer().listen(6379, '127.0.0.1');
    const codes: string[] = [];
    a.connect({ host: '127.0.0.1', port: 6379 }).on('error', (e: NetError) => codes.push(e.code));
    b.connect({ host: 'localhost', port: 6379 }).on('connect', () => codes.push('connected'));
    await clock.advance(1);
    expect(codes.sort()).toEqual(['ECONNREFUSED', 'connected']);
  });

  it('applies backpressure until the peer has the bytes, and does not buffer for late data listeners', async () => {
    const { a, b, clock } = setup();
    let accepted: StreamSocket | undefined;
    await b.createServer((s) => (accepted = s)).listen(9);
    const c = a.connect({ host: '10.0.0.2', port: 9 });
    await clock.advance(1);
    expect(c.write(new Uint8Array(HIGH_WATER_MARK - 1))).toBe(true);
    expect(c.write(new Uint8Array(10))).toBe(false);
    let drained = false;
    c.on('drain', () => (drained = true));
    expect(drained).toBe(false); // not delivered yet
    await clock.advance(1);
    // Delivered (and emitted) with nobody listening: the writer drains, the bytes are gone.
    expect(drained).toBe(true);
    let got = 0;
    accepted!.on('data', (d) => (got += d.length));
    await clock.advance(1);
    expect(got).toBe(0);
    c.write(new Uint8Array(5));
    await clock.advance(1);
    expect(got).toBe(5);
  });

  it('destroy resets the peer and idle timeouts fire on the clock', async () => {
    const { a, b, clock } = setup();
    let accepted: StreamSocket | undefined;
    await b.createServer((s) => (accepted = s)).listen(9);
    const c = a.connect({ host: '10.0.0.2', port: 9 });
    const seen: string[] = [];
    c.setTimeout(5000);
    c.on('timeout', () => seen.push('timeout'));
    c.on('error', (e: NetError) => seen.push(e.code));
    await clock.advance(5001);
    expect(seen).toEqual(['timeout']);
    accepted!.destroy();
    await clock.advance(1);
    expect(seen).toEqual(['timeout', 'ECONNRESET']);
  });

  it('delivers datagrams with the sender address', async () => {
    const { a, b, clock } = setup();
    const server = b.createDatagramSocket();
    await server.bind(53);
    const got: string[] = [];
    server.on('message', (m, r) => got.push(`${new TextDecoder().decode(m)} from ${r.address}`));
    a.createDatagramSocket().send(new TextEncoder().encode('q'), 53, '10.0.0.2');
    await clock.advance(1);
    expect(got).toEqual(['q from 10.0.0.1']);
  });
});
