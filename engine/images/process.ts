// The process side of a container runtime (containerd's task + runc's init, much reduced): start a
// Program with its ProcessContext, deliver signals, account memory against the cgroup limit and
// report how the process ended the way the kubelet reads it (exit code, reason OOMKilled/Error).
// No PIDs namespaces, users or rlimits; a container's processes share one memory counter and one
// CPU time counter (what programs account through ctx.cpu).
import type { Clock } from '../util/clock.js';
import type { NetStack } from '../net/types.js';
import type { FileSystem, Image, ProcessContext, Program, Resolver, Signal } from './types.js';
import { basename } from './fs/path.js';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** signalNumbers are Linux's; a process ended by signal N exits with 128+N. */
export const signalNumbers: Record<Signal, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGUSR1: 10, SIGTERM: 15 };

export interface ExitStatus {
  exitCode: number;
  /** reason as the kubelet reports a terminated container. */
  reason: 'Completed' | 'Error' | 'OOMKilled' | 'StartError';
  signal?: Signal;
  message?: string;
}

export type Output = (chunk: Uint8Array | string) => void;

export interface ProcessSpec {
  image: Image;
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  hostname?: string;
  fs: FileSystem;
  net: NetStack;
  resolver: Resolver;
  clock: Clock;
  stdin?: ReadableStream<Uint8Array> | string;
  stdout?: Output;
  stderr?: Output;
  /** memoryLimitBytes is the container's memory limit (resources.limits.memory); 0 = none. */
  memoryLimitBytes?: number;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  cwd?: string;
  stdin?: string | ReadableStream<Uint8Array>;
  stdout?: Output;
  stderr?: Output;
}

/** OOMKilledError is thrown by memory.allocate when the cgroup limit is exceeded. */
export class OOMKilledError extends Error {
  constructor() {
    super('Killed');
    this.name = 'OOMKilledError';
  }
}

/** MemoryGroup is a container's memory cgroup: usage shared by all its processes (and its cpuacct counter). */
class MemoryGroup {
  usage = 0;
  peak = 0;
  /** cpuCoreNanoSeconds is the CPU time the container's programs accounted. */
  cpuCoreNanoSeconds = 0;
  readonly members = new Set<Process>();
  constructor(readonly limit: number) {}
}

/** findProgram resolves argv[0] the way execve through PATH would, among the image's programs. */
export function findProgram(image: Image, argv0: string): Program | undefined {
  const name = argv0.includes('/') ? basename(argv0) : argv0;
  return Object.prototype.hasOwnProperty.call(image.programs, name) ? image.programs[name] : undefined;
}

export function notFoundMessage(argv0: string): string {
  return argv0.includes('/')
    ? `exec: "${argv0}": stat ${argv0}: no such file or directory`
    : `exec: "${argv0}": executable file not found in $PATH`;
}

export function toStream(input: string | ReadableStream<Uint8Array> | undefined): ReadableStream<Uint8Array> | undefined {
  if (input === undefined || typeof input !== 'string') return input;
  const bytes = new TextEncoder().encode(input);
  return new ReadableStream({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

let nextPid = 1;

/** Process is one running program. */
export class Process {
  readonly pid = nextPid++;
  readonly context: ProcessContext;
  readonly done: Promise<ExitStatus>;
  private resolveDone!: (status: ExitStatus) => void;
  private exited: ExitStatus | undefined;
  private readonly abort = new AbortController();
  private readonly handlers: ((signal: Signal) => void)[] = [];

  constructor(private readonly spec: ProcessSpec, private readonly group: MemoryGroup, program: Program | undefined) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    group.members.add(this);
    const live = (out: Output | undefined): Output => (chunk) => {
      if (!this.exited) out?.(chunk);
    };
    const env = { PATH: DEFAULT_PATH, HOSTNAME: spec.hostname ?? '', HOME: '/root', ...spec.env };
    this.context = {
      argv: spec.argv,
      env,
      cwd: spec.cwd ?? '/',
      hostname: spec.hostname ?? 'localhost',
      fs: spec.fs,
      net: spec.net,
      resolver: spec.resolver,
      clock: spec.clock,
      stdin: toStream(spec.stdin),
      stdout: live(spec.stdout),
      stderr: live(spec.stderr),
      onSignal: (handler) => void this.handlers.push(handler),
      aborted: this.abort.signal,
      memory: {
        allocate: (bytes) => this.allocate(bytes),
        free: (bytes) => {
          group.usage = Math.max(0, group.usage - bytes);
        },
      },
      cpu: {
        use: (ns) => {
          if (ns > 0) group.cpuCoreNanoSeconds += ns;
        },
      },
      spawn: (argv, options) => this.spawn(argv, options).then((s) => s.exitCode),
    };
    if (!program) {
      this.finish({ exitCode: 128, reason: 'StartError', message: notFoundMessage(spec.argv[0] ?? '') });
      return;
    }
    // Start on a later job so callers can attach to `done` and stdio first.
    queueMicrotask(() => {
      if (this.exited) return;
      program(this.context).then(
        (code) => this.finish({ exitCode: code & 0xff, reason: code === 0 ? 'Completed' : 'Error' }),
        (err: unknown) => {
          if (err instanceof OOMKilledError || this.exited) return;
          this.context.stderr(`${err instanceof Error ? err.message : String(err)}\n`);
          this.finish({ exitCode: 1, reason: 'Error' });
        },
      );
    });
  }

  get exitStatus(): ExitStatus | undefined {
    return this.exited;
  }

  /** kill delivers a signal: SIGKILL always ends the process; others go to handlers or end it by default. */
  kill(signal: Signal): void {
    if (this.exited) return;
    if (signal !== 'SIGKILL' && this.handlers.length > 0) {
      for (const h of this.handlers) h(signal);
      return;
    }
    this.finish({ exitCode: 128 + signalNumbers[signal], reason: 'Error', signal });
  }

  /** memoryUsage is the bytes the container's processes hold now. */
  memoryUsage(): { usage: number; peak: number; limit: number } {
    return { usage: this.group.usage, peak: this.group.peak, limit: this.group.limit };
  }

  /** cpuUsage is the CPU time (core-nanoseconds) the container's processes accounted so far. */
  cpuUsage(): number {
    return this.group.cpuCoreNanoSeconds;
  }

  /** spawn starts another program of the image in this container (exec, shells, probes). */
  spawn(argv: string[], options: SpawnOptions = {}): Promise<ExitStatus> {
    const child = this.child(argv, options);
    if (child.exitStatus?.reason === 'StartError') {
      (options.stderr ?? this.context.stderr)(`${child.exitStatus.message}\n`);
      return Promise.resolve({ ...child.exitStatus, exitCode: 127 });
    }
    return child.done;
  }

  /** child creates the process for spawn; it dies with its parent. */
  child(argv: string[], options: SpawnOptions = {}): Process {
    const spec: ProcessSpec = {
      ...this.spec,
      argv,
      env: { ...this.context.env, ...options.env },
      cwd: options.cwd ?? this.context.cwd,
      stdin: options.stdin,
      stdout: options.stdout ?? this.context.stdout,
      stderr: options.stderr ?? this.context.stderr,
    };
    const child = new Process(spec, this.group, findProgram(this.spec.image, argv[0] ?? ''));
    const onAbort = (): void => child.kill('SIGKILL');
    this.abort.signal.addEventListener('abort', onAbort, { once: true });
    void child.done.then(() => this.abort.signal.removeEventListener('abort', onAbort));
    return child;
  }

  private allocate(bytes: number): void {
    if (this.exited) throw new OOMKilledError();
    const g = this.group;
    g.usage += bytes;
    g.peak = Math.max(g.peak, g.usage);
    if (g.limit > 0 && g.usage > g.limit) {
      // The cgroup OOM killer ends every process of the container; the kubelet sees OOMKilled.
      for (const p of [...g.members]) p.finish({ exitCode: 137, reason: 'OOMKilled', signal: 'SIGKILL' });
      throw new OOMKilledError();
    }
  }

  private finish(status: ExitStatus): void {
    if (this.exited) return;
    this.exited = status;
    this.group.members.delete(this);
    this.abort.abort();
    this.resolveDone(status);
  }
}

/** startProcess starts the container's main process (or any process with its own memory group). */
export function startProcess(spec: ProcessSpec): Process {
  const group = new MemoryGroup(spec.memoryLimitBytes ?? 0);
  return new Process(spec, group, findProgram(spec.image, spec.argv[0] ?? ''));
}

/** containerArgv computes the process argv from the image config and the pod's command/args. */
export function containerArgv(image: Image, command?: string[], args?: string[]): string[] {
  // Kubernetes: command replaces ENTRYPOINT (and drops CMD); args alone replace CMD.
  if (command && command.length > 0) return [...command, ...(args ?? [])];
  return [...(image.config.entrypoint ?? []), ...(args && args.length > 0 ? args : image.config.cmd ?? [])];
}
