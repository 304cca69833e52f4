// containerd internal/cri/io/container_io.go: a container's stdio as the runtime holds it — output
// goes to the log and to every attached client, stdin (when the container asks for one) is fed by
// attached clients, and Attach lasts until the container's output ends or the client lets go. With
// tty the container's streams are a terminal (tty.ts): one output stream, input cooked and echoed,
// "\n" written as "\r\n", ^C a SIGINT for the container's process. Leaves out the FIFOs and the
// shim; a resize is recorded and changes nothing else.
import { markTerminal } from '../../shell/io.js';
import type { Signal } from '../../images/types.js';
import { Terminal, type TerminalSize } from './tty.js';

export interface StdioConfig {
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}

/** AttachOptions are one client's streams (cri's AttachOptions). */
export interface AttachOptions {
  stdin?: ReadableStream<Uint8Array>;
  stdout?: (chunk: Uint8Array | string) => void;
  stderr?: (chunk: Uint8Array | string) => void;
  /** signal detaches the client (its connection went away). */
  signal?: AbortSignal;
  /** resize carries the client's terminal sizes. */
  resize?: ReadableStream<TerminalSize>;
}

type Sink = (chunk: Uint8Array | string) => void;

export class ContainerIO {
  /** stdin is what the container's process reads (undefined without `stdin: true`). */
  readonly stdin?: ReadableStream<Uint8Array>;
  private stdinCtrl?: ReadableStreamDefaultController<Uint8Array>;
  private readonly stdoutGroup = new Set<Sink>();
  private readonly stderrGroup = new Set<Sink>();
  private readonly detachers = new Set<() => void>();
  /** terminal is the container's tty (with `tty: true`). */
  readonly terminal?: Terminal;
  private closed = false;
  private inputClosed = false;

  constructor(
    private readonly config: StdioConfig,
    private readonly log: { stdout: Sink; stderr: Sink },
  ) {
    // A terminal echoes what is typed and hands the program whole lines (its echo is output too).
    if (config.tty) this.terminal = new Terminal((text) => this.broadcast(text));
    if (config.stdin) this.stdin = this.terminal ? markTerminal(this.terminal.stdin) : new ReadableStream<Uint8Array>({ start: (c) => void (this.stdinCtrl = c) });
  }

  /** setForeground names the process the terminal's ^C signals (the container's). */
  setForeground(kill: (signal: Signal) => void): void {
    if (this.terminal) this.terminal.foreground = kill;
  }

  private broadcast(out: Uint8Array | string): void {
    this.log.stdout(out);
    for (const sink of this.stdoutGroup) sink(out);
  }

  /** stdout is the container's standard output (its terminal, with tty). */
  stdout = (chunk: Uint8Array | string): void => {
    if (this.terminal) this.terminal.output(chunk);
    else this.broadcast(chunk);
  };

  /** stderr is the container's standard error; with tty it is the same terminal as stdout. */
  stderr = (chunk: Uint8Array | string): void => {
    if (this.config.tty) return this.stdout(chunk);
    this.log.stderr(chunk);
    for (const sink of this.stderrGroup) sink(chunk);
  };

  private write(data: Uint8Array): void {
    try {
      this.stdinCtrl?.enqueue(data);
    } catch {
      // stdin was closed
    }
  }

  /** closeStdin ends the container's input (stdinOnce, or ^D on a terminal). */
  closeStdin(): void {
    this.inputClosed = true;
    if (this.terminal && this.config.stdin) this.terminal.hangup();
    try {
      this.stdinCtrl?.close();
    } catch {
      // already closed
    }
    this.stdinCtrl = undefined;
  }

  /**
   * attach joins a client to the container's streams and resolves when it is detached: when the
   * container exits, when the client goes away, or when the client's stdin ends — which, for a
   * stdinOnce container without a terminal, closes the container's stdin instead (kubectl
   * requirements as containerd states them) and waits for the container.
   */
  attach(opts: AttachOptions): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const stdout = opts.stdout;
      const stderr = this.config.tty ? undefined : opts.stderr;
      let done = false;
      const detach = () => {
        if (done) return;
        done = true;
        if (stdout) this.stdoutGroup.delete(stdout);
        if (stderr) this.stderrGroup.delete(stderr);
        this.detachers.delete(detach);
        opts.signal?.removeEventListener('abort', detach);
        void reader?.cancel().catch(() => undefined);
        resolve();
      };
      if (stdout) this.stdoutGroup.add(stdout);
      if (stderr) this.stderrGroup.add(stderr);
      this.detachers.add(detach);
      opts.signal?.addEventListener('abort', detach, { once: true });
      if (opts.signal?.aborted) return detach();
      if (opts.resize && this.terminal) void readSizes(opts.resize, (size) => this.terminal!.resize(size));
      const reader = this.stdin && !this.inputClosed && opts.stdin ? opts.stdin.getReader() : undefined;
      if (reader) {
        void (async () => {
          for (;;) {
            const { done: end, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
            if (end || done) break;
            if (this.terminal) this.terminal.input(value);
            else this.write(value.slice());
          }
          if (done) return;
          // stdinOnce: the first client's end of input is the container's. Without a terminal the
          // client then stays for the output until the container exits; otherwise it is let go.
          if (this.config.stdinOnce) this.closeStdin();
          if (this.config.tty || !this.config.stdinOnce) detach();
        })();
      }
      if (!stdout && !stderr && !reader) detach();
    });
  }

  /** close is the container's exit: input ends and every attached client is let go. */
  close(): void {
    this.closed = true;
    this.closeStdin();
    for (const d of [...this.detachers]) d();
  }
}

/** readSizes hands each size of a resize stream to apply until the stream ends. */
export async function readSizes(resize: ReadableStream<TerminalSize>, apply: (size: TerminalSize) => void): Promise<void> {
  const reader = resize.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (done) return;
    apply(value);
  }
}
