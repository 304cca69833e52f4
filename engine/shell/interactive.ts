// busybox shell/ash.c's cmdloop for commands read from standard input: a line at a time, run as soon
// as it completes a command (PS2 asks for the rest of an open quote, loop or heredoc). Interactive
// (-i, or stdin a terminal) it prints PS1/PS2 — default '\w \$ ' as busybox builds ash with fancy
// prompts — survives syntax errors, and Ctrl-C ends the running line (status 130) instead of the
// shell. Leaves out job control, history, line editing and $ENV; prompts expand backslash escapes only.
import { ExitSignal, LoopSignal, ReturnSignal, type Shell } from './interpreter.js';
import type { List } from './ast.js';
import { needsMore } from './continuation.js';
import { lineInput } from './io.js';
import { parse, ShellSyntaxError } from './parser.js';
import type { Output } from './types.js';

/** INTERRUPTED is the status of a line ended by Ctrl-C (128 + SIGINT). */
export const INTERRUPTED = 130;

export interface CommandLoopOptions {
  stdin: ReadableStream<Uint8Array> | undefined;
  stdout: Output;
  stderr: Output;
  /** interactive prints prompts, survives syntax errors and turns SIGINT into an interrupted line. */
  interactive: boolean;
  /** hostname is what \h and \H show. */
  hostname?: string;
  /** signal is the end of the shell's process (a kill). */
  signal?: AbortSignal;
}

type Outcome = 'next' | 'exit';

export class CommandLoop {
  private line: AbortController | undefined;
  private wakeIdle: (() => void) | undefined;
  private ended: number | undefined;
  private wakeEnd: (() => void) | undefined;

  constructor(private readonly sh: Shell, private readonly o: CommandLoopOptions) {
    if (o.interactive) {
      if (!sh.vars.has('PS1')) sh.vars.set('PS1', '\\w \\$ ');
      if (!sh.vars.has('PS2')) sh.vars.set('PS2', '> ');
    }
    sh.signal = o.signal;
  }

  /** interrupt is SIGINT: the running line stops, or the half-typed command is dropped. */
  interrupt(): void {
    if (this.line) this.line.abort();
    else this.wakeIdle?.();
  }

  /** end makes the loop return code at once (SIGHUP: the terminal went away). */
  end(code: number): void {
    this.ended ??= code;
    this.line?.abort();
    this.wakeEnd?.();
  }

  /** run reads and runs commands until exit or end of input; it resolves with the exit status. */
  async run(): Promise<number> {
    const { o, sh } = this;
    if (!o.stdin) return sh.status;
    const input = lineInput(o.stdin);
    const ended = new Promise<'end'>((resolve) => (this.wakeEnd = () => resolve('end')));
    let text = '';
    let reading: Promise<string | undefined> | undefined;
    for (;;) {
      if (this.ended !== undefined) return this.ended;
      if (o.interactive) o.stderr(this.prompt(text ? 'PS2' : 'PS1'));
      reading ??= input.readLine();
      const idle = new Promise<'interrupt'>((resolve) => (this.wakeIdle = () => resolve('interrupt')));
      const got = await Promise.race([reading, idle, ended]);
      this.wakeIdle = undefined;
      if (got === 'end') return this.ended!;
      if (got === 'interrupt') {
        // The terminal already dropped what was typed and echoed ^C; ash sets $? even so.
        text = '';
        sh.status = INTERRUPTED;
        o.stderr('\n');
        continue;
      }
      reading = undefined;
      if (got === undefined) {
        if (text.trim()) await this.runText(text);
        // An interactive shell leaves at ^D on a fresh line as at `exit`: on its own line.
        if (o.interactive) o.stderr('\n');
        return sh.status;
      }
      text += `${got}\n`;
      if (needsMore(text.slice(0, -1))) continue;
      const source = text;
      text = '';
      if (!source.trim()) continue;
      if ((await this.runText(source)) === 'exit') return this.ended ?? sh.status;
    }
  }

  /** runText parses and runs one complete command text. */
  private async runText(source: string): Promise<Outcome> {
    const { o, sh } = this;
    let list: List;
    try {
      list = parse(source);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      o.stderr(`${sh.name}: ${err.message}\n`);
      sh.status = 2;
      return o.interactive ? 'next' : 'exit';
    }
    if (!o.interactive) return this.execute(list, undefined);
    const line = new AbortController();
    this.line = line;
    sh.signal = o.signal ? AbortSignal.any([o.signal, line.signal]) : line.signal;
    try {
      return await this.execute(list, line.signal);
    } finally {
      this.line = undefined;
      sh.signal = o.signal;
    }
  }

  /**
   * execute runs a parsed line. With an interrupt signal, Ctrl-C settles it at once with 130 (a
   * command that ignores its signal finishes unseen: its output goes nowhere), and ash prints the
   * newline that ends the ^C the terminal echoed.
   */
  private async execute(list: List, interrupt: AbortSignal | undefined): Promise<Outcome> {
    const { o, sh } = this;
    const live = (out: Output): Output => (chunk) => {
      if (!interrupt?.aborted) out(chunk);
    };
    const io = { stdin: o.stdin, stdout: live(o.stdout), stderr: live(o.stderr) };
    const interrupted = new Promise<'interrupted'>((resolve) => {
      if (!interrupt) return;
      if (interrupt.aborted) resolve('interrupted');
      interrupt.addEventListener('abort', () => resolve('interrupted'), { once: true });
    });
    let outcome: Outcome = 'next';
    // A line that goes on after Ctrl-C still sets $? as it unwinds: 130 wins.
    const running = sh.execList(list, io).then(
      (status) => void (sh.status = interrupt?.aborted ? INTERRUPTED : status),
      (err: unknown) => {
        if (err instanceof ExitSignal) {
          if (interrupt?.aborted && !o.signal?.aborted) {
            sh.status = INTERRUPTED;
            return 'interrupted' as const;
          }
          sh.status = err.code;
          outcome = 'exit';
        } else if (err instanceof LoopSignal) sh.status = 0;
        else if (err instanceof ReturnSignal) sh.status = err.code;
        else throw err;
        return undefined;
      },
    );
    const result = await Promise.race([running, interrupted]);
    if (result === 'interrupted') {
      if (this.ended !== undefined) return 'exit';
      sh.status = INTERRUPTED;
      o.stderr('\n');
      return 'next';
    }
    return outcome;
  }

  /** prompt expands PS1 or PS2 the way ash's fancy prompts do (\w, \W, \$, \u, \h, \H, \n, \\). */
  private prompt(name: 'PS1' | 'PS2'): string {
    const ps = this.sh.vars.get(name) ?? '';
    const cwd = this.sh.cwd;
    const home = this.sh.vars.get('HOME');
    const host = this.o.hostname ?? 'localhost';
    return ps.replace(/\\(.)/g, (all, c: string) => {
      switch (c) {
        case 'w':
          return home && home !== '/' && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
        case 'W':
          return cwd === '/' ? '/' : cwd.slice(cwd.lastIndexOf('/') + 1);
        case '$':
          return '#'; // every container process here runs as root
        case 'u':
          return 'root';
        case 'h':
          return host.split('.')[0]!;
        case 'H':
          return host;
        case 'n':
          return '\n';
        case '\\':
          return '\\';
        case '[':
        case ']':
          return '';
        default:
          return all;
      }
    });
  }
}
