// Mirrors iptables/iptables.c print_header / print_firewall and xtables_print_num: the columns of
// `iptables -L [-n] [-v] [-x] [--line-numbers]` and `iptables -S`.
import type { Chain, Table } from './table.js';
import type { AddrSpec, Rule } from './rule.js';
import { formatIP } from '../ip/addr.js';

export interface ListOptions {
  numeric?: boolean;
  verbose?: boolean;
  exact?: boolean;
  lineNumbers?: boolean;
}

/** printNum mirrors xtables_print_num: K/M/G suffixes unless -x, 5 columns wide in tables. */
export function printNum(n: number, exact: boolean, notable = false): string {
  if (exact) return notable ? `${n} ` : `${String(n).padStart(8)} `;
  if (n <= 99999) return notable ? `${n} ` : `${String(n).padStart(5)} `;
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  for (const u of units) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999 || u === 'T') return notable ? `${v}${u} ` : `${String(v).padStart(4)}${u} `;
  }
  return `${n} `;
}

function header(table: Table, chain: Chain, o: ListOptions): string {
  let s = `Chain ${chain.name}`;
  if (chain.builtin) {
    s += ` (policy ${chain.policy}`;
    if (o.verbose) s += ` ${printNum(chain.packets, !!o.exact, true)}packets, ${printNum(chain.bytes, !!o.exact, true)}bytes`;
    s += ')';
  } else s += ` (${table.references(chain.name)} references)`;
  s += '\n';
  if (o.lineNumbers) s += 'num  ';
  if (o.verbose) s += o.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes ';
  s += 'target    ';
  s += ' prot opt';
  if (o.verbose) s += ` ${'in'.padEnd(6)} ${'out'.padEnd(6)} `;
  s += ` ${'source'.padEnd(19)} `;
  s += ` ${'destination'.padEnd(19)} `;
  return s + '\n';
}

function addr(a: AddrSpec | undefined, numeric: boolean): string {
  const inv = a?.invert ? '!' : ' ';
  if (!a || a.bits === 0) return `${inv}${(numeric ? '0.0.0.0/0' : 'anywhere').padEnd(19)} `;
  const text = a.bits === 32 ? formatIP(a.addr) : `${formatIP(a.addr)}/${a.bits}`;
  return `${inv}${text.padEnd(19)} `;
}

function row(rule: Rule, num: number, o: ListOptions): string {
  let s = '';
  if (o.lineNumbers) s += `${String(num).padEnd(4)} `;
  if (o.verbose) s += o.exact ? `${String(rule.packets).padStart(8)} ${String(rule.bytes).padStart(10)} ` : printNum(rule.packets, false) + printNum(rule.bytes, false);
  s += `${(rule.target?.name ?? '').padEnd(9)} `;
  s += rule.proto?.invert ? '!' : ' ';
  s += (rule.proto?.name ?? 'all').padEnd(5);
  s += '-- ';
  if (o.verbose) {
    const iface = (i: { name: string; invert: boolean } | undefined) => `${i?.invert ? '!' : ''}${i ? i.name : o.numeric ? '*' : 'any'}`;
    s += ` ${iface(rule.inIface).padEnd(6)} ${iface(rule.outIface).padEnd(6)} `;
  }
  s += addr(rule.src, !!o.numeric);
  s += addr(rule.dst, !!o.numeric);
  for (const m of rule.matches) s += m.print();
  if (rule.target) s += rule.target.print();
  return s + '\n';
}

/** listChains prints chains as `iptables -L` does, separated by blank lines. */
export function listChains(table: Table, chains: Chain[], o: ListOptions): string {
  return chains
    .map((c) => header(table, c, o) + c.rules.map((r, i) => row(r, i + 1, o)).join(''))
    .join('\n');
}

/** listRules prints chains as `iptables -S` does. */
export function listRules(chains: Chain[], verbose: boolean): string {
  const lines: string[] = [];
  for (const c of chains) lines.push(c.builtin ? `-P ${c.name} ${c.policy}${verbose ? ` -c ${c.packets} ${c.bytes}` : ''}` : `-N ${c.name}`);
  for (const c of chains) for (const r of c.rules) lines.push(`-A ${c.name} ${r.spec()}${verbose ? ` -c ${r.packets} ${r.bytes}` : ''}`.trimEnd());
  return lines.join('\n') + '\n';
}
