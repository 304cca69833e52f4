// Mirrors extensions/libxt_multiport.c: up to 15 ports or ranges in one rule.
import type { ArgReader, Match, PacketContext } from '../types.js';
import { parameterProblem } from '../types.js';
import { formatRange, inRange, parsePortRange, type PortRange } from './ports.js';

export class MultiportMatch implements Match {
  readonly name = 'multiport';
  kind?: 'sports' | 'dports' | 'ports';
  ranges: PortRange[] = [];
  invert = false;

  parse(option: string, invert: boolean, args: ArgReader): boolean {
    const kinds: Record<string, MultiportMatch['kind']> = {
      '--sports': 'sports',
      '--source-ports': 'sports',
      '--dports': 'dports',
      '--destination-ports': 'dports',
      '--ports': 'ports',
    };
    const kind = kinds[option];
    if (!kind) return false;
    if (this.kind) throw parameterProblem('multiport can only have one option');
    this.kind = kind;
    this.ranges = args.next().split(',').map((p) => parsePortRange(p, 'tcp'));
    if (this.ranges.length > 15) throw parameterProblem('too many ports specified');
    this.invert = invert;
    return true;
  }

  check(): void {
    if (!this.kind) throw parameterProblem('multiport expects an option');
  }

  matches(ctx: PacketContext): boolean {
    const p = ctx.packet;
    if (p.protocol !== 'tcp' && p.protocol !== 'udp') return false;
    const test = (port: number) => this.ranges.some((r) => inRange(r, port));
    const hit = this.kind === 'sports' ? test(p.sport) : this.kind === 'dports' ? test(p.dport) : test(p.sport) || test(p.dport);
    return hit !== this.invert;
  }

  private list(): string {
    return this.ranges.map(formatRange).join(',');
  }

  save(): string {
    return `${this.invert ? ' !' : ''} --${this.kind} ${this.list()}`;
  }

  print(): string {
    return ` multiport ${this.kind}${this.invert ? ' !' : ''} ${this.list()}`;
  }
}
