// Mirrors iputils ping (ping.c / ping_common.c): ICMP echo with -c count, -i interval, -W timeout,
// per-reply lines, ICMP errors as "From … Destination Host Unreachable", and the statistics block.
import type { Tool } from './types.js';
import { lookupHost } from './resolver.js';
import { newPacket, ICMP_ECHO, ICMP_ECHO_REPLY, ICMP_DEST_UNREACH, type Packet } from '../packet.js';

const UNREACH: Record<number, string> = { 0: 'Destination Net Unreachable', 1: 'Destination Host Unreachable', 3: 'Destination Port Unreachable', 13: 'Packet filtered' };

export const ping: Tool = async (argv, io, ctx) => {
  let count = 4;
  let intervalMs = 1000;
  let waitMs = 10_000;
  let size = 56;
  let host: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-c') count = Number(argv[++i]);
    else if (a === '-i') intervalMs = Number(argv[++i]) * 1000;
    else if (a === '-W' || a === '-w') waitMs = Number(argv[++i]) * 1000;
    else if (a === '-s') size = Number(argv[++i]);
    else if (a === '-q' || a === '-n') continue;
    else host = a;
  }
  if (!host) {
    io.stderr('ping: usage error: Destination address required\n');
    return 1;
  }
  const found = await lookupHost(ctx, host);
  const dst = found.addresses[0];
  if (!dst) {
    io.stderr(`ping: ${host}: Name or service not known\n`);
    return 2;
  }
  io.stdout(`PING ${host} (${dst}) ${size}(${size + 28}) bytes of data.\n`);
  const start = ctx.clock.now();
  const sent = new Map<number, number>();
  const rtts: number[] = [];
  let errors = 0;
  const sock = ctx.netns.stack.openEcho((p: Packet) => {
    const i = p.icmp!;
    if (i.type === ICMP_ECHO_REPLY && sent.has(i.seq!)) {
      const rtt = ctx.clock.now() - sent.get(i.seq!)!;
      sent.delete(i.seq!);
      rtts.push(rtt);
      io.stdout(`${size + 8} bytes from ${p.src}: icmp_seq=${i.seq} ttl=${p.ttl} time=${rtt.toFixed(3)} ms\n`);
    } else if (i.type === ICMP_DEST_UNREACH && i.quoted) {
      errors++;
      io.stdout(`From ${p.src} icmp_seq=${seqOf(i.quoted)} ${UNREACH[i.code] ?? 'Destination Unreachable'}\n`);
    }
  });
  const seqOf = (q: { sport: number }) => lastSeq.get(q.sport) ?? 0;
  const lastSeq = new Map<number, number>();
  for (let seq = 1; seq <= count; seq++) {
    sent.set(seq, ctx.clock.now());
    lastSeq.set(sock.id, seq);
    const p = newPacket({ src: '', dst, protocol: 'icmp', sport: sock.id, dport: sock.id, icmp: { type: ICMP_ECHO, code: 0, id: sock.id, seq }, payload: new Uint8Array(size) });
    const r = ctx.netns.output(p);
    if (r === 'unreachable') {
      io.stderr('ping: connect: Network is unreachable\n');
      sock.close();
      return 2;
    }
    if (seq < count) await ctx.clock.sleep(intervalMs);
  }
  if (sent.size > 0) await waitFor(ctx, () => sent.size === 0, Math.min(waitMs, 10_000));
  sock.close();
  const elapsed = ctx.clock.now() - start;
  const received = rtts.length;
  const loss = Math.round(((count - received) / count) * 100);
  io.stdout(`\n--- ${host} ping statistics ---\n`);
  io.stdout(`${count} packets transmitted, ${received} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${Math.max(0, elapsed - (received ? 0 : 0))}ms\n`);
  if (received) {
    const min = Math.min(...rtts);
    const max = Math.max(...rtts);
    const avg = rtts.reduce((a, b) => a + b, 0) / received;
    const mdev = Math.sqrt(rtts.reduce((a, b) => a + (b - avg) ** 2, 0) / received);
    io.stdout(`rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`);
  }
  return received ? 0 : 1;
};

/** waitFor polls a condition on the tool's clock until it holds or the time is up. */
async function waitFor(ctx: { clock: { sleep(ms: number): Promise<void> } }, done: () => boolean, ms: number): Promise<void> {
  for (let waited = 0; waited < ms && !done(); waited += 100) await ctx.clock.sleep(100);
}
