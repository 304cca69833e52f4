// Mirrors the stub resolver (glibc res_query with resolv.conf search/ndots): queries the first
// nameserver over UDP with the shared DNS codec, trying search domains for short names.
import type { ToolContext } from './types.js';
import type { Message } from '../dns-wire/message.js';
import { decodeMessage, encodeMessage, newQuery, RCODE, TYPE } from '../dns-wire/message.js';
import { isIP } from '../ip/addr.js';

export const DNS_TIMEOUT_MS = 5000;

/** query sends one DNS question and waits for the answer (undefined on timeout). */
export function query(ctx: ToolContext, server: string, name: string, type: number, timeoutMs = DNS_TIMEOUT_MS): Promise<Message | undefined> {
  return new Promise((resolve) => {
    const sock = ctx.netns.stack.createDatagramSocket();
    const id = Math.floor(ctx.netns.env.rng() * 65535);
    const timer = ctx.clock.setTimer(timeoutMs, () => {
      sock.close();
      resolve(undefined);
    });
    sock.on('message', (msg) => {
      try {
        const m = decodeMessage(msg);
        if (m.id !== id) return;
        timer.stop();
        sock.close();
        resolve(m);
      } catch {
        // ignore garbage, as resolvers do
      }
    });
    sock.send(encodeMessage(newQuery(id, name, type)), 53, server);
  });
}

/** candidates lists the names a short name expands to (ndots + search list). */
export function candidates(ctx: ToolContext, name: string): string[] {
  if (name.endsWith('.')) return [name];
  const search = ctx.resolv?.search ?? [];
  const ndots = ctx.resolv?.ndots ?? 1;
  const dots = name.split('.').length - 1;
  const expanded = search.map((s) => `${name}.${s}`);
  return dots >= ndots ? [name, ...expanded] : [...expanded, name];
}

export interface Lookup {
  name?: string;
  addresses: string[];
  error?: 'NXDOMAIN' | 'TIMEOUT' | 'NOSERVER' | 'SERVFAIL';
}

/** lookupHost resolves a host name to IPv4 addresses ("localhost" and literals included). */
export async function lookupHost(ctx: ToolContext, host: string): Promise<Lookup> {
  if (isIP(host)) return { name: host, addresses: [host] };
  if (host === 'localhost') return { name: host, addresses: ['127.0.0.1'] };
  const server = ctx.resolv?.nameservers[0];
  if (!server) return { addresses: [], error: 'NOSERVER' };
  let last: Lookup = { addresses: [], error: 'NXDOMAIN' };
  for (const n of candidates(ctx, host)) {
    const m = await query(ctx, server, n, TYPE.A);
    if (!m) return { addresses: [], error: 'TIMEOUT' };
    if (m.flags.rcode === RCODE.NOERROR && m.answers.some((a) => a.type === TYPE.A)) {
      return { name: n.replace(/\.$/, ''), addresses: m.answers.filter((a) => a.type === TYPE.A).map((a) => a.data as string) };
    }
    if (m.flags.rcode === RCODE.SERVFAIL) last = { addresses: [], error: 'SERVFAIL' };
  }
  return last;
}
