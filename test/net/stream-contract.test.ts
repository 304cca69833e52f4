// The stream half of the dataplane contract (engine/net/types.ts), run against both implementations
// programs meet: the virtual dataplane's TCP and the images' FakeNetwork. Both must emit 'data' as
// it arrives (no buffering for late listeners) and follow Node's allowHalfOpen on half-close.
import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../engine/util/clock.js';
import { Network } from '../../engine/net/network.js';
import { FakeNetwork } from '../../engine/images/testing/fake-net.js';
import type { NetError, NetStack, StreamSocket } from '../../engine/net/types.js';

interface Pair {
  client: NetStack;
  server: NetStack;
  serverHost: string;
  settle(): Promise<void>;
}

const implementations: [string, () => Pair][] = [
  [
    'dataplane',
    () => {
      const clock = new VirtualClock();
      const net = new Network({ clock, seed: 4 });
      const node = net.addMachine({ name: 'node1', ip: '192.168.1.101/24' });
      const a = node.setUpPod('a');
      const b = node.setUpPod('b');
      return { client: a.netns.stack, server: b.netns.stack, serverHost: b.ip, settle: () => net.settle() };
    },
  ],
  [
    'images fake',
    () => {
      const clock = new VirtualClock();
      const net = new FakeNetwork(clock);
      return { client: net.stack('10.0.0.1'), server: net.stack('10.0.0.2'), serverHost: '10.0.0.2', settle: () => clock.advance(1) };
    },
  ],
];

const text = (d: Uint8Array) => new TextDecoder().decode(d);

describe.each(implementations)('stream contract: %s', (_name, setup) => {
  it('emits data as it arrives: a listener attached later misses what came before', async () => {
    const { client, server, serverHost, settle } = setup();
    let accepted: StreamSocket | undefined;
    await server.createServer((s) => (accepted = s)).listen(7100);
    const c = client.connect({ host: serverHost, port: 7100 });
    c.on('connect', () => c.write('early'));
    await settle();
    let got = '';
    accepted!.on('data', (d) => (got += text(d)));
    c.write('late');
    await settle();
    expect(got).toBe('late');
  });

  it('without allowHalfOpen, ends its own side right after the peer ends (a later write fails)', async () => {
    const { client, server, serverHost, settle } = setup();
    const serverEvents: string[] = [];
    let accepted: StreamSocket | undefined;
    await server
      .createServer((s) => {
        accepted = s;
        s.on('end', () => {
          serverEvents.push('end');
          // Answering in a later turn is too late: the socket already sent its own FIN.
          void Promise.resolve().then(() => s.write('too late'));
        });
        s.on('error', (e: NetError) => serverEvents.push(e.code));
        s.on('close', () => serverEvents.push('close'));
      })
      .listen(7101);
    const c = client.connect({ host: serverHost, port: 7101 });
    const clientEvents: string[] = [];
    let reply = '';
    c.on('connect', () => c.end('question'));
    c.on('data', (d) => (reply += text(d)));
    c.on('end', () => clientEvents.push('end'));
    c.on('close', () => clientEvents.push('close'));
    await settle();
    await settle();
    expect(accepted).toBeDefined();
    expect(reply).toBe('');
    expect(clientEvents).toEqual(['end', 'close']);
    expect(serverEvents).toContain('EPIPE');
    expect(serverEvents.filter((e) => e !== 'EPIPE')).toEqual(['end', 'close']);
  });

  it('with allowHalfOpen on the server, stays writable after the peer ends until it ends itself', async () => {
    const { client, server, serverHost, settle } = setup();
    await server
      .createServer(
        (s) => {
          let req = '';
          s.on('data', (d) => (req += text(d)));
          s.on('end', () => void Promise.resolve().then(() => s.end(`got ${req}`)));
        },
        { allowHalfOpen: true },
      )
      .listen(7102);
    const c = client.connect({ host: serverHost, port: 7102 });
    const events: string[] = [];
    let reply = '';
    c.on('connect', () => c.end('question'));
    c.on('data', (d) => (reply += text(d)));
    c.on('end', () => events.push('end'));
    c.on('close', () => events.push('close'));
    await settle();
    await settle();
    expect(reply).toBe('got question');
    expect(events).toEqual(['end', 'close']);
  });

  it('with allowHalfOpen on connect, the client may still send after the server ended', async () => {
    const { client, server, serverHost, settle } = setup();
    let received = '';
    await server
      .createServer((s) => {
        s.on('data', (d) => (received += text(d)));
        s.end('hello');
      })
      .listen(7103);
    const c = client.connect({ host: serverHost, port: 7103, allowHalfOpen: true });
    const events: string[] = [];
    c.on('data', (d) => events.push(`data ${text(d)}`));
    c.on('end', () => {
      events.push('end');
      void Promise.resolve().then(() => c.end('thanks'));
    });
    c.on('close', () => events.push('close'));
    await settle();
    await settle();
    expect(events).toEqual(['data hello', 'end', 'close']);
    expect(received).toBe('thanks');
  });
});
