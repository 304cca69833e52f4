// Mirrors extensions/libxt_MARK.c (revision 2): every form is stored as xset mark/mask and saved as
// --set-xmark; -L prints the friendliest equivalent (set, or, and, xor).
import type { ArgReader, PacketContext, Target, Verdict } from '../types.js';
import { hex, parameterProblem } from '../types.js';
import { parseMark } from '../matches/mark.js';

export class MarkTarget implements Target {
  readonly name = 'MARK';
  mark = 0;
  mask = 0;
  private set = false;

  parse(option: string, _invert: boolean, args: ArgReader): boolean {
    const v = () => parseMark(args.next());
    switch (option) {
      case '--set-xmark': {
        const m = v();
        this.mark = m.mark;
        this.mask = m.mask;
        break;
      }
      case '--set-mark': {
        const m = v();
        this.mark = m.mark;
        this.mask = (m.mask | m.mark) >>> 0;
        break;
      }
      case '--or-mark': {
        const m = v().mark;
        this.mark = m;
        this.mask = m;
        break;
      }
      case '--and-mark': {
        this.mark = 0;
        this.mask = ~v().mark >>> 0;
        break;
      }
      case '--xor-mark':
        this.mark = v().mark;
        this.mask = 0;
        break;
      default:
        return false;
    }
    if (this.set) throw parameterProblem('MARK target: Can only specify one action');
    this.set = true;
    return true;
  }

  check(): void {
    if (!this.set) throw parameterProblem('MARK target: Parameter --set/and/or/xor-mark is required');
  }

  apply(ctx: PacketContext): Verdict {
    ctx.packet.mark = ((ctx.packet.mark & ~this.mask) ^ this.mark) >>> 0;
    return { kind: 'CONTINUE' };
  }

  save(): string {
    return ` --set-xmark ${hex(this.mark)}/${hex(this.mask)}`;
  }

  print(): string {
    if (this.mark === 0) return ` MARK and ${hex(~this.mask >>> 0)}`;
    if (this.mark === this.mask) return ` MARK or ${hex(this.mark)}`;
    if (this.mask === 0) return ` MARK xor ${hex(this.mark)}`;
    if (this.mask === 0xffffffff) return ` MARK set ${hex(this.mark)}`;
    return ` MARK xset ${hex(this.mark)}/${hex(this.mask)}`;
  }
}
