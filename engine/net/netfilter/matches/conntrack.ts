// Mirrors extensions/libxt_conntrack.c (--ctstate) and libxt_state.c (--state): the connection
// state the packet has from conntrack's point of view, plus the SNAT/DNAT pseudo-states.
import type { ArgReader, Match, PacketContext } from '../types.js';
import { parameterProblem } from '../types.js';

const ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'] as const;
type State = (typeof ORDER)[number];

export class ConntrackMatch implements Match {
  states = new Set<State>();
  invert = false;
  private option: string;

  constructor(readonly name: 'conntrack' | 'state') {
    this.option = name === 'state' ? '--state' : '--ctstate';
  }

  parse(option: string, invert: boolean, args: ArgReader): boolean {
    if (option !== this.option) return false;
    for (const s of args.next().split(',')) {
      const up = s.toUpperCase() as State;
      if (!ORDER.includes(up) || (this.name === 'state' && (up === 'SNAT' || up === 'DNAT'))) throw parameterProblem(`Bad ctstate "${s}"`);
      this.states.add(up);
    }
    this.invert = invert;
    return true;
  }

  check(): void {
    if (this.states.size === 0) throw parameterProblem(`${this.name} match: At least one option is required`);
  }

  matches(ctx: PacketContext): boolean {
    let hit = this.states.has(ctx.ctState);
    if (!hit && ctx.ct) {
      if (this.states.has('DNAT') && ctx.ct.dnat) hit = true;
      if (this.states.has('SNAT') && ctx.ct.snat) hit = true;
    }
    return hit !== this.invert;
  }

  private list(): string {
    return ORDER.filter((s) => this.states.has(s)).join(',');
  }

  save(): string {
    return `${this.invert ? ' !' : ''} ${this.option} ${this.list()}`;
  }

  print(): string {
    return `${this.invert ? ' !' : ''} ${this.name === 'state' ? 'state' : 'ctstate'} ${this.list()}`;
  }
}
