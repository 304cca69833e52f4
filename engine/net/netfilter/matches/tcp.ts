// Mirrors extensions/libxt_tcp.c and libxt_udp.c (+ net/netfilter/xt_tcpudp.c): --sport/--dport with
// ranges and "!", and tcp's --syn. Loaded implicitly by "-p tcp --dport …", saved as "-m tcp".
import type { ArgReader, Match, PacketContext } from '../types.js';
import { parameterProblem } from '../types.js';
import { formatRange, inRange, parsePortRange, type PortRange } from './ports.js';

interface PortSpec {
  range: PortRange;
  invert: boolean;
}

export class TcpUdpMatch implements Match {
  sport?: PortSpec;
  dport?: PortSpec;
  syn?: { invert: boolean };

  constructor(readonly name: 'tcp' | 'udp') {}

  parse(option: string, invert: boolean, args: ArgReader): boolean {
    switch (option) {
      case '--sport':
      case '--source-port':
        if (this.sport) throw parameterProblem(`multiple --sport flags not allowed`);
        this.sport = { range: parsePortRange(args.next(), this.name), invert };
        return true;
      case '--dport':
      case '--destination-port':
        if (this.dport) throw parameterProblem(`multiple --dport flags not allowed`);
        this.dport = { range: parsePortRange(args.next(), this.name), invert };
        return true;
      case '--syn':
        if (this.name !== 'tcp') return false;
        this.syn = { invert };
        return true;
    }
    return false;
  }

  check(): void {}

  matches(ctx: PacketContext): boolean {
    const p = ctx.packet;
    if (p.protocol !== this.name) return false;
    if (this.sport && inRange(this.sport.range, p.sport) === this.sport.invert) return false;
    if (this.dport && inRange(this.dport.range, p.dport) === this.dport.invert) return false;
    if (this.syn) {
      const f = p.tcp?.flags ?? {};
      const isSyn = !!f.syn && !f.ack && !f.rst && !f.fin;
      if (isSyn === this.syn.invert) return false;
    }
    return true;
  }

  save(): string {
    let s = '';
    if (this.sport) s += `${this.sport.invert ? ' !' : ''} --sport ${formatRange(this.sport.range)}`;
    if (this.dport) s += `${this.dport.invert ? ' !' : ''} --dport ${formatRange(this.dport.range)}`;
    if (this.syn) s += `${this.syn.invert ? ' !' : ''} --tcp-flags FIN,SYN,RST,ACK SYN`;
    return s;
  }

  print(): string {
    let s = ` ${this.name}`;
    const one = (label: string, p: PortSpec) => {
      const plural = p.range.min !== p.range.max ? 's' : '';
      return ` ${label}${plural}:${p.invert ? '!' : ''}${formatRange(p.range)}`;
    };
    if (this.sport) s += one('spt', this.sport);
    if (this.dport) s += one('dpt', this.dport);
    if (this.syn) s += ` flags:${this.syn.invert ? '!' : ''}0x17/0x02`;
    return s;
  }
}
