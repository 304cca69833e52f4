// Mirrors bind9's nslookup (non-interactive) and dig (+short and the default sections) over the
// cluster DNS's codec and client, with the resolv.conf search list applied as nslookup does.
import type { Tool, ToolContext } from './types.js';
import { DNS_TIMEOUT_MS, resolvConf } from './resolver.js';
import { exchange } from '../../dns/client.js';
import { nameList } from '../../dns/resolver.js';
import { newQuery, Rcode, Type, rcodeNames, reverseName, typeNames, type Message, type RR, type SOAData, type SRVData } from '../../dns/wire/message.js';
import { isIP } from '../ip/addr.js';

const TYPE = Type as Record<string, number>;
const typeName = (t: number) => typeNames[t] ?? `TYPE${t}`;
const rcodeName = (r: number) => rcodeNames[r] ?? `RCODE${r}`;

function rdata(r: RR): string {
  if (r.type === Type.SRV) {
    const s = r.data as SRVData;
    return `${s.priority} ${s.weight} ${s.port} ${s.target}`;
  }
  if (r.type === Type.SOA) {
    const s = r.data as SOAData;
    return `${s.ns} ${s.mbox} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minttl}`;
  }
  if (Array.isArray(r.data)) return r.data.map((t) => `"${t}"`).join(' ');
  return String(r.data);
}

/** query sends one question to server and waits for the answer (undefined on timeout). */
async function query(ctx: ToolContext, server: string, name: string, type: number): Promise<Message | undefined> {
  const id = Math.floor(ctx.netns.env.rng() * 65535);
  return exchange(newQuery(id, name, type), { stack: ctx.netns.stack, clock: ctx.clock, server, timeoutMs: DNS_TIMEOUT_MS }).catch(() => undefined);
}

export const nslookup: Tool = async (argv, io, ctx) => {
  const args = argv.filter((a) => !a.startsWith('-'));
  const typeArg = argv.find((a) => a.startsWith('-type=') || a.startsWith('-query='));
  const [name, serverArg] = args;
  if (!name) {
    io.stderr('Usage: nslookup [-type=TYPE] NAME [SERVER]\n');
    return 1;
  }
  const server = serverArg ?? ctx.resolv?.nameservers[0];
  if (!server) {
    io.stderr(';; connection timed out; no servers could be reached\n');
    return 1;
  }
  const type = isIP(name) ? Type.PTR : typeArg ? TYPE[typeArg.split('=')[1]!.toUpperCase()] ?? Type.A : Type.A;
  const names = type === Type.PTR ? [reverseName(name)] : nameList(name, resolvConf(ctx));
  io.stdout(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
  let lastCode = 'NXDOMAIN';
  for (const n of names) {
    const m = await query(ctx, server, n, type);
    if (!m) {
      io.stdout(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    const answers = m.answer.filter((a) => a.type === type || a.type === Type.CNAME);
    if (m.rcode === Rcode.Success && answers.length > 0) {
      for (const a of answers) {
        const owner = a.name.replace(/\.$/, '');
        if (a.type === Type.A || a.type === Type.AAAA) io.stdout(`Name:\t${owner}\nAddress: ${a.data}\n`);
        else if (a.type === Type.PTR) io.stdout(`${owner}\tname = ${a.data}\n`);
        else if (a.type === Type.CNAME) io.stdout(`${owner}\tcanonical name = ${a.data}\n`);
        else io.stdout(`${owner}\tservice = ${rdata(a)}\n`);
      }
      io.stdout('\n');
      return 0;
    }
    lastCode = rcodeName(m.rcode);
  }
  if (lastCode === 'NOERROR') io.stdout(`*** Can't find ${name}: No answer\n\n`);
  else io.stdout(`** server can't find ${type === Type.PTR ? reverseName(name) : name}: ${lastCode}\n\n`);
  return 1;
};

export const dig: Tool = async (argv, io, ctx) => {
  let server = ctx.resolv?.nameservers[0];
  let short = false;
  let name: string | undefined;
  let type: number = Type.A;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '+short') short = true;
    else if (a.startsWith('+')) continue;
    else if (a === '-x') {
      name = reverseName(argv[++i]!);
      type = Type.PTR;
    } else if (a === '-t') type = TYPE[argv[++i]!.toUpperCase()] ?? Type.A;
    else if (TYPE[a.toUpperCase()] !== undefined && name) type = TYPE[a.toUpperCase()]!;
    else name = a;
  }
  if (!name || !server) {
    io.stderr('usage: dig [@server] name [type] [+short]\n');
    return 1;
  }
  const fq = name.endsWith('.') ? name : `${name}.`;
  const m = await query(ctx, server, fq, type);
  if (!m) {
    io.stdout(`;; communications error to ${server}#53: timed out\n;; no servers could be reached\n`);
    return 9;
  }
  if (short) {
    io.stdout(m.answer.map((a) => rdata(a) + '\n').join(''));
    return 0;
  }
  const flagText = [m.response && 'qr', m.authoritative && 'aa', m.recursionDesired && 'rd', m.recursionAvailable && 'ra'].filter(Boolean).join(' ');
  let s = `\n; <<>> DiG 9.18.28 <<>> ${argv.join(' ')}\n;; global options: +cmd\n;; Got answer:\n`;
  s += `;; ->>HEADER<<- opcode: QUERY, status: ${rcodeName(m.rcode)}, id: ${m.id}\n`;
  s += `;; flags: ${flagText}; QUERY: ${m.question.length}, ANSWER: ${m.answer.length}, AUTHORITY: ${m.ns.length}, ADDITIONAL: ${m.extra.length}\n\n`;
  s += `;; QUESTION SECTION:\n;${fq}\t\t\tIN\t${typeName(type)}\n\n`;
  if (m.answer.length) s += `;; ANSWER SECTION:\n${m.answer.map((a) => `${a.name}\t\t${a.ttl}\tIN\t${typeName(a.type)}\t${rdata(a)}`).join('\n')}\n\n`;
  s += `;; SERVER: ${server}#53(${server}) (UDP)\n\n`;
  io.stdout(s);
  return 0;
};
