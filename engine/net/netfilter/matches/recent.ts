// Mirrors extensions/libxt_recent.c and net/netfilter/xt_recent.c: named lists of recently seen
// addresses (kube-proxy's ClientIP session affinity uses --set and --rcheck --seconds --reap).
import type { ArgReader, Match, PacketContext, RecentTable } from '../types.js';
import { parameterProblem } from '../types.js';
import { formatIP, mustParseIP, parseIP } from '../../ip/addr.js';

type Command = 'SET' | 'CHECK' | 'UPDATE' | 'REMOVE';

export class RecentMatch implements Match {
  readonly name = 'recent';
  command?: Command;
  invert = false;
  seconds = 0;
  reap = false;
  hitcount = 0;
  rttl = false;
  listName = 'DEFAULT';
  mask = '255.255.255.255';
  side: 'source' | 'dest' = 'source';

  parse(option: string, invert: boolean, args: ArgReader): boolean {
    const cmd: Record<string, Command> = { '--set': 'SET', '--rcheck': 'CHECK', '--update': 'UPDATE', '--remove': 'REMOVE' };
    if (cmd[option]) {
      if (this.command) throw parameterProblem('recent: only one of `--set\', `--rcheck\' `--update\' or `--remove\' may be set');
      this.command = cmd[option];
      this.invert = invert;
      return true;
    }
    switch (option) {
      case '--seconds':
        this.seconds = Number(args.next());
        return true;
      case '--reap':
        this.reap = true;
        return true;
      case '--hitcount':
        this.hitcount = Number(args.next());
        return true;
      case '--rttl':
        this.rttl = true;
        return true;
      case '--name':
        this.listName = args.next();
        return true;
      case '--mask': {
        const m = args.next();
        if (parseIP(m) === undefined) throw parameterProblem(`recent: bad mask "${m}"`);
        this.mask = m;
        return true;
      }
      case '--rsource':
        this.side = 'source';
        return true;
      case '--rdest':
        this.side = 'dest';
        return true;
    }
    return false;
  }

  check(): void {
    if (!this.command) throw parameterProblem('recent: you must specify one of `--set\', `--rcheck\' `--update\' or `--remove\'');
    if (this.reap && !this.seconds) throw parameterProblem('recent: --reap is only valid with --seconds');
  }

  matches(ctx: PacketContext): boolean {
    const ip = this.side === 'source' ? ctx.packet.src : ctx.packet.dst;
    const key = formatIP((mustParseIP(ip) & mustParseIP(this.mask)) >>> 0);
    let table: RecentTable | undefined = ctx.recent.get(this.listName);
    if (!table) {
      table = new Map();
      ctx.recent.set(this.listName, table);
    }
    const now = ctx.now;
    let hit: boolean;
    if (this.command === 'SET') {
      if (!ctx.dryRun) table.set(key, [...(table.get(key) ?? []), now].slice(-20));
      hit = true;
    } else if (this.command === 'REMOVE') {
      hit = table.has(key);
      if (!ctx.dryRun) table.delete(key);
    } else {
      let times = table.get(key) ?? [];
      if (this.seconds && this.reap && !ctx.dryRun) {
        times = times.filter((t) => now - t <= this.seconds * 1000);
        if (times.length) table.set(key, times);
        else table.delete(key);
      }
      const within = this.seconds ? times.filter((t) => now - t <= this.seconds * 1000) : times;
      hit = within.length > 0 && (!this.hitcount || within.length >= this.hitcount);
      if (hit && this.command === 'UPDATE' && !ctx.dryRun) table.set(key, [...times, now].slice(-20));
    }
    return hit !== this.invert;
  }

  save(): string {
    const flag: Record<Command, string> = { SET: '--set', CHECK: '--rcheck', UPDATE: '--update', REMOVE: '--remove' };
    let s = this.invert ? ' !' : '';
    s += ` ${flag[this.command!]}`;
    if (this.seconds) s += ` --seconds ${this.seconds}`;
    if (this.reap) s += ' --reap';
    if (this.hitcount) s += ` --hitcount ${this.hitcount}`;
    if (this.rttl) s += ' --rttl';
    s += ` --name ${this.listName} --mask ${this.mask} --${this.side === 'source' ? 'rsource' : 'rdest'}`;
    return s;
  }

  print(): string {
    let s = this.invert ? ' !' : '';
    s += ` recent: ${this.command}`;
    if (this.seconds) s += ` seconds: ${this.seconds}`;
    if (this.reap) s += ' reap';
    if (this.hitcount) s += ` hit_count: ${this.hitcount}`;
    if (this.rttl) s += ' TTL-Match';
    s += ` name: ${this.listName} side: ${this.side} mask: ${this.mask}`;
    return s;
  }
}
