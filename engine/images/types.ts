// The container contract: a built-in image is a set of programs (async functions) plus files; the
// runtime starts a program as a process with this context. Programs see only web-standard types and
// the dataplane's socket API, so the same image runs in Node, a WebContainer and a browser worker.
import type { Clock } from '../util/clock.js';
import type { NetStack } from '../net/types.js';

export type Signal = 'SIGTERM' | 'SIGINT' | 'SIGHUP' | 'SIGKILL' | 'SIGUSR1';

export interface FileStat {
  type: 'file' | 'dir';
  size: number;
  mode: number;
  mtimeMs: number;
}

/** FileSystem is a container's view of files: its image layer, its writable layer and its mounts. */
export interface FileSystem {
  readFile(path: string): Uint8Array;
  readText(path: string): string;
  writeFile(path: string, data: Uint8Array | string, options?: { append?: boolean; mode?: number }): void;
  readdir(path: string): string[];
  stat(path: string): FileStat | undefined;
  mkdir(path: string, options?: { recursive?: boolean }): void;
  rm(path: string, options?: { recursive?: boolean }): void;
}

/** Resolver looks names up the way the container's /etc/resolv.conf says (search domains, ndots). */
export interface Resolver {
  lookup(name: string): Promise<string[]>;
}

/** ProcessContext is everything a running program may use. */
export interface ProcessContext {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  hostname: string;
  fs: FileSystem;
  net: NetStack;
  resolver: Resolver;
  clock: Clock;
  stdin: ReadableStream<Uint8Array> | undefined;
  stdout: (chunk: Uint8Array | string) => void;
  stderr: (chunk: Uint8Array | string) => void;
  /** onSignal registers a handler; without one, SIGTERM/SIGINT end the process (exit 143/130). */
  onSignal(handler: (signal: Signal) => void): void;
  /** aborted fires when the process is killed (SIGKILL or end of grace period). */
  aborted: AbortSignal;
  /** memory lets programs account for what they hold; exceeding the container's limit is an OOM kill. */
  memory: { allocate(bytes: number): void; free(bytes: number): void };
  /**
   * cpu lets programs account the CPU time their work takes (nothing here burns real CPU); the
   * container's cgroup sums it and the kubelet's stats report it. Absent outside a container.
   */
  cpu?: { use(coreNanoSeconds: number): void };
  /** spawn runs another program of the same image (shells, exec probes); resolves with its exit code. */
  spawn(argv: string[], options?: { env?: Record<string, string>; stdin?: string; stdout?: (c: Uint8Array | string) => void; stderr?: (c: Uint8Array | string) => void }): Promise<number>;
}

/** Program is a process body; it resolves with the exit code. */
export type Program = (ctx: ProcessContext) => Promise<number>;

export interface ImageConfig {
  entrypoint?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  workingDir?: string;
  exposedPorts?: number[];
}

/** Image is a built-in container image: a name with tags, programs on its PATH and files. */
export interface Image {
  /** name as users write it, without a tag ("busybox", "kubelab/redis", "nginx"). */
  name: string;
  /** tags this image answers to; the first is the default ("latest" when omitted by users). */
  tags: string[];
  config: ImageConfig;
  /** programs by command name ("sh", "redis-server", "nginx"); found through PATH lookups. */
  programs: Record<string, Program>;
  /** files by absolute path; a function builds the content for a tag (e.g. nginx's version page). */
  files: Record<string, string | ((tag: string) => string)>;
  /** sizeBytes is reported in image lists and pulls. */
  sizeBytes: number;
}
