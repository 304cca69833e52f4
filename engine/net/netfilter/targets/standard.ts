// Mirrors the standard target (xt_standard / libxt_standard.c): ACCEPT, DROP, RETURN and jumps or
// gotos to user chains; none take options.
import type { Target, Verdict } from '../types.js';

export class StandardTarget implements Target {
  constructor(
    readonly name: string,
    readonly goto = false,
  ) {}

  parse(): boolean {
    return false;
  }

  check(): void {}

  apply(): Verdict {
    switch (this.name) {
      case 'ACCEPT':
        return { kind: 'ACCEPT' };
      case 'DROP':
        return { kind: 'DROP' };
      case 'RETURN':
        return { kind: 'RETURN' };
      default:
        return { kind: 'JUMP', chain: this.name, goto: this.goto };
    }
  }

  save(): string {
    return '';
  }

  print(): string {
    return '';
  }
}
