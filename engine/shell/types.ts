// What the shell needs from its host: commands to run (the image's programs, or kubectl/etcdctl
// in the browser's terminal), a file system and standard streams. The shell itself owns none.
import type { FileSystem } from '../images/types.js';

export type Output = (chunk: Uint8Array | string) => void;

/** CommandInvocation is what a command gets: like a process context without the network. */
export interface CommandInvocation {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  stdin: ReadableStream<Uint8Array> | undefined;
  stdout: Output;
  stderr: Output;
  /** signal fires when the shell is interrupted (Ctrl-C in a terminal, SIGKILL in a container). */
  signal?: AbortSignal;
}

/** ShellCommand runs one command and resolves with its exit status. */
export type ShellCommand = (inv: CommandInvocation) => Promise<number>;

/** CommandLookup finds a command by name (after builtins and functions); undefined = not found. */
export type CommandLookup = (name: string) => ShellCommand | undefined;

export interface ShellOptions {
  fs: FileSystem;
  commands: CommandLookup;
  /** env is the initial environment; every entry is exported. */
  env?: Record<string, string>;
  cwd?: string;
  /** name is $0 and the prefix of the shell's own error messages ("sh"). */
  name?: string;
  /** args are the positional parameters $1, $2, … */
  args?: string[];
  signal?: AbortSignal;
}

export interface ShellIO {
  stdin?: ReadableStream<Uint8Array>;
  stdout: Output;
  stderr: Output;
}

export type { FileSystem };
