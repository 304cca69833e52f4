// Mirrors include/linux/netfilter/x_tables.h (xt_match / xt_target) and libxtables' extension
// hooks (parse, save, print) in one shape: a match or target parses its own options, decides on a
// packet, and prints itself for iptables-save and iptables -L.
import type { Packet } from '../packet.js';
import type { ConntrackEntry, CtDir } from '../conntrack/conntrack.js';
import type { Rng } from '../util/rng.js';

export type TableName = 'filter' | 'nat' | 'mangle' | 'raw';
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
export type CtState = 'INVALID' | 'NEW' | 'RELATED' | 'ESTABLISHED' | 'UNTRACKED';

/** NatRequest is what a nat target asks the hook to apply to the connection. */
export type NatRequest =
  | { kind: 'DNAT'; ip: string; port?: number }
  | { kind: 'SNAT'; ip: string; portMin?: number; portMax?: number }
  | { kind: 'MASQUERADE'; portMin?: number; portMax?: number }
  | { kind: 'REDIRECT'; port?: number };

/** RecentTable is one `-m recent --name` list: address → hit times (ms). */
export type RecentTable = Map<string, number[]>;

/** PacketContext is what matches and targets see of a packet at a hook (struct xt_action_param). */
export interface PacketContext {
  packet: Packet;
  hook: Hook;
  table: TableName;
  inDev?: string;
  outDev?: string;
  ct?: ConntrackEntry;
  ctDir?: CtDir;
  ctState: CtState;
  now: number;
  rng: Rng;
  /** addrType classifies an address from this namespace's point of view (-m addrtype). */
  addrType(ip: string): 'LOCAL' | 'UNICAST' | 'BROADCAST' | 'MULTICAST';
  recent: Map<string, RecentTable>;
  /** dryRun: a trace probe — no counters, no recent updates. */
  dryRun?: boolean;
  nat?: NatRequest;
  reject?: string;
  log?: (line: string) => void;
}

export type Verdict =
  | { kind: 'ACCEPT' }
  | { kind: 'DROP' }
  | { kind: 'RETURN' }
  | { kind: 'CONTINUE' }
  | { kind: 'JUMP'; chain: string; goto: boolean };

/** ArgReader hands an extension the value(s) following its option. */
export interface ArgReader {
  /** next returns the next argument or throws iptables' "requires an argument" error. */
  next(): string;
  peek(): string | undefined;
}

export interface Match {
  readonly name: string;
  /** parse consumes one option; false when the option is not this match's. */
  parse(option: string, invert: boolean, args: ArgReader): boolean;
  /** check validates the options once parsing is over (throws iptables' message). */
  check(): void;
  matches(ctx: PacketContext): boolean;
  /** save prints the options as iptables-save does, each with a leading space. */
  save(): string;
  /** print prints the match as iptables -L does, with a leading space. */
  print(): string;
}

export interface Target {
  readonly name: string;
  parse(option: string, invert: boolean, args: ArgReader): boolean;
  check(table: TableName): void;
  apply(ctx: PacketContext): Verdict;
  save(): string;
  print(): string;
}

/** IptablesError carries iptables' exit status with its message. */
export class IptablesError extends Error {
  constructor(
    message: string,
    readonly status = 2,
  ) {
    super(message);
  }
}

export const IPTABLES_VERSION = 'v1.8.7';

/** parameterProblem is xtables_error(PARAMETER_PROBLEM, …): the message plus the usage hint. */
export function parameterProblem(message: string): IptablesError {
  return new IptablesError(`iptables ${IPTABLES_VERSION} (legacy): ${message}\nTry \`iptables -h' or 'iptables --help' for more information.`, 2);
}

/** saveString quotes like xtables_save_string: bare when only [A-Za-z0-9_-]. */
export function saveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return ` ${value}`;
  return ` "${value.replace(/(["\\'])/g, '\\$1')}"`;
}

export function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}
