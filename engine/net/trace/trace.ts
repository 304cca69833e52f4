// `kubelab trace`: sends a dry-run probe (a TCP SYN, a UDP datagram or an ICMP echo) from a
// namespace and returns every step it took — devices, routing decisions, each netfilter rule that
// matched (table, chain, rule text), NAT, encapsulation — plus a text printer. Like the kernel's
// TRACE target, but nothing is counted, tracked or delivered.
import type { NetNamespace } from '../netns.js';
import type { Protocol } from '../types.js';
import { newPacket, ICMP_ECHO } from '../packet.js';
import { flushMicrotasks } from '../../util/clock.js';
import { newRecorder, type TraceEvent } from './recorder.js';

export type TraceVerdict = 'delivered' | 'refused' | 'rejected' | 'dropped' | 'unreachable';

export interface Trace {
  from: string;
  to: string;
  protocol: Protocol;
  port: number;
  events: TraceEvent[];
  verdict: TraceVerdict;
  /** where is the namespace the probe ended in. */
  where?: string;
}

/** trace follows a probe from `from` to `to:port` until it is delivered, refused or lost. */
export async function trace(from: NetNamespace, to: string, protocol: Protocol, port = 0): Promise<Trace> {
  const rec = newRecorder(true);
  const src = from.route(to)?.src ?? '';
  const p = newPacket({
    src,
    dst: to,
    protocol,
    sport: protocol === 'icmp' ? 1 : 54321,
    dport: protocol === 'icmp' ? 1 : port,
    tcp: protocol === 'tcp' ? { flags: { syn: true }, seq: 0, ack: 0, window: 65535 } : undefined,
    icmp: protocol === 'icmp' ? { type: ICMP_ECHO, code: 0, id: 1, seq: 1 } : undefined,
  });
  p.trace = rec;
  const r = from.output(p);
  for (let i = 0; i < 50 && from.env.softirq.pending() > 0; i++) await flushMicrotasks();
  await flushMicrotasks();
  const events = rec.events;
  let verdict: TraceVerdict = 'dropped';
  let where: string | undefined;
  const last = [...events].reverse().find((e) => e.kind === 'deliver' || e.kind === 'reject' || e.kind === 'drop' || (e.kind === 'route' && e.decision === 'unreachable'));
  if (r === 'unreachable') verdict = 'unreachable';
  else if (last?.kind === 'deliver') verdict = last.listening ? 'delivered' : 'refused';
  else if (last?.kind === 'reject') verdict = 'rejected';
  else if (last?.kind === 'route') verdict = 'unreachable';
  if (last) where = last.ns;
  return { from: from.name, to, protocol, port, events, verdict, where };
}

function line(e: TraceEvent): string {
  switch (e.kind) {
    case 'output':
      return `send     ${e.packet}`;
    case 'receive':
      return `receive  on ${e.dev}: ${e.packet}`;
    case 'route':
      if (e.decision === 'unreachable') return 'route    no route to host';
      if (e.decision === 'local') return 'route    local delivery';
      if (e.decision === 'bridge') return `bridge   switched to ${e.dev} (next hop ${e.nextHop})`;
      return `route    ${e.route} → ${e.dev}, next hop ${e.nextHop}`;
    case 'rule':
      return `${e.table.padEnd(8)} ${e.rule}`;
    case 'policy':
      return `${e.table.padEnd(8)} ${e.chain} policy ${e.policy}`;
    case 'conntrack':
      return `conntrack ${e.state}${e.entry ? ` ${e.entry}` : ''}`;
    case 'nat':
      return `${e.type.padEnd(8)} ${e.from} → ${e.to}`;
    case 'transmit':
      return `transmit ${e.dev} → ${e.nextHop}`;
    case 'encap':
      return `encap    ${e.dev}: ${e.outer}`;
    case 'decap':
      return `decap    ${e.dev}: ${e.inner}`;
    case 'drop':
      return `DROP     ${e.reason}`;
    case 'reject':
      return `REJECT   with ${e.with}`;
    case 'deliver':
      return `deliver  ${e.socket} ${e.listening ? '(listening)' : '(closed port: RST / port unreachable)'}`;
  }
}

/** formatTrace prints a trace hop by hop, one block per namespace visit. */
export function formatTrace(t: Trace): string {
  const out: string[] = [`trace ${t.protocol} ${t.from} → ${t.to}${t.protocol === 'icmp' ? '' : `:${t.port}`}`];
  let ns: string | undefined;
  for (const e of t.events) {
    if (e.ns !== ns) {
      ns = e.ns;
      out.push(`[${ns}]`);
    }
    out.push(`  ${line(e)}`);
  }
  out.push(`verdict: ${t.verdict}${t.where ? ` in ${t.where}` : ''}`);
  return out.join('\n') + '\n';
}
