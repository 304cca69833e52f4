// Mirrors extensions/libipt_REJECT.c + net/ipv4/netfilter/ipt_REJECT.c: drop the packet and answer
// with an ICMP error (default port-unreachable) or a TCP RST.
import type { ArgReader, PacketContext, TableName, Target, Verdict } from '../types.js';
import { IptablesError, parameterProblem } from '../types.js';

const TYPES: Record<string, string> = {
  'icmp-net-unreachable': 'icmp-net-unreachable',
  'net-unreach': 'icmp-net-unreachable',
  'icmp-host-unreachable': 'icmp-host-unreachable',
  'host-unreach': 'icmp-host-unreachable',
  'icmp-port-unreachable': 'icmp-port-unreachable',
  'port-unreach': 'icmp-port-unreachable',
  'icmp-proto-unreachable': 'icmp-proto-unreachable',
  'icmp-net-prohibited': 'icmp-net-prohibited',
  'icmp-host-prohibited': 'icmp-host-prohibited',
  'icmp-admin-prohibited': 'icmp-admin-prohibited',
  'tcp-reset': 'tcp-reset',
  'tcp-rst': 'tcp-reset',
};

export class RejectTarget implements Target {
  readonly name = 'REJECT';
  with = 'icmp-port-unreachable';

  parse(option: string, _invert: boolean, args: ArgReader): boolean {
    if (option !== '--reject-with') return false;
    const v = args.next();
    const t = TYPES[v];
    if (!t) throw parameterProblem(`unknown reject type "${v}"`);
    this.with = t;
    return true;
  }

  check(table: TableName): void {
    if (table !== 'filter' && table !== 'mangle' && table !== 'raw')
      throw new IptablesError(`iptables: Invalid argument. Run \`dmesg' for more information.`, 1);
  }

  apply(ctx: PacketContext): Verdict {
    // The kernel refuses to answer a RST with a RST, or an ICMP error with an ICMP error.
    const p = ctx.packet;
    const isError = p.protocol === 'icmp' && p.icmp?.type !== 8 && p.icmp?.type !== 0;
    if (!(p.protocol === 'tcp' && p.tcp?.flags.rst) && !isError) ctx.reject = this.with === 'tcp-reset' && p.protocol !== 'tcp' ? 'icmp-port-unreachable' : this.with;
    return { kind: 'DROP' };
  }

  save(): string {
    return ` --reject-with ${this.with}`;
  }

  print(): string {
    return ` reject-with ${this.with}`;
  }
}
