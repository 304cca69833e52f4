// Mirrors extensions/libipt_DNAT.c, libipt_SNAT.c, libipt_MASQUERADE.c, libipt_REDIRECT.c and the
// kernel's nf_nat_core: each target only records the binding; the hook applies it to the
// connection (first packet only) and conntrack replays it for the rest.
import type { ArgReader, NatRequest, PacketContext, TableName, Target, Verdict } from '../types.js';
import { IptablesError, parameterProblem } from '../types.js';
import { parseIP } from '../../ip/addr.js';

function natOnly(name: string, table: TableName): void {
  if (table !== 'nat') throw new IptablesError(`iptables: Invalid argument. Run \`dmesg' for more information.`, 1);
  void name;
}

function parsePortSpec(s: string): { min: number; max: number } {
  const [a, b] = s.split('-');
  const min = Number(a);
  const max = b === undefined ? min : Number(b);
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max > 65535 || min > max) throw parameterProblem(`Port "${s}" not valid`);
  return { min, max };
}

/** NatTarget covers the four NAT targets; they differ only in options and the request they make. */
export class NatTarget implements Target {
  ip?: string;
  port?: { min: number; max: number };
  randomFully = false;
  private raw?: string;

  constructor(readonly name: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'REDIRECT') {}

  parse(option: string, _invert: boolean, args: ArgReader): boolean {
    const want = this.name === 'DNAT' ? '--to-destination' : this.name === 'SNAT' ? '--to-source' : '--to-ports';
    if (option === '--to' && (this.name === 'DNAT' || this.name === 'SNAT')) option = want;
    if (option === '--random-fully' || option === '--random' || option === '--persistent') {
      if (option === '--random-fully') this.randomFully = true;
      return true;
    }
    if (option !== want) return false;
    const v = args.next();
    this.raw = v;
    if (this.name === 'DNAT' || this.name === 'SNAT') {
      const [ip, port] = v.split(':') as [string, string | undefined];
      if (parseIP(ip) === undefined) throw parameterProblem(`Bad IP address "${ip}"`);
      this.ip = ip;
      if (port !== undefined) this.port = parsePortSpec(port);
    } else this.port = parsePortSpec(v);
    return true;
  }

  check(table: TableName): void {
    natOnly(this.name, table);
    if ((this.name === 'DNAT' || this.name === 'SNAT') && !this.ip) {
      throw parameterProblem(`You must specify --${this.name === 'DNAT' ? 'to-destination' : 'to-source'}`);
    }
  }

  apply(ctx: PacketContext): Verdict {
    let req: NatRequest;
    switch (this.name) {
      case 'DNAT':
        req = { kind: 'DNAT', ip: this.ip!, port: this.port?.min };
        break;
      case 'SNAT':
        req = { kind: 'SNAT', ip: this.ip!, portMin: this.port?.min, portMax: this.port?.max };
        break;
      case 'MASQUERADE':
        req = { kind: 'MASQUERADE', portMin: this.port?.min, portMax: this.port?.max };
        break;
      case 'REDIRECT':
        req = { kind: 'REDIRECT', port: this.port?.min };
        break;
    }
    ctx.nat = req;
    return { kind: 'ACCEPT' };
  }

  save(): string {
    const rf = this.randomFully ? ' --random-fully' : '';
    if (this.name === 'DNAT') return ` --to-destination ${this.raw}${rf}`;
    if (this.name === 'SNAT') return ` --to-source ${this.raw}${rf}`;
    return `${this.raw ? ` --to-ports ${this.raw}` : ''}${rf}`;
  }

  print(): string {
    const rf = this.randomFully ? ' random-fully' : '';
    if (this.name === 'DNAT' || this.name === 'SNAT') return ` to:${this.raw}${rf}`;
    if (this.name === 'MASQUERADE') return `${this.raw ? ` masq ports: ${this.raw}` : ''}${rf}`;
    return this.raw ? ` redir ports ${this.raw}` : '';
  }
}
