// The cluster DNS speaks the wire format real clients send (dig's EDNS queries decode; replies are
// laid out byte for byte), and the node-shell `nslookup`/`dig` talk to our server from a pod on the
// virtual dataplane.
import { describe, it, expect } from 'vitest';
import { Handler } from '../../engine/dns/handler.js';
import { newKubernetes } from '../../engine/dns/kubernetes.js';
import { Server } from '../../engine/dns/server.js';
import { guestbookState } from '../../engine/dns/testing.js';
import { decodeMessage, encodeMessage } from '../../engine/dns/wire/codec.js';
import { newQuery, newReply, Rcode, Type } from '../../engine/dns/wire/message.js';
import { Network } from '../../engine/net/network.js';
import { NET_TOOLS } from '../../engine/net/tools/index.js';
import { VirtualClock } from '../../engine/util/clock.js';

describe('DNS interoperability', () => {
  it('decodes a query as dig sends it (EDNS OPT record) and encodes an SRV reply byte for byte', () => {
    // dig redis-master.default.svc.cluster.local SRV: RD and AD set, one OPT pseudo-record (UDP 1232).
    const name = [12, ...'redis-master', 7, ...'default', 3, ...'svc', 7, ...'cluster', 5, ...'local', 0].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c));
    const query = new Uint8Array([0x00, 0x09, 0x01, 0x20, 0, 1, 0, 0, 0, 0, 0, 1, ...name, 0, 33, 0, 1, 0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);
    const q = decodeMessage(query);
    expect(q).toMatchObject({ id: 9, response: false, recursionDesired: true, question: [{ name: 'redis-master.default.svc.cluster.local.', type: Type.SRV, class: 1 }] });
    expect(q.extra).toEqual([{ name: '.', type: 41, class: 1232, ttl: 0, data: new Uint8Array() }]);
    const reply = newReply(newQuery(9, 'x.default.svc.cluster.local', Type.SRV));
    reply.answer.push({ name: 'x.default.svc.cluster.local.', type: Type.SRV, class: 1, ttl: 5, data: { priority: 0, weight: 100, port: 6379, target: 'x.default.svc.cluster.local.' } });
    const bytes = encodeMessage(reply);
    const qname = [1, ...'x', 7, ...'default', 3, ...'svc', 7, ...'cluster', 5, ...'local', 0].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c));
    // Header (QR RD, one question, one answer), the question, then the answer: owner compressed to
    // offset 12, SRV, IN, TTL 5, rdlength, priority 0, weight 100, port 6379 and the uncompressed target.
    expect([...bytes]).toEqual([
      0, 9, 0x81, 0x00, 0, 1, 0, 1, 0, 0, 0, 0, ...qname, 0, 33, 0, 1,
      0xc0, 12, 0, 33, 0, 1, 0, 0, 0, 5, 0, 6 + qname.length, 0, 0, 0, 100, 0x18, 0xeb, ...qname,
    ]);
  });

  it('answers the node tools nslookup and dig from a pod', async () => {
    const clock = new VirtualClock();
    const net = new Network({ clock, seed: 5 });
    const node = net.addMachine({ name: 'node-1', ip: '192.168.1.101/24' });
    const dnsPod = node.setUpPod('kube-dns');
    const client = node.setUpPod('busybox');
    // The upstream (as the node's resolver would) knows no single-label names.
    const forward = async (req: ReturnType<typeof newQuery>) => ({ ...newReply(req, Rcode.NameError), recursionAvailable: true });
    await new Server({ stack: dnsPod.netns.stack, handler: new Handler(newKubernetes(guestbookState()), { clock, forward }) }).start();
    const ctx = { netns: client.netns, clock, resolv: { nameservers: [dnsPod.ip], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 } };
    const run = async (name: string, argv: string[]) => {
      let stdout = '';
      const io = { stdout: (s: string) => void (stdout += s), stderr: () => undefined, stdin: undefined };
      const pending = NET_TOOLS[name]!(argv, io, { tools: NET_TOOLS, ...ctx } as never);
      let code: number | undefined;
      void pending.then((c: number) => (code = c));
      for (let i = 0; i < 50 && code === undefined; i++) {
        await net.settle();
        if (code === undefined) await clock.advance(100);
      }
      return { code, stdout };
    };
    const ok = await run('nslookup', ['redis-master']);
    expect(ok.stdout).toContain('Name:\tredis-master.default.svc.cluster.local\nAddress: 10.254.0.12\n');
    const bad = await run('nslookup', ['redis-slave']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("** server can't find redis-slave: NXDOMAIN");
    expect((await run('dig', ['+short', `@${dnsPod.ip}`, 'redis-master.other.svc.cluster.local'])).stdout).toBe('10.254.0.99\n');
  });
});
