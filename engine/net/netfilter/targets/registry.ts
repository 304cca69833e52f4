// Mirrors libxtables' target loading (xtables_find_target): built-in verdicts, extension targets,
// or a user chain of the same table; anything else is "Couldn't load target".
import type { Target } from '../types.js';
import { parameterProblem } from '../types.js';
import type { RuleContext } from '../rule.js';
import { LogTarget } from './log.js';
import { MarkTarget } from './mark.js';
import { NatTarget } from './nat.js';
import { RejectTarget } from './reject.js';
import { StandardTarget } from './standard.js';

const EXTENSIONS: Record<string, () => Target> = {
  REJECT: () => new RejectTarget(),
  DNAT: () => new NatTarget('DNAT'),
  SNAT: () => new NatTarget('SNAT'),
  MASQUERADE: () => new NatTarget('MASQUERADE'),
  REDIRECT: () => new NatTarget('REDIRECT'),
  MARK: () => new MarkTarget(),
  LOG: () => new LogTarget(),
};

export function newTarget(name: string, goto: boolean, ctx: RuleContext): Target {
  if (name === 'ACCEPT' || name === 'DROP' || name === 'RETURN') return new StandardTarget(name);
  if (ctx.chainExists(name)) return new StandardTarget(name, goto);
  const ext = EXTENSIONS[name];
  if (ext && !goto) return ext();
  throw parameterProblem(`Couldn't load target \`${name}':No such file or directory\n`);
}
