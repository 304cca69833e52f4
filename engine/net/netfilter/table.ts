// Mirrors net/ipv4/netfilter/ip_tables.c (ipt_do_table) and libiptc's chain model: a table holds
// built-in chains with policies and policy counters, and user chains (kept sorted by name, as
// libiptc keeps them); traversal walks rules with a jump stack, RETURN pops, falling off a built-in
// chain applies its policy.
import type { Hook, PacketContext, TableName } from './types.js';
import { IptablesError } from './types.js';
import type { Rule } from './rule.js';
import { ipLength } from '../packet.js';

export const BUILTIN_CHAINS: Record<TableName, Hook[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
};

export class Chain {
  rules: Rule[] = [];
  policy?: 'ACCEPT' | 'DROP';
  packets = 0;
  bytes = 0;

  constructor(
    readonly name: string,
    builtin: boolean,
  ) {
    if (builtin) this.policy = 'ACCEPT';
  }

  get builtin(): boolean {
    return this.policy !== undefined;
  }
}

/** TraverseObserver receives each rule that matched and each policy applied (for traces). */
export interface TraverseObserver {
  rule(table: TableName, chain: string, index: number, rule: Rule): void;
  policy(table: TableName, chain: string, policy: string): void;
}

export class Table {
  chains = new Map<string, Chain>();

  constructor(readonly name: TableName) {
    for (const c of BUILTIN_CHAINS[name]) this.chains.set(c, new Chain(c, true));
  }

  chain(name: string): Chain | undefined {
    return this.chains.get(name);
  }

  /** orderedChains lists built-ins in hook order, then user chains by name. */
  orderedChains(): Chain[] {
    const builtins = BUILTIN_CHAINS[this.name].map((c) => this.chains.get(c)!);
    const users = [...this.chains.values()].filter((c) => !c.builtin).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [...builtins, ...users];
  }

  /** references counts rules that jump to a chain (iptables -L's "(N references)"). */
  references(name: string): number {
    let n = 0;
    for (const c of this.chains.values()) for (const r of c.rules) if (r.target?.name === name) n++;
    return n;
  }

  /** clone copies the table for an atomic replace (iptables-restore builds, then swaps). */
  clone(): Table {
    const t = new Table(this.name);
    t.chains = new Map();
    for (const [name, c] of this.chains) {
      const copy = new Chain(name, c.builtin);
      copy.policy = c.policy;
      copy.packets = c.packets;
      copy.bytes = c.bytes;
      copy.rules = [...c.rules];
      t.chains.set(name, copy);
    }
    return t;
  }

  /** traverse runs the hook's built-in chain; returns ACCEPT or DROP. */
  traverse(hook: Hook, ctx: PacketContext, observer?: TraverseObserver): 'ACCEPT' | 'DROP' {
    const start = this.chains.get(hook);
    if (!start) return 'ACCEPT';
    const stack: Array<{ chain: Chain; index: number }> = [];
    let chain = start;
    let index = 0;
    const len = ipLength(ctx.packet);
    for (let steps = 0; steps < 100_000; steps++) {
      if (index >= chain.rules.length) {
        const back = stack.pop();
        if (back) {
          chain = back.chain;
          index = back.index;
          continue;
        }
        return this.applyPolicy(start, ctx, len, observer);
      }
      const rule = chain.rules[index++]!;
      if (!rule.matchesPacket(ctx)) continue;
      if (!ctx.dryRun) {
        rule.packets++;
        rule.bytes += len;
      }
      observer?.rule(this.name, chain.name, index, rule);
      const v = rule.target ? rule.target.apply(ctx) : { kind: 'CONTINUE' as const };
      switch (v.kind) {
        case 'ACCEPT':
        case 'DROP':
          return v.kind;
        case 'CONTINUE':
          continue;
        case 'RETURN': {
          const back = stack.pop();
          if (!back) return this.applyPolicy(start, ctx, len, observer);
          chain = back.chain;
          index = back.index;
          continue;
        }
        case 'JUMP': {
          const next = this.chains.get(v.chain);
          if (!next) continue;
          if (!v.goto) stack.push({ chain, index });
          if (stack.length > 64) throw new IptablesError('iptables: Too many levels of symbolic links.', 1);
          chain = next;
          index = 0;
          continue;
        }
      }
    }
    return 'DROP';
  }

  private applyPolicy(chain: Chain, ctx: PacketContext, len: number, observer?: TraverseObserver): 'ACCEPT' | 'DROP' {
    if (!ctx.dryRun) {
      chain.packets++;
      chain.bytes += len;
    }
    observer?.policy(this.name, chain.name, chain.policy!);
    return chain.policy!;
  }
}
