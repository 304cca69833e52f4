// Mirrors extensions/libxt_mark.c: --mark value[/mask] against the packet's nfmark.
import type { ArgReader, Match, PacketContext } from '../types.js';
import { hex, parameterProblem } from '../types.js';

/** parseMark reads "value[/mask]" (hex or decimal) as xtables_parse_mark does. */
export function parseMark(s: string): { mark: number; mask: number } {
  const [v, m] = s.split('/') as [string, string | undefined];
  const mark = Number(v);
  const mask = m === undefined ? 0xffffffff : Number(m);
  if (!Number.isInteger(mark) || !Number.isInteger(mask) || mark < 0 || mark > 0xffffffff || mask < 0 || mask > 0xffffffff)
    throw parameterProblem(`Bad MARK value "${s}"`);
  return { mark: mark >>> 0, mask: mask >>> 0 };
}

export function formatMark(mark: number, mask: number): string {
  return mask >>> 0 !== 0xffffffff ? ` ${hex(mark)}/${hex(mask)}` : ` ${hex(mark)}`;
}

export class MarkMatch implements Match {
  readonly name = 'mark';
  mark = 0;
  mask = 0xffffffff;
  invert = false;
  private set = false;

  parse(option: string, invert: boolean, args: ArgReader): boolean {
    if (option !== '--mark') return false;
    ({ mark: this.mark, mask: this.mask } = parseMark(args.next()));
    this.invert = invert;
    this.set = true;
    return true;
  }

  check(): void {
    if (!this.set) throw parameterProblem('mark: option "--mark" must be specified');
  }

  matches(ctx: PacketContext): boolean {
    return (((ctx.packet.mark & this.mask) >>> 0) === this.mark) !== this.invert;
  }

  save(): string {
    return `${this.invert ? ' !' : ''} --mark${formatMark(this.mark, this.mask)}`;
  }

  print(): string {
    return ` mark match${this.invert ? ' !' : ''}${formatMark(this.mark, this.mask)}`;
  }
}
