// Mirrors extensions/libxt_comment.c: a note carried by the rule, matching everything.
import type { ArgReader, Match } from '../types.js';
import { parameterProblem, saveString } from '../types.js';

export class CommentMatch implements Match {
  readonly name = 'comment';
  comment?: string;

  parse(option: string, _invert: boolean, args: ArgReader): boolean {
    if (option !== '--comment') return false;
    const c = args.next();
    if (c.length > 255) throw parameterProblem(`COMMENT must be shorter than 256 characters`);
    this.comment = c;
    return true;
  }

  check(): void {
    if (this.comment === undefined) throw parameterProblem('comment: option "--comment" must be specified');
  }

  matches(): boolean {
    return true;
  }

  save(): string {
    return ` --comment${saveString(this.comment ?? '')}`;
  }

  print(): string {
    return ` /* ${this.comment} */`;
  }
}
