// Mirrors a namespace's x_tables state (net/netfilter/x_tables.c + ip_tables.c) behind the
// contract's Netfilter: the loaded tables, the `recent` lists, and the iptables, iptables-save and
// iptables-restore front ends. Tables are loaded on first use, as the kernel loads iptable_* modules.
import type { Clock } from '../../util/clock.js';
import type { IptablesRestoreOptions, Netfilter as NetfilterContract } from '../types.js';
import type { Hook, PacketContext, RecentTable, TableName } from './types.js';
import { IptablesError } from './types.js';
import { Table, type TraverseObserver } from './table.js';
import { execute, parseCommand } from './iptables-cli.js';
import { restoreTables, type RestoreOptions } from './iptables-restore.js';
import { saveTable, type SaveOptions } from './iptables-save.js';

export class Netfilter implements NetfilterContract {
  private tables = new Map<TableName, Table>();
  readonly recent = new Map<string, RecentTable>();

  constructor(private readonly clock: Clock) {
    this.table('filter');
    this.table('nat');
  }

  /** table returns a table, loading it (empty, ACCEPT policies) on first use. */
  table(name: TableName): Table {
    let t = this.tables.get(name);
    if (!t) {
      t = new Table(name);
      this.tables.set(name, t);
    }
    return t;
  }

  loaded(name: TableName): boolean {
    return this.tables.has(name);
  }

  /** traverse runs one table's chain for a hook, if that table is loaded. */
  traverse(name: TableName, hook: Hook, ctx: PacketContext, observer?: TraverseObserver): 'ACCEPT' | 'DROP' {
    const t = this.tables.get(name);
    if (!t || !t.chain(hook)) return 'ACCEPT';
    ctx.table = name;
    return t.traverse(hook, ctx, observer);
  }

  restore(text: string, options: IptablesRestoreOptions & RestoreOptions = {}): void {
    restoreTables(text, (n) => this.table(n), (t) => this.tables.set(t.name, t), options);
  }

  save(table?: TableName, options: SaveOptions = {}): string {
    const now = this.clock.now();
    if (table) return saveTable(this.table(table), now, options);
    return [...this.tables.values()].map((t) => saveTable(t, now, options)).join('');
  }

  run(argv: string[]): { code: number; stdout: string; stderr: string } {
    try {
      const cmd = parseCommand(argv);
      const t = this.table(cmd.table);
      if (['A', 'I', 'D', 'R', 'N', 'X', 'F', 'Z', 'P', 'E'].includes(cmd.op!)) {
        // Like libiptc, change a copy and commit it whole.
        const work = t.clone();
        const out = execute(work, cmd);
        this.tables.set(work.name, work);
        return { code: 0, stdout: out, stderr: '' };
      }
      return { code: 0, stdout: execute(t, cmd), stderr: '' };
    } catch (err) {
      if (err instanceof IptablesError) return { code: err.status, stdout: '', stderr: err.message + '\n' };
      throw err;
    }
  }
}
