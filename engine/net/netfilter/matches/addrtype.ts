// Mirrors extensions/libxt_addrtype.c (revision 1): --src-type/--dst-type LOCAL, UNICAST, …
// classified by the namespace's local routing table.
import type { ArgReader, Match, PacketContext } from '../types.js';
import { parameterProblem } from '../types.js';

const TYPES = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'];

interface Side {
  types: string[];
  invert: boolean;
}

export class AddrtypeMatch implements Match {
  readonly name = 'addrtype';
  src?: Side;
  dst?: Side;

  parse(option: string, invert: boolean, args: ArgReader): boolean {
    if (option !== '--src-type' && option !== '--dst-type') return false;
    const types = args.next().split(',').map((t) => t.toUpperCase());
    for (const t of types) if (!TYPES.includes(t)) throw parameterProblem(`addrtype: bad type "${t}"`);
    if (option === '--src-type') this.src = { types, invert };
    else this.dst = { types, invert };
    return true;
  }

  check(): void {
    if (!this.src && !this.dst) throw parameterProblem('addrtype: you must specify --src-type or --dst-type');
  }

  matches(ctx: PacketContext): boolean {
    const test = (side: Side | undefined, ip: string) => !side || side.types.includes(ctx.addrType(ip)) !== side.invert;
    return test(this.src, ctx.packet.src) && test(this.dst, ctx.packet.dst);
  }

  save(): string {
    let s = '';
    if (this.src) s += `${this.src.invert ? ' !' : ''} --src-type ${this.src.types.join(',')}`;
    if (this.dst) s += `${this.dst.invert ? ' !' : ''} --dst-type ${this.dst.types.join(',')}`;
    return s;
  }

  print(): string {
    let s = ' ADDRTYPE match';
    if (this.src) s += ` src-type ${this.src.invert ? '!' : ''}${this.src.types.join(',')}`;
    if (this.dst) s += ` dst-type ${this.dst.invert ? '!' : ''}${this.dst.types.join(',')}`;
    return s;
  }
}
