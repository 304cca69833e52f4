// Mirrors extensions/libipt_LOG.c: writes a kernel-log line for the packet and continues.
import type { ArgReader, PacketContext, Target, Verdict } from '../types.js';
import { saveString } from '../types.js';

export class LogTarget implements Target {
  readonly name = 'LOG';
  prefix = '';
  level = 4;

  parse(option: string, _invert: boolean, args: ArgReader): boolean {
    if (option === '--log-prefix') this.prefix = args.next();
    else if (option === '--log-level') this.level = Number(args.next());
    else return false;
    return true;
  }

  check(): void {}

  apply(ctx: PacketContext): Verdict {
    const p = ctx.packet;
    const ports = p.protocol === 'icmp' ? '' : ` SPT=${p.sport} DPT=${p.dport}`;
    ctx.log?.(`${this.prefix}IN=${ctx.inDev ?? ''} OUT=${ctx.outDev ?? ''} SRC=${p.src} DST=${p.dst} TTL=${p.ttl} PROTO=${p.protocol.toUpperCase()}${ports}`);
    return { kind: 'CONTINUE' };
  }

  save(): string {
    return `${this.prefix ? ` --log-prefix${saveString(this.prefix)}` : ''}${this.level !== 4 ? ` --log-level ${this.level}` : ''}`;
  }

  print(): string {
    return ` LOG flags 0 level ${this.level}${this.prefix ? ` prefix "${this.prefix}"` : ''}`;
  }
}
