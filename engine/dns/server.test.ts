import { describe, it, expect } from 'vitest';
import { FakeNetwork } from '../images/testing/fake-net.js';
import { VirtualClock } from '../util/clock.js';
import { exchange } from './client.js';
import { Handler } from './handler.js';
import { newKubernetes } from './kubernetes.js';
import { Server } from './server.js';
import { guestbookState } from './testing.js';
import { decodeMessage, encodeMessage } from './wire/codec.js';
import { newQuery, Rcode, Type } from './wire/message.js';

async function setup(withUpstream: boolean) {
  const clock = new VirtualClock();
  const net = new FakeNetwork(clock);
  const dnsStack = net.stack('10.254.0.10');
  const client = net.stack('172.17.1.20');
  let forward;
  if (withUpstream) {
    // An upstream resolver that knows one outside name.
    const upstream = net.stack('8.8.8.8');
    const sock = upstream.createDatagramSocket();
    await sock.bind(53);
    sock.on('message', (data, rinfo) => {
      const req = decodeMessage(data);
      const reply = { ...req, response: true, recursionAvailable: true, answer: [{ name: req.question[0].name, type: Type.A, class: 1, ttl: 300, data: '93.184.216.34' }] };
      sock.send(encodeMessage(reply), rinfo.port, rinfo.address);
    });
    forward = (req: ReturnType<typeof newQuery>) => exchange(req, { stack: dnsStack, clock, server: '8.8.8.8' });
  }
  const handler = new Handler(newKubernetes(guestbookState()), { clock, forward });
  const server = new Server({ stack: dnsStack, handler });
  await server.start();
  const query = (name: string, type: number) => exchange(newQuery(42, name, type), { stack: client, clock, server: '10.254.0.10' });
  return { query, server, clock };
}

describe('DNS server over UDP', () => {
  it('answers A queries authoritatively through the codec', async () => {
    const { query } = await setup(false);
    const reply = await query('redis-master.default.svc.cluster.local', Type.A);
    expect(reply.id).toBe(42);
    expect(reply.rcode).toBe(Rcode.Success);
    expect(reply.authoritative).toBe(true);
    expect(reply.answer).toEqual([{ name: 'redis-master.default.svc.cluster.local.', type: Type.A, class: 1, ttl: 5, data: '10.254.0.12' }]);
  });

  it('answers NXDOMAIN with the SOA in the authority section', async () => {
    const { query } = await setup(false);
    const reply = await query('nothere.default.svc.cluster.local', Type.A);
    expect(reply.rcode).toBe(Rcode.NameError);
    expect(reply.answer).toEqual([]);
    expect(reply.ns.map((r) => [r.name, r.type])).toEqual([['cluster.local.', Type.SOA]]);
  });

  it('refuses names outside the cluster zones without an upstream', async () => {
    const { query } = await setup(false);
    expect((await query('www.example.com', Type.A)).rcode).toBe(Rcode.Refused);
  });

  it('forwards names outside the cluster zones to the upstream', async () => {
    const { query } = await setup(true);
    const reply = await query('www.example.com', Type.A);
    expect(reply.rcode).toBe(Rcode.Success);
    expect(reply.id).toBe(42);
    expect(reply.answer.map((a) => a.data)).toEqual(['93.184.216.34']);
  });

  it('answers FORMERR to garbage that has an id', async () => {
    const clock = new VirtualClock();
    const net = new FakeNetwork(clock);
    const dnsStack = net.stack('10.254.0.10');
    const server = new Server({ stack: dnsStack, handler: new Handler(newKubernetes(guestbookState()), { clock }) });
    await server.start();
    const sock = net.stack('172.17.1.20').createDatagramSocket();
    await sock.bind(0);
    const got = new Promise<Uint8Array>((resolve) => sock.on('message', (d) => resolve(d)));
    sock.send(new Uint8Array([0xab, 0xcd, 0x01]), 53, '10.254.0.10');
    const reply = decodeMessage(await got);
    expect([reply.id, reply.rcode]).toEqual([0xabcd, Rcode.FormatError]);
  });
});
