// Mirrors conntrack-tools' conntrack (-L, -C, -F, with -p/-s/-d filters) and the kernel's
// /proc/net/nf_conntrack line format it prints.
import type { Tool } from './types.js';
import type { Conntrack, ConntrackEntry, Tuple } from '../conntrack/conntrack.js';

const PROTO_NUM: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };

function tuple(t: Tuple, reply: boolean): string {
  if (t.protocol === 'icmp') return `src=${t.src} dst=${t.dst} type=${reply ? 0 : 8} code=0 id=${t.sport}`;
  return `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport}`;
}

/** formatEntry prints one entry as `conntrack -L` does. */
export function formatEntry(ct: Conntrack, e: ConntrackEntry): string {
  const p = e.orig.protocol;
  let s = `${p.padEnd(8)} ${PROTO_NUM[p]} ${ct.remaining(e)} `;
  if (e.tcpState) s += `${e.tcpState} `;
  s += tuple(e.orig, false);
  if (!e.seenReply) s += ' [UNREPLIED]';
  s += ` ${tuple(e.reply, true)}`;
  if (e.assured) s += ' [ASSURED]';
  s += ` mark=${e.mark} use=1`;
  return s;
}

export const conntrack: Tool = async (argv, io, ctx) => {
  const ct = ctx.netns.conntrack;
  let cmd = '';
  const filter: { proto?: string; src?: string; dst?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (['-L', '--dump', '-C', '--count', '-F', '--flush'].includes(a)) cmd = a;
    else if (a === '-p' || a === '--proto') filter.proto = argv[++i];
    else if (a === '-s' || a === '--src' || a === '--orig-src') filter.src = argv[++i];
    else if (a === '-d' || a === '--dst' || a === '--orig-dst') filter.dst = argv[++i];
    else if (a === '-n') continue;
    else {
      io.stderr(`conntrack v1.4.6 (conntrack-tools): Bad parameter \`${a}'\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
      return 2;
    }
  }
  if (cmd === '-F' || cmd === '--flush') {
    ct.flush();
    io.stderr('conntrack v1.4.6 (conntrack-tools): connection tracking table has been emptied.\n');
    return 0;
  }
  const entries = ct
    .list()
    .filter((e) => (!filter.proto || e.orig.protocol === filter.proto) && (!filter.src || e.orig.src === filter.src) && (!filter.dst || e.orig.dst === filter.dst));
  if (cmd === '-C' || cmd === '--count') {
    io.stdout(`${entries.length}\n`);
    return 0;
  }
  if (!cmd) {
    io.stderr('conntrack v1.4.6 (conntrack-tools): no command specified\nTry `conntrack -h\' or \'conntrack --help\' for more information.\n');
    return 2;
  }
  io.stdout(entries.map((e) => formatEntry(ct, e) + '\n').join(''));
  io.stderr(`conntrack v1.4.6 (conntrack-tools): ${entries.length} flow entries have been shown.\n`);
  return 0;
};
