// Mirrors struct ipt_entry and iptables' command parser for one rule (iptables/iptables.c,
// xshared.c): the IP part (-s -d -i -o -p with "!"), the matches in the order they were loaded
// (protocol matches load implicitly), one target, and packet/byte counters. A rule prints itself in
// iptables-save's canonical form; -D and -C compare rules by that form.
import type { ArgReader, Match, PacketContext, TableName, Target } from './types.js';
import { IptablesError, parameterProblem } from './types.js';
import { formatIP, maskOf, mustParseIP, parseCIDR } from '../ip/addr.js';
import { newMatch } from './matches/registry.js';
import { newTarget } from './targets/registry.js';

export interface AddrSpec {
  addr: number;
  bits: number;
  invert: boolean;
}

export interface IfaceSpec {
  name: string;
  invert: boolean;
}

const PROTOS: Record<string, string> = { tcp: 'tcp', udp: 'udp', icmp: 'icmp', all: 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '0': 'all' };

export class Rule {
  src?: AddrSpec;
  dst?: AddrSpec;
  inIface?: IfaceSpec;
  outIface?: IfaceSpec;
  proto?: { name: string; invert: boolean };
  matches: Match[] = [];
  target?: Target;
  packets = 0;
  bytes = 0;

  matchesPacket(ctx: PacketContext): boolean {
    const p = ctx.packet;
    if (this.src && addrMatches(this.src, p.src) === this.src.invert) return false;
    if (this.dst && addrMatches(this.dst, p.dst) === this.dst.invert) return false;
    if (this.inIface && ifaceMatches(this.inIface.name, ctx.inDev) === this.inIface.invert) return false;
    if (this.outIface && ifaceMatches(this.outIface.name, ctx.outDev) === this.outIface.invert) return false;
    if (this.proto && this.proto.name !== 'all' && (p.protocol === this.proto.name) === this.proto.invert) return false;
    for (const m of this.matches) if (!m.matches(ctx)) return false;
    return true;
  }

  /** spec prints the rule without "-A CHAIN", exactly as iptables-save does. */
  spec(): string {
    let s = '';
    if (this.src) s += ` ${this.src.invert ? '! ' : ''}-s ${formatAddr(this.src)}`;
    if (this.dst) s += ` ${this.dst.invert ? '! ' : ''}-d ${formatAddr(this.dst)}`;
    if (this.inIface) s += ` ${this.inIface.invert ? '! ' : ''}-i ${this.inIface.name}`;
    if (this.outIface) s += ` ${this.outIface.invert ? '! ' : ''}-o ${this.outIface.name}`;
    if (this.proto) s += ` ${this.proto.invert ? '! ' : ''}-p ${this.proto.name}`;
    for (const m of this.matches) s += ` -m ${m.name}${m.save()}`;
    if (this.target) s += ` ${isGoto(this.target) ? '-g' : '-j'} ${this.target.name}${this.target.save()}`;
    return s.trimStart();
  }
}

function isGoto(t: Target): boolean {
  return (t as { goto?: boolean }).goto === true;
}

function addrMatches(a: AddrSpec, ip: string): boolean {
  return ((mustParseIP(ip) & maskOf(a.bits)) >>> 0) === a.addr;
}

/** ifaceMatches implements "eth+" as a prefix wildcard. */
function ifaceMatches(pattern: string, dev: string | undefined): boolean {
  if (dev === undefined) return false;
  if (pattern.endsWith('+')) return dev.startsWith(pattern.slice(0, -1));
  return dev === pattern;
}

export function formatAddr(a: AddrSpec): string {
  return `${formatIP(a.addr)}/${a.bits}`;
}

/** RuleContext tells the parser which chains exist (a jump to an unknown name is a missing target). */
export interface RuleContext {
  table: TableName;
  chainExists(name: string): boolean;
}

/** parseRule builds a rule from its tokens (everything after "-A CHAIN"). */
export function parseRule(tokens: string[], ctx: RuleContext): Rule {
  const rule = new Rule();
  let i = 0;
  let invert = false;
  const args: ArgReader = {
    next: () => {
      const v = tokens[i++];
      if (v === undefined) throw parameterProblem(`option "${tokens[i - 2]}" requires an argument`);
      return v;
    },
    peek: () => tokens[i],
  };
  const takeInvert = () => {
    const v = invert;
    invert = false;
    return v;
  };
  let targetOptionsOpen = false;
  while (i < tokens.length) {
    const tok = tokens[i++]!;
    if (tok === '!') {
      if (invert) throw parameterProblem('multiple consecutive ! not allowed');
      invert = true;
      continue;
    }
    switch (tok) {
      case '-s':
      case '--source':
      case '--src':
        rule.src = parseAddr(args.next(), takeInvert());
        continue;
      case '-d':
      case '--destination':
      case '--dst':
        rule.dst = parseAddr(args.next(), takeInvert());
        continue;
      case '-i':
      case '--in-interface':
        rule.inIface = { name: args.next(), invert: takeInvert() };
        continue;
      case '-o':
      case '--out-interface':
        rule.outIface = { name: args.next(), invert: takeInvert() };
        continue;
      case '-p':
      case '--protocol': {
        const v = args.next().toLowerCase();
        const name = PROTOS[v];
        if (!name) throw parameterProblem(`unknown protocol "${v}" specified`);
        rule.proto = { name, invert: takeInvert() };
        continue;
      }
      case '-m':
      case '--match': {
        rule.matches.push(newMatch(args.next()));
        continue;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto': {
        if (rule.target) throw parameterProblem('multiple -j flags not allowed');
        const name = args.next();
        rule.target = newTarget(name, tok === '-g' || tok === '--goto', ctx);
        targetOptionsOpen = true;
        continue;
      }
      case '-c':
      case '--set-counters': {
        rule.packets = Number(args.next());
        rule.bytes = Number(args.next());
        continue;
      }
    }
    if (!tok.startsWith('-')) throw parameterProblem(`Bad argument \`${tok}'`);
    const inv = takeInvert();
    if (targetOptionsOpen && rule.target?.parse(tok, inv, args)) continue;
    let handled = false;
    for (let k = rule.matches.length - 1; k >= 0 && !handled; k--) handled = rule.matches[k]!.parse(tok, inv, args);
    if (!handled && rule.proto && rule.proto.name !== 'all' && !rule.matches.some((m) => m.name === rule.proto!.name)) {
      const implicit = newMatch(rule.proto.name);
      if (implicit.parse(tok, inv, args)) {
        rule.matches.push(implicit);
        handled = true;
      }
    }
    if (!handled) throw parameterProblem(`unknown option "${tok}"`);
  }
  if (invert) throw parameterProblem('no command specified');
  for (const m of rule.matches) m.check();
  rule.target?.check(ctx.table);
  return rule;
}

function parseAddr(s: string, invert: boolean): AddrSpec {
  const p = parseCIDR(s);
  if (!p) throw new IptablesError(`iptables ${'v1.8.7'} (legacy): host/network \`${s}' not found\nTry \`iptables -h' or 'iptables --help' for more information.`, 2);
  return { addr: p.addr, bits: p.bits, invert };
}
