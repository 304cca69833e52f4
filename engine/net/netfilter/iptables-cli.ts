// Mirrors iptables/iptables.c do_command4 + libiptc's chain operations: parse one iptables command
// line (-t, -A/-I/-D/-R/-C/-N/-X/-F/-Z/-P/-E/-L/-S and the listing flags) and apply it to a table,
// failing with iptables' own messages and exit codes.
import type { TableName } from './types.js';
import { IPTABLES_VERSION, IptablesError, parameterProblem } from './types.js';
import { Chain, Table } from './table.js';
import { parseRule } from './rule.js';
import { listChains, listRules } from './iptables-list.js';

export interface Command {
  table: TableName;
  op?: 'A' | 'I' | 'D' | 'R' | 'C' | 'N' | 'X' | 'F' | 'Z' | 'P' | 'L' | 'S' | 'E';
  chain?: string;
  num?: number;
  arg?: string;
  rule: string[];
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

const LONG: Record<string, string> = {
  '--append': '-A',
  '--insert': '-I',
  '--delete': '-D',
  '--replace': '-R',
  '--check': '-C',
  '--new-chain': '-N',
  '--new': '-N',
  '--delete-chain': '-X',
  '--flush': '-F',
  '--zero': '-Z',
  '--policy': '-P',
  '--list': '-L',
  '--list-rules': '-S',
  '--rename-chain': '-E',
  '--table': '-t',
  '--numeric': '-n',
  '--verbose': '-v',
  '--exact': '-x',
};

export const TABLES: TableName[] = ['filter', 'nat', 'mangle', 'raw'];

function isInt(s: string | undefined): boolean {
  return s !== undefined && /^\d+$/.test(s);
}

/** parseCommand reads an argv (without "iptables"). */
export function parseCommand(argv: string[]): Command {
  const cmd: Command = { table: 'filter', rule: [], numeric: false, verbose: false, exact: false, lineNumbers: false };
  const expanded: string[] = [];
  for (const a of argv) {
    if (/^-[nvxLSFXZ]{2,}$/.test(a)) for (const ch of a.slice(1)) expanded.push(`-${ch}`);
    else expanded.push(LONG[a] ?? a);
  }
  let i = 0;
  const setOp = (op: Command['op']) => {
    if (cmd.op) throw parameterProblem(`Illegal option \`-${op}' with this command`);
    cmd.op = op;
  };
  const optional = () => (expanded[i] !== undefined && !expanded[i]!.startsWith('-') ? expanded[i++] : undefined);
  const required = (flag: string) => {
    const v = expanded[i++];
    if (v === undefined) throw parameterProblem(`option "${flag}" requires an argument`);
    return v;
  };
  while (i < expanded.length) {
    const a = expanded[i++]!;
    switch (a) {
      case '-t': {
        const t = required(a);
        if (!TABLES.includes(t as TableName))
          throw new IptablesError(`iptables ${IPTABLES_VERSION} (legacy): can't initialize iptables table \`${t}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
        cmd.table = t as TableName;
        break;
      }
      case '-A':
      case '-C':
        setOp(a[1] as Command['op']);
        cmd.chain = required(a);
        break;
      case '-I':
        setOp('I');
        cmd.chain = required(a);
        if (isInt(expanded[i])) cmd.num = Number(expanded[i++]);
        break;
      case '-D':
        setOp('D');
        cmd.chain = required(a);
        if (isInt(expanded[i]) && expanded.length === i + 1) cmd.num = Number(expanded[i++]);
        break;
      case '-R':
        setOp('R');
        cmd.chain = required(a);
        if (!isInt(expanded[i])) throw parameterProblem('-R requires a rule number');
        cmd.num = Number(expanded[i++]);
        break;
      case '-N':
        setOp('N');
        cmd.chain = required(a);
        break;
      case '-X':
      case '-F':
      case '-Z':
      case '-L':
      case '-S':
        setOp(a[1] as Command['op']);
        cmd.chain = optional();
        if (a === '-L' || a === '-S' || a === '-Z') if (isInt(expanded[i])) cmd.num = Number(expanded[i++]);
        break;
      case '-P':
        setOp('P');
        cmd.chain = required(a);
        cmd.arg = required(a);
        break;
      case '-E':
        setOp('E');
        cmd.chain = required(a);
        cmd.arg = required(a);
        break;
      case '-n':
        cmd.numeric = true;
        break;
      case '-v':
        cmd.verbose = true;
        break;
      case '-x':
        cmd.exact = true;
        break;
      case '--line-numbers':
        cmd.lineNumbers = true;
        break;
      case '-w':
      case '--wait':
        if (isInt(expanded[i])) i++;
        break;
      case '-W':
      case '--wait-interval':
        i++;
        break;
      default:
        cmd.rule.push(a);
    }
  }
  if (!cmd.op) throw parameterProblem('no command specified');
  return cmd;
}

const NO_CHAIN = 'iptables: No chain/target/match by that name.';
const BAD_RULE = 'iptables: Bad rule (does a matching rule exist in that chain?).';

function fail(msg: string): never {
  throw new IptablesError(msg, 1);
}

function getChain(table: Table, name: string | undefined): Chain {
  const c = name === undefined ? undefined : table.chain(name);
  if (!c) fail(NO_CHAIN);
  return c;
}

/** execute applies a parsed command to a table and returns what it prints. */
export function execute(table: Table, cmd: Command): string {
  const ruleCtx = { table: cmd.table, chainExists: (n: string) => table.chains.has(n) && !table.chain(n)!.builtin };
  const rule = () => parseRule(cmd.rule, ruleCtx);
  switch (cmd.op) {
    case 'A': {
      const c = getChain(table, cmd.chain);
      c.rules.push(rule());
      return '';
    }
    case 'I': {
      const c = getChain(table, cmd.chain);
      const n = cmd.num ?? 1;
      if (n < 1 || n > c.rules.length + 1) fail('iptables: Index of insertion too big.');
      c.rules.splice(n - 1, 0, rule());
      return '';
    }
    case 'R': {
      const c = getChain(table, cmd.chain);
      if (cmd.num! < 1 || cmd.num! > c.rules.length) fail('iptables: Index of replacement too big.');
      c.rules[cmd.num! - 1] = rule();
      return '';
    }
    case 'D':
    case 'C': {
      const c = getChain(table, cmd.chain);
      if (cmd.op === 'D' && cmd.num !== undefined) {
        if (cmd.num < 1 || cmd.num > c.rules.length) fail('iptables: Index of deletion too big.');
        c.rules.splice(cmd.num - 1, 1);
        return '';
      }
      const spec = rule().spec();
      const idx = c.rules.findIndex((r) => r.spec() === spec);
      if (idx < 0) fail(BAD_RULE);
      if (cmd.op === 'D') c.rules.splice(idx, 1);
      return '';
    }
    case 'N': {
      const name = cmd.chain!;
      if (table.chains.has(name)) fail('iptables: Chain already exists.');
      if (name.length > 28) throw parameterProblem(`chain name \`${name}' too long (must be under 29 chars)`);
      if (name.startsWith('-') || name === 'ACCEPT' || name === 'DROP' || name === 'RETURN' || name === 'QUEUE')
        throw parameterProblem(`chain name may not clash with target name`);
      table.chains.set(name, new Chain(name, false));
      return '';
    }
    case 'X': {
      const names = cmd.chain ? [cmd.chain] : table.orderedChains().filter((c) => !c.builtin).map((c) => c.name);
      for (const name of names) {
        const c = getChain(table, name);
        if (c.builtin) fail('iptables: Invalid argument. Run `dmesg\' for more information.');
        if (table.references(name) > 0) fail('iptables: Too many links.');
        if (c.rules.length > 0) fail('iptables: Directory not empty.');
        table.chains.delete(name);
      }
      return '';
    }
    case 'F': {
      const chains = cmd.chain ? [getChain(table, cmd.chain)] : [...table.chains.values()];
      for (const c of chains) c.rules = [];
      return '';
    }
    case 'Z': {
      const chains = cmd.chain ? [getChain(table, cmd.chain)] : [...table.chains.values()];
      for (const c of chains) {
        c.packets = c.bytes = 0;
        for (const r of c.rules) r.packets = r.bytes = 0;
      }
      return '';
    }
    case 'P': {
      const c = getChain(table, cmd.chain);
      if (!c.builtin) fail('iptables: Bad built-in chain name.');
      if (cmd.arg !== 'ACCEPT' && cmd.arg !== 'DROP') fail('iptables: Bad policy name.');
      c.policy = cmd.arg;
      return '';
    }
    case 'E': {
      const c = getChain(table, cmd.chain);
      if (c.builtin) fail('iptables: Invalid argument. Run `dmesg\' for more information.');
      if (table.chains.has(cmd.arg!)) fail('iptables: File exists.');
      const renamed = new Chain(cmd.arg!, false);
      renamed.rules = c.rules;
      table.chains.delete(c.name);
      table.chains.set(renamed.name, renamed);
      for (const ch of table.chains.values()) for (const r of ch.rules) if (r.target?.name === c.name) (r.target as { name: string }).name = renamed.name;
      return '';
    }
    case 'L': {
      const chains = cmd.chain ? [getChain(table, cmd.chain)] : table.orderedChains();
      return listChains(table, chains, cmd);
    }
    case 'S': {
      const chains = cmd.chain ? [getChain(table, cmd.chain)] : table.orderedChains();
      return listRules(chains, cmd.verbose);
    }
  }
  return '';
}
