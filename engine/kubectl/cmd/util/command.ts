// Mirrors the cobra.Command shape kubectl's commands share: a name, flags and a run function,
// plus the context (factory, parsed flags, output) each run receives.
import type { Factory } from './factory.js';
import type { FlagDef, FlagValues } from './flags.js';
import type { KubectlIO } from './io.js';

export interface CommandContext {
  f: Factory;
  io: KubectlIO;
  args: string[];
  flags: FlagValues;
  changed: Set<string>;
  dashIndex: number;
  /** path is "get", "config view", "rollout status": what error hints name. */
  path: string;
}

export interface Command {
  name: string;
  aliases?: string[];
  short: string;
  flags?: FlagDef[];
  /** subcommands, for "config", "rollout". */
  sub?: Command[];
  run?(ctx: CommandContext): Promise<number | void>;
}

/** Common flag sets, named as in kubectl's cmd/util helpers. */
export const filenameFlags: FlagDef[] = [
  { name: 'filename', short: 'f', kind: 'stringSlice' },
  { name: 'recursive', short: 'R', kind: 'bool' },
  { name: 'kustomize', short: 'k', kind: 'string' },
];

export const outputFlags: FlagDef[] = [
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'show-managed-fields', kind: 'bool' },
  { name: 'template', kind: 'string' },
  { name: 'allow-missing-template-keys', kind: 'bool', default: true },
];

export const dryRunFlag: FlagDef = { name: 'dry-run', kind: 'string', default: 'none', noOptDefault: 'unchanged' };

export const selectorFlag: FlagDef = { name: 'selector', short: 'l', kind: 'string' };
