// The cluster DNS speaks the same wire format as the dataplane's own DNS codec and node tools:
// messages cross between the two codecs, and the node-shell `nslookup`/`dig` talk to our server
// from a pod on the virtual dataplane.
import { describe, it, expect } from 'vitest';
import { Handler } from '../../engine/dns/handler.js';
import { newKubernetes } from '../../engine/dns/kubernetes.js';
import { Server } from '../../engine/dns/server.js';
import { guestbookState } from '../../engine/dns/testing.js';
import { decodeMessage, encodeMessage } from '../../engine/dns/wire/codec.js';
import { newQuery, newReply, Rcode, Type } from '../../engine/dns/wire/message.js';
import * as netWire from '../../engine/net/dns-wire/message.js';
import { Network } from '../../engine/net/network.js';
import { NET_TOOLS } from '../../engine/net/tools/index.js';
import { VirtualClock } from '../../engine/util/clock.js';

describe('DNS interoperability', () => {
  it('decodes the dataplane codec’s queries and encodes replies it can read', () => {
    const q = decodeMessage(netWire.encodeMessage(netWire.newQuery(9, 'redis-master.default.svc.cluster.local', netWire.TYPE.SRV)));
    expect(q.question).toEqual([{ name: 'redis-master.default.svc.cluster.local.', type: Type.SRV, class: 1 }]);
    const reply = newReply(newQuery(9, 'x.default.svc.cluster.local', Type.SRV));
    reply.answer.push({ name: 'x.default.svc.cluster.local.', type: Type.SRV, class: 1, ttl: 5, data: { priority: 0, weight: 100, port: 6379, target: 'x.default.svc.cluster.local.' } });
    const theirs = netWire.decodeMessage(encodeMessage(reply));
    expect(theirs.answers[0]).toMatchObject({ type: netWire.TYPE.SRV, data: { priority: 0, weight: 100, port: 6379, target: 'x.default.svc.cluster.local.' } });
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
