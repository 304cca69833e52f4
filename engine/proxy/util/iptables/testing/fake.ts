// Mirrors pkg/util/iptables/testing/fake.go: an in-memory iptables that accepts iptables-restore
// input and single `iptables` commands and prints iptables-save text, for proxier tests without a
// dataplane. Rules are kept as the text they were written with (no match normalisation).
import type { IptablesRestoreOptions, Netfilter } from '../../../../net/types.js';

type Table = 'filter' | 'nat' | 'mangle' | 'raw';
interface Chain {
  policy: string;
  rules: string[];
}
type Tables = Map<Table, Map<string, Chain>>;

const builtins: Record<Table, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
};
const tableOrder: Table[] = ['raw', 'mangle', 'nat', 'filter'];

function emptyTable(table: Table): Map<string, Chain> {
  return new Map(builtins[table].map((c) => [c, { policy: 'ACCEPT', rules: [] }]));
}

/** quoteArgs joins argv the way iptables-save prints it (arguments with spaces in double quotes). */
export function quoteArgs(argv: string[]): string {
  return argv.map((a) => (/[\s"]/.test(a) || a === '' ? `"${a.replace(/"/g, '\\"')}"` : a)).join(' ');
}

export class FakeNetfilter implements Netfilter {
  tables: Tables = new Map(tableOrder.map((t) => [t, emptyTable(t)]));
  /** restores records every restore input, newest last. */
  readonly restores: string[] = [];

  restore(text: string, options: IptablesRestoreOptions = {}): void {
    const next: Tables = new Map([...this.tables].map(([t, chains]) => [t, new Map([...chains].map(([n, c]) => [n, { policy: c.policy, rules: [...c.rules] }]))]));
    let table: Map<string, Chain> | undefined;
    let tableName: Table = 'filter';
    let lineNo = 0;
    for (const raw of text.split('\n')) {
      lineNo++;
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const fail = (msg: string): never => {
        throw new Error(`iptables-restore: line ${lineNo} failed${msg ? `: ${msg}` : ''}`);
      };
      if (line.startsWith('*')) {
        const name = line.slice(1) as Table;
        if (!builtins[name]) fail(`unknown table ${name}`);
        if (!options.noflush) next.set(name, emptyTable(name));
        table = next.get(name);
        tableName = name;
      } else if (line === 'COMMIT') table = undefined;
      else if (!table) fail('no table');
      else if (line.startsWith(':')) {
        const [name, policy] = line.slice(1).split(/\s+/);
        const existing = table.get(name);
        if (existing) existing.rules = [];
        else table.set(name, { policy: '-', rules: [] });
        if (existing && policy !== '-') existing.policy = policy;
      } else {
        const m = /^(-[AIXD])\s+(\S+)\s*(.*)$/.exec(line) ?? fail('bad rule');
        const [, op, chainName, rule] = m;
        const chain = table.get(chainName);
        if (op === '-X') {
          if (builtins[tableName].includes(chainName)) fail(`cannot delete built-in chain ${chainName}`);
          table.delete(chainName);
        } else if (!chain) fail(`chain ${chainName} does not exist`);
        else if (op === '-A') chain.rules.push(rule);
        else if (op === '-I') chain.rules.unshift(rule);
        else chain.rules = chain.rules.filter((r) => r !== rule);
      }
    }
    this.tables = next;
    this.restores.push(text);
  }

  save(only?: Table): string {
    const out: string[] = [];
    for (const name of tableOrder) {
      if (only && name !== only) continue;
      const chains = this.tables.get(name)!;
      const order = [...builtins[name], ...[...chains.keys()].filter((c) => !builtins[name].includes(c)).sort()];
      out.push(`*${name}`);
      for (const c of order) out.push(`:${c} ${chains.get(c)!.policy} [0:0]`);
      for (const c of order) for (const r of chains.get(c)!.rules) out.push(`-A ${c} ${r}`);
      out.push('COMMIT');
    }
    return out.join('\n') + '\n';
  }

  run(argv: string[]): { code: number; stdout: string; stderr: string } {
    let args = [...argv];
    let tableName: Table = 'filter';
    const t = args.indexOf('-t');
    if (t >= 0) {
      tableName = args[t + 1] as Table;
      args.splice(t, 2);
    }
    const table = this.tables.get(tableName);
    if (!table) return { code: 2, stdout: '', stderr: `iptables v1.8.7 (legacy): can't initialize iptables table \`${tableName}': Table does not exist` };
    const [op, chainName, ...rest] = args;
    const chain = table.get(chainName);
    const noChain = { code: 1, stdout: '', stderr: 'iptables: No chain/target/match by that name.' };
    const rule = quoteArgs(rest);
    switch (op) {
      case '-N':
        if (chain) return { code: 1, stdout: '', stderr: 'iptables: Chain already exists.' };
        table.set(chainName, { policy: '-', rules: [] });
        return { code: 0, stdout: '', stderr: '' };
      case '-X':
        if (!chain) return noChain;
        table.delete(chainName);
        return { code: 0, stdout: '', stderr: '' };
      case '-F':
        if (!chain) return noChain;
        chain.rules = [];
        return { code: 0, stdout: '', stderr: '' };
      case '-A':
      case '-I':
      case '-C':
      case '-D': {
        if (!chain) return noChain;
        if (op === '-A') chain.rules.push(rule);
        else if (op === '-I') chain.rules.unshift(rule);
        else {
          const i = chain.rules.indexOf(rule);
          if (i < 0) return { code: 1, stdout: '', stderr: 'iptables: Bad rule (does a matching rule exist in that chain?).' };
          if (op === '-D') chain.rules.splice(i, 1);
        }
        return { code: 0, stdout: '', stderr: '' };
      }
      case '-S': {
        const names = chainName ? [chainName] : [...table.keys()];
        const lines = names.flatMap((n) => [`-N ${n}`, ...(table.get(n)?.rules ?? []).map((r) => `-A ${n} ${r}`)]);
        return { code: 0, stdout: lines.join('\n') + '\n', stderr: '' };
      }
      default:
        return { code: 2, stdout: '', stderr: `iptables v1.8.7 (legacy): unknown option "${op}"` };
    }
  }

  /** rules returns one chain's rules (without the "-A CHAIN" prefix). */
  rules(table: Table, chain: string): string[] {
    return [...(this.tables.get(table)?.get(chain)?.rules ?? [])];
  }
}
