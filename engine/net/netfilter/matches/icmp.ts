// Mirrors extensions/libipt_icmp.c: --icmp-type by number or the common names.
import type { ArgReader, Match, PacketContext } from '../types.js';
import { parameterProblem } from '../types.js';

const NAMES: Record<string, [number, number | undefined]> = {
  'echo-reply': [0, undefined],
  'destination-unreachable': [3, undefined],
  'port-unreachable': [3, 3],
  'host-unreachable': [3, 1],
  'echo-request': [8, undefined],
  'time-exceeded': [11, undefined],
};

export class IcmpMatch implements Match {
  readonly name = 'icmp';
  type?: number;
  code?: number;
  invert = false;

  parse(option: string, invert: boolean, args: ArgReader): boolean {
    if (option !== '--icmp-type') return false;
    const v = args.next();
    const named = NAMES[v];
    if (named) [this.type, this.code] = named;
    else {
      const [t, c] = v.split('/');
      this.type = Number(t);
      this.code = c === undefined ? undefined : Number(c);
      if (!Number.isInteger(this.type)) throw parameterProblem(`Invalid ICMP type \`${v}'`);
    }
    this.invert = invert;
    return true;
  }

  check(): void {}

  matches(ctx: PacketContext): boolean {
    const i = ctx.packet.icmp;
    if (ctx.packet.protocol !== 'icmp' || !i) return false;
    if (this.type === undefined) return true;
    const hit = i.type === this.type && (this.code === undefined || i.code === this.code);
    return hit !== this.invert;
  }

  save(): string {
    if (this.type === undefined) return '';
    return `${this.invert ? ' !' : ''} --icmp-type ${this.type}${this.code !== undefined ? `/${this.code}` : ''}`;
  }

  print(): string {
    if (this.type === undefined) return ' icmp any';
    return ` icmp ${this.invert ? '!' : ''}type ${this.type}${this.code !== undefined ? ` code ${this.code}` : ''}`;
  }
}
