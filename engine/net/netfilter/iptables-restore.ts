// Mirrors iptables/iptables-restore.c (legacy): "*table" blocks of ":CHAIN POLICY [p:b]" and command
// lines ended by COMMIT. Without --noflush a block starts from an empty table (policies kept); a
// declared user chain is created or flushed. Each block is built on a copy and swapped in at
// COMMIT, so a failing line leaves the live table untouched.
import type { TableName } from './types.js';
import { IPTABLES_VERSION, IptablesError } from './types.js';
import { Chain, type Table } from './table.js';
import { TABLES, execute, parseCommand } from './iptables-cli.js';
import { tokenize } from './tokenize.js';

export interface RestoreOptions {
  noflush?: boolean;
  /** counters honours [p:b] on chain and rule lines (iptables-restore -c). */
  counters?: boolean;
}

/** restoreTables applies iptables-restore input; commit installs a finished table copy. */
export function restoreTables(text: string, get: (name: TableName) => Table, commit: (t: Table) => void, options: RestoreOptions = {}): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let work: Table | undefined;
  let lineNo = 0;
  const parseError = (msg: string) =>
    new IptablesError(`iptables-restore ${IPTABLES_VERSION} (legacy): ${msg}\nError occurred at line: ${lineNo}\nTry \`iptables-restore -h' or 'iptables-restore --help' for more information.`, 2);
  const lineFailed = () => new IptablesError(`iptables-restore: line ${lineNo} failed`, 1);
  for (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      if (work) throw parseError(`no command specified`);
      const name = line.slice(1) as TableName;
      if (!TABLES.includes(name)) throw lineFailed();
      work = get(name).clone();
      if (!options.noflush) {
        for (const c of work.chains.values()) c.rules = [];
        for (const c of [...work.chains.values()]) if (!c.builtin) work.chains.delete(c.name);
      }
      continue;
    }
    if (line === 'COMMIT') {
      if (!work) throw lineFailed();
      commit(work);
      work = undefined;
      continue;
    }
    if (!work) throw parseError('no command specified');
    if (line.startsWith(':')) {
      const m = /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?/.exec(line);
      if (!m) throw parseError(`Bad chain line`);
      const [, name, policy, p, b] = m as unknown as [string, string, string, string?, string?];
      let chain = work.chain(name);
      if (chain?.builtin) {
        if (policy !== 'ACCEPT' && policy !== 'DROP') throw parseError(`Can't set policy \`${policy}' on \`${name}' line ${lineNo}: Bad policy name`);
        chain.policy = policy;
        if (options.counters && p !== undefined) {
          chain.packets = Number(p);
          chain.bytes = Number(b);
        }
      } else {
        if (name.length > 28) throw parseError(`Invalid chain name \`${name}'`);
        if (chain) chain.rules = [];
        else {
          chain = new Chain(name, false);
          work.chains.set(name, chain);
        }
      }
      continue;
    }
    let body = line;
    let counters: [number, number] | undefined;
    const cm = /^\[(\d+):(\d+)\]\s+(.*)$/.exec(line);
    if (cm) {
      body = cm[3]!;
      if (options.counters) counters = [Number(cm[1]), Number(cm[2])];
    }
    let tokens: string[];
    try {
      tokens = tokenize(body);
    } catch {
      throw parseError('unterminated quote');
    }
    let cmd;
    try {
      cmd = parseCommand(['-t', work.name, ...tokens]);
      execute(work, cmd);
    } catch (err) {
      if (err instanceof IptablesError && err.status === 2) {
        const msg = err.message.replace(/^iptables \S+ \(legacy\): /, '').replace(/\nTry `iptables -h'.*$/s, '');
        throw parseError(msg);
      }
      throw lineFailed();
    }
    if (counters && cmd.op === 'A') {
      const rules = work.chain(cmd.chain!)!.rules;
      const r = rules[rules.length - 1]!;
      [r.packets, r.bytes] = counters;
    }
  }
  if (work) {
    throw new IptablesError(`iptables-restore: COMMIT expected at line ${lineNo + 1}`, 1);
  }
}
