// Mirrors extensions/libxt_statistic.c and net/netfilter/xt_statistic.c: random mode compares a
// (seedable) random draw with the probability stored as a 31-bit fraction; nth mode counts
// packets per rule exactly as the kernel's cmpxchg loop does.
import type { ArgReader, Match, PacketContext } from '../types.js';
import { parameterProblem } from '../types.js';

export class StatisticMatch implements Match {
  readonly name = 'statistic';
  mode?: 'random' | 'nth';
  invert = false;
  /** probability as the kernel stores it: round(P * 2^31). */
  probability = 0;
  every = 0;
  packet = 0;
  private count = 0;
  private seen = new Set<string>();

  parse(option: string, invert: boolean, args: ArgReader): boolean {
    switch (option) {
      case '--mode': {
        const m = args.next();
        if (m !== 'random' && m !== 'nth') throw parameterProblem(`Bad mode \`${m}'`);
        this.mode = m;
        break;
      }
      case '--probability': {
        const p = Number(args.next());
        if (!(p >= 0 && p <= 1)) throw parameterProblem('--probability must be between 0 and 1');
        this.probability = Math.round(p * 0x80000000);
        if (invert) this.invert = true;
        break;
      }
      case '--every': {
        const n = Number(args.next());
        if (!Number.isInteger(n) || n < 1) throw parameterProblem('cannot parse --every');
        this.every = n;
        if (invert) this.invert = true;
        break;
      }
      case '--packet':
        this.packet = Number(args.next());
        break;
      default:
        return false;
    }
    this.seen.add(option);
    return true;
  }

  check(): void {
    if (!this.mode) throw parameterProblem('statistic: option "--mode" must be specified');
    if (this.mode === 'random' && (this.seen.has('--every') || this.seen.has('--packet')))
      throw parameterProblem('--every and --packet can only be used in nth mode');
    if (this.mode === 'nth') {
      if (this.seen.has('--probability')) throw parameterProblem('--probability can only be used in random mode');
      if (!this.seen.has('--every')) throw parameterProblem('no --every specified');
      if (this.packet >= this.every) throw parameterProblem('the --packet p must be 0 <= p <= n-1');
      this.count = this.packet;
    }
  }

  matches(ctx: PacketContext): boolean {
    let hit: boolean;
    if (this.mode === 'random') hit = Math.floor(ctx.rng() * 0x80000000) < this.probability;
    else {
      if (ctx.dryRun) hit = this.count === this.every - 1;
      else {
        const next = this.count === this.every - 1 ? 0 : this.count + 1;
        this.count = next;
        hit = next === 0;
      }
    }
    return hit !== this.invert;
  }

  private body(prefix: string): string {
    const inv = this.invert ? ' !' : '';
    if (this.mode === 'random') return ` ${prefix}mode random${inv} ${prefix}probability ${(this.probability / 0x80000000).toFixed(11)}`;
    let s = ` ${prefix}mode nth${inv} ${prefix}every ${this.every}`;
    if (this.packet || prefix) s += ` ${prefix}packet ${this.packet}`;
    return s;
  }

  save(): string {
    return this.body('--');
  }

  print(): string {
    return ` statistic${this.body('')}`;
  }
}
