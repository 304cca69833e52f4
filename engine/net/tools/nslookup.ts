// Mirrors bind9's nslookup (non-interactive) and dig (+short and the default sections) over the
// shared DNS codec, with the resolv.conf search list applied as nslookup does.
import type { Tool } from './types.js';
import { candidates, query } from './resolver.js';
import { RCODE, TYPE, rcodeName, reverseName, typeName, type ResourceRecord, type SrvData } from '../dns-wire/message.js';
import { isIP } from '../ip/addr.js';

function rdata(r: ResourceRecord): string {
  if (r.type === TYPE.SRV) {
    const s = r.data as SrvData;
    return `${s.priority} ${s.weight} ${s.port} ${s.target}`;
  }
  if (Array.isArray(r.data)) return r.data.map((t) => `"${t}"`).join(' ');
  return String(r.data);
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
  const type = isIP(name) ? TYPE.PTR : typeArg ? (TYPE as Record<string, number>)[typeArg.split('=')[1]!.toUpperCase()] ?? TYPE.A : TYPE.A;
  const names = type === TYPE.PTR ? [reverseName(name)] : candidates(ctx, name);
  io.stdout(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
  let lastCode = 'NXDOMAIN';
  for (const n of names) {
    const m = await query(ctx, server, n, type);
    if (!m) {
      io.stdout(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    const answers = m.answers.filter((a) => a.type === type || a.type === TYPE.CNAME);
    if (m.flags.rcode === RCODE.NOERROR && answers.length > 0) {
      for (const a of answers) {
        const owner = a.name.replace(/\.$/, '');
        if (a.type === TYPE.A || a.type === TYPE.AAAA) io.stdout(`Name:\t${owner}\nAddress: ${a.data}\n`);
        else if (a.type === TYPE.PTR) io.stdout(`${owner}\tname = ${a.data}\n`);
        else if (a.type === TYPE.CNAME) io.stdout(`${owner}\tcanonical name = ${a.data}\n`);
        else io.stdout(`${owner}\tservice = ${rdata(a)}\n`);
      }
      io.stdout('\n');
      return 0;
    }
    lastCode = rcodeName(m.flags.rcode);
    if (m.flags.rcode === RCODE.NOERROR) lastCode = 'NOERROR';
  }
  if (lastCode === 'NOERROR') io.stdout(`*** Can't find ${name}: No answer\n\n`);
  else io.stdout(`** server can't find ${type === TYPE.PTR ? reverseName(name) : name}: ${lastCode}\n\n`);
  return 1;
};

export const dig: Tool = async (argv, io, ctx) => {
  let server = ctx.resolv?.nameservers[0];
  let short = false;
  let name: string | undefined;
  let type: number = TYPE.A;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '+short') short = true;
    else if (a.startsWith('+')) continue;
    else if (a === '-x') {
      name = reverseName(argv[++i]!);
      type = TYPE.PTR;
    } else if (a === '-t') type = (TYPE as Record<string, number>)[argv[++i]!.toUpperCase()] ?? TYPE.A;
    else if ((TYPE as Record<string, number>)[a.toUpperCase()] !== undefined && name) type = (TYPE as Record<string, number>)[a.toUpperCase()]!;
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
    io.stdout(m.answers.map((a) => rdata(a) + '\n').join(''));
    return 0;
  }
  const f = m.flags;
  const flagText = ['qr', 'aa', 'rd', 'ra'].filter((k) => f[k as 'qr']).join(' ');
  let s = `\n; <<>> DiG 9.18.28 <<>> ${argv.join(' ')}\n;; global options: +cmd\n;; Got answer:\n`;
  s += `;; ->>HEADER<<- opcode: QUERY, status: ${rcodeName(f.rcode)}, id: ${m.id}\n`;
  s += `;; flags: ${flagText}; QUERY: ${m.questions.length}, ANSWER: ${m.answers.length}, AUTHORITY: ${m.authorities.length}, ADDITIONAL: ${m.additionals.length}\n\n`;
  s += `;; QUESTION SECTION:\n;${fq}\t\t\tIN\t${typeName(type)}\n\n`;
  if (m.answers.length) s += `;; ANSWER SECTION:\n${m.answers.map((a) => `${a.name}\t\t${a.ttl}\tIN\t${typeName(a.type)}\t${rdata(a)}`).join('\n')}\n\n`;
  s += `;; SERVER: ${server}#53(${server}) (UDP)\n\n`;
  io.stdout(s);
  return 0;
};
