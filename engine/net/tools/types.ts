// Node-shell tools share one calling convention, like a busybox applet: argv (without the program
// name), standard streams, and the namespace the shell runs in; the result is the exit code.
import type { Clock } from '../../util/clock.js';
import type { NetNamespace } from '../netns.js';
import type { Machine } from '../machine.js';

export interface ToolIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stdin, when the tool reads input (iptables-restore, nc). */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** writeFile saves output for -o / -O (curl, wget); without it only /dev/null works. */
  writeFile?(path: string, data: Uint8Array): Promise<void>;
  signal?: AbortSignal;
}

export interface ToolContext {
  netns: NetNamespace;
  clock: Clock;
  /** machine is set for a node shell (ip netns, brctl need the host). */
  machine?: Machine;
  /** resolv is /etc/resolv.conf: nameservers, search domains, ndots. */
  resolv?: { nameservers: string[]; search: string[]; ndots?: number };
  /** tools lets `ip netns exec` run another tool. */
  tools?: Record<string, Tool>;
}

export type Tool = (argv: string[], io: ToolIO, ctx: ToolContext) => Promise<number>;

/** readAll collects stdin as text. */
export async function readAll(stdin: ToolIO['stdin']): Promise<string> {
  if (!stdin) return '';
  let out = '';
  const dec = new TextDecoder();
  for await (const chunk of stdin) out += typeof chunk === 'string' ? chunk : dec.decode(chunk, { stream: true });
  return out;
}
