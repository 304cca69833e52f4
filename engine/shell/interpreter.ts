// The shell's evaluator (busybox ash's evaltree/evalpipe/evalcommand, much reduced): and-or lists,
// pipelines whose commands run concurrently, redirections on an fd table, background jobs,
// functions and the control flow of loops. Commands come from an injected lookup.
import type { AndOr, Command, List, Pipeline, Redirect, SimpleCommand } from './ast.js';
import { expandPattern, expandString, expandWords, type ExpandHost } from './expand.js';
import { matchPattern } from './glob.js';
import { BrokenPipeError, createPipe, shareable, streamOf } from './io.js';
import { parse, ShellSyntaxError } from './parser.js';
import { builtins } from './builtins.js';
import { echo } from './commands/echo.js';
import { printf } from './commands/printf.js';
import { makeTest } from './commands/test.js';
import type { CommandLookup, FileSystem, Output, ShellCommand, ShellIO, ShellOptions } from './types.js';
import { resolvePath } from '../images/fs/path.js';

/** ExitSignal unwinds the shell on `exit` or a fatal expansion error. */
export class ExitSignal {
  constructor(readonly code: number) {}
}
export class LoopSignal {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}
export class ReturnSignal {
  constructor(readonly code: number) {}
}

const discard: Output = () => {};

export class Shell implements ExpandHost {
  readonly fs: FileSystem;
  readonly name: string;
  cwd: string;
  status = 0;
  args: string[];
  vars = new Map<string, string>();
  exported = new Set<string>();
  functions = new Map<string, Command>();
  jobs: Promise<number>[] = [];
  lastJob = 0;
  errexit = false;
  /** substStatus is the status of the last command substitution (the status of `X=$(cmd)`). */
  substStatus = 0;
  loopDepth = 0;
  conditionDepth = 0;
  io: ShellIO = { stdout: discard, stderr: discard };
  readonly commands: CommandLookup;
  /** signal ends what runs; an interactive shell gives each command line its own (Ctrl-C). */
  signal: AbortSignal | undefined;
  private readonly stateless: Record<string, ShellCommand>;

  constructor(options: ShellOptions) {
    this.fs = options.fs;
    this.name = options.name ?? 'sh';
    this.cwd = options.cwd ?? '/';
    this.args = options.args ?? [];
    this.commands = options.commands;
    this.signal = options.signal;
    for (const [k, v] of Object.entries(options.env ?? {})) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    if (!this.vars.has('PWD')) this.vars.set('PWD', this.cwd);
    if (!this.vars.has('IFS')) this.vars.set('IFS', ' \t\n');
    const test = makeTest(this.fs);
    this.stateless = { echo, printf, test, '[': test, true: async () => 0, false: async () => 1, ':': async () => 0 };
  }

  /** run parses and executes source; it resolves with the exit status. */
  async run(source: string, io: ShellIO): Promise<number> {
    let list: List;
    try {
      list = parse(source);
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err;
      io.stderr(`${this.name}: ${err.message}\n`);
      this.status = 2;
      return 2;
    }
    return this.runParsed(list, io);
  }

  async runParsed(list: List, io: ShellIO): Promise<number> {
    try {
      this.status = await this.execList(list, io);
    } catch (err) {
      if (err instanceof ExitSignal) this.status = err.code;
      else if (err instanceof LoopSignal) this.status = 0;
      else if (err instanceof ReturnSignal) this.status = err.code;
      else throw err;
    }
    return this.status;
  }

  /** subshell copies the shell's state for ( … ), pipelines, background jobs and $( … ). */
  subshell(): Shell {
    const sh = new Shell({ fs: this.fs, commands: this.commands, cwd: this.cwd, name: this.name, args: [...this.args], signal: this.signal });
    sh.vars = new Map(this.vars);
    sh.exported = new Set(this.exported);
    sh.functions = new Map(this.functions);
    sh.status = this.status;
    sh.errexit = this.errexit;
    return sh;
  }

  // --- ExpandHost ---
  getParam(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.status);
      case '$': return '1';
      case '#': return String(this.args.length);
      case '@':
      case '*': return this.args.join(' ');
      case '!': return this.lastJob ? String(this.lastJob) : '';
      case '-': return this.errexit ? 'e' : '';
      case '0': return this.name;
    }
    if (/^[1-9]$/.test(name)) return this.args[Number(name) - 1];
    return this.vars.get(name);
  }

  positional(): string[] {
    return this.args;
  }

  setVar(name: string, value: string): void {
    this.vars.set(name, value);
    if (name === 'PWD') this.cwd = value;
  }

  async commandSubstitution(body: List): Promise<string> {
    const sh = this.subshell();
    let out = '';
    const decoder = new TextDecoder();
    await sh.runParsed(body, { stdin: undefined, stdout: (c) => (out += typeof c === 'string' ? c : decoder.decode(c)), stderr: this.io.stderr });
    this.substStatus = sh.status;
    return out;
  }

  fail(message: string): never {
    this.io.stderr(`${this.name}: ${message}\n`);
    throw new ExitSignal(2);
  }

  /** environment is what commands inherit: exported variables. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) env[k] = v;
    }
    return env;
  }

  // #region exec
  async execList(list: List, io: ShellIO): Promise<number> {
    let status = this.status;
    for (const andOr of list) {
      this.checkAborted();
      if (andOr.background) {
        const sh = this.subshell();
        const job = sh.runParsed([{ ...andOr, background: false }], { ...io, stdin: undefined });
        this.jobs.push(job);
        this.lastJob = 100 + this.jobs.length;
        status = this.status = 0;
        continue;
      }
      status = this.status = await this.execAndOr(andOr, io);
    }
    return status;
  }

  private async execAndOr(andOr: AndOr, io: ShellIO): Promise<number> {
    const chained = andOr.rest.length > 0;
    if (chained) this.conditionDepth++;
    let status: number;
    try {
      status = this.status = await this.execPipeline(andOr.first, io);
      for (const [i, { op, pipeline }] of andOr.rest.entries()) {
        if ((op === '&&') !== (status === 0)) continue;
        if (i === andOr.rest.length - 1) this.conditionDepth--;
        try {
          status = this.status = await this.execPipeline(pipeline, io);
        } finally {
          if (i === andOr.rest.length - 1) this.conditionDepth++;
        }
      }
    } finally {
      if (chained) this.conditionDepth--;
    }
    return status;
  }

  private async execPipeline(p: Pipeline, io: ShellIO): Promise<number> {
    let status: number;
    if (p.commands.length === 1) {
      if (p.negate) this.conditionDepth++;
      try {
        status = await this.execCommand(p.commands[0]!, io);
      } finally {
        if (p.negate) this.conditionDepth--;
      }
    } else {
      const pipes = p.commands.slice(1).map(() => createPipe());
      const last = p.commands.length - 1;
      const stages = p.commands.map(async (cmd, i) => {
        const sh = this.subshell();
        const stageIO: ShellIO = {
          stdin: i === 0 ? io.stdin : pipes[i - 1]!.readable,
          stdout: i === last ? io.stdout : pipes[i]!.write,
          stderr: io.stderr,
        };
        let code: number;
        try {
          code = await sh.runParsed([{ first: { negate: false, commands: [cmd] }, rest: [], background: false }], stageIO);
        } catch (err) {
          if (!(err instanceof BrokenPipeError)) throw err;
          code = 141;
        } finally {
          if (i < last) pipes[i]!.close();
          if (i > 0) pipes[i - 1]!.breakPipe();
        }
        return code;
      });
      const codes = await Promise.all(stages);
      status = codes[last]!;
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    else if (this.errexit && status !== 0 && this.conditionDepth === 0) {
      this.status = status;
      throw new ExitSignal(status);
    }
    return status;
  }

  async execCommand(cmd: Command, io: ShellIO): Promise<number> {
    this.io = io;
    switch (cmd.type) {
      case 'simple':
        return this.execSimple(cmd, io);
      case 'function':
        this.functions.set(cmd.name, cmd.body);
        return 0;
      default:
        return this.withRedirects(cmd.redirects, io, (rio) => this.execCompound(cmd, rio));
    }
  }

  private async execCompound(cmd: Exclude<Command, SimpleCommand | { type: 'function' }>, io: ShellIO): Promise<number> {
    switch (cmd.type) {
      case 'group':
        if (cmd.subshell) return this.subshell().runParsed(cmd.body, io);
        return this.execList(cmd.body, io);
      case 'if':
        for (const clause of cmd.clauses) {
          if ((await this.condition(clause.cond, io)) === 0) return this.execList(clause.body, io);
        }
        return cmd.elseBody ? this.execList(cmd.elseBody, io) : 0;
      case 'for': {
        const items = cmd.items ? await expandWords(this, cmd.items) : [...this.args];
        return this.loop(io, async (body) => {
          for (const item of items) {
            this.setVar(cmd.name, item);
            if (!(await body())) break;
          }
        }, cmd.body);
      }
      case 'while':
        return this.loop(io, async (body) => {
          for (;;) {
            const ok = (await this.condition(cmd.cond, io)) === 0;
            if (ok === cmd.until || !(await body())) break;
          }
        }, cmd.body);
      case 'case': {
        const word = await expandString(this, cmd.word);
        for (const item of cmd.items) {
          for (const pattern of item.patterns) {
            if (matchPattern(word, await expandPattern(this, pattern))) return this.execList(item.body, io);
          }
        }
        return 0;
      }
    }
  }

  private async condition(list: List, io: ShellIO): Promise<number> {
    this.conditionDepth++;
    try {
      return await this.execList(list, io);
    } finally {
      this.conditionDepth--;
    }
  }

  /** loop runs a loop driver; body() returns false when the loop must stop (break). */
  private async loop(io: ShellIO, drive: (body: () => Promise<boolean>) => Promise<void>, list: List): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      await drive(async () => {
        this.checkAborted();
        try {
          status = await this.execList(list, io);
          return true;
        } catch (err) {
          if (!(err instanceof LoopSignal)) throw err;
          if (err.levels > 1) {
            err.levels--;
            throw err;
          }
          return err.kind === 'continue';
        }
      });
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  private async execSimple(cmd: SimpleCommand, io: ShellIO): Promise<number> {
    this.substStatus = 0;
    const argv = await expandWords(this, cmd.words);
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) assigns.push([a.name, await expandString(this, a.value)]);
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.setVar(k, v);
      const substStatus = this.substStatus;
      return this.withRedirects(cmd.redirects, io, async () => substStatus);
    }
    return this.withRedirects(cmd.redirects, io, (rio) => this.dispatch(argv, assigns, rio));
  }

  /** dispatch runs argv: a function, a builtin, or a command from the lookup. */
  async dispatch(argv: string[], assigns: [string, string][], io: ShellIO): Promise<number> {
    const name = argv[0]!;
    const fn = this.functions.get(name);
    if (fn) {
      const saved = this.args;
      this.args = argv.slice(1);
      try {
        return await this.execCommand(fn, io);
      } catch (err) {
        if (err instanceof ReturnSignal) return err.code;
        throw err;
      } finally {
        this.args = saved;
      }
    }
    const builtin = builtins[name];
    if (builtin) {
      for (const [k, v] of assigns) this.setVar(k, v);
      return builtin(this, argv, io);
    }
    const command = this.stateless[name] ?? this.commands(name);
    if (!command) {
      io.stderr(`${this.name}: ${name}: not found\n`);
      return 127;
    }
    // The command's reads of a shared stdin end with it (or with an interrupt), taking nothing more.
    const over = io.stdin ? new AbortController() : undefined;
    try {
      return await command({
        argv,
        env: { ...this.environment(), ...Object.fromEntries(assigns) },
        cwd: this.cwd,
        stdin: over && shareable(io.stdin, this.signal ? AbortSignal.any([over.signal, this.signal]) : over.signal),
        stdout: io.stdout,
        stderr: io.stderr,
        signal: this.signal,
      });
    } catch (err) {
      if (err instanceof BrokenPipeError || err instanceof ExitSignal) throw err;
      io.stderr(`${this.name}: ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    } finally {
      over?.abort();
    }
  }
  // #endregion exec

  // #region redirects
  private async withRedirects(redirects: Redirect[], io: ShellIO, run: (io: ShellIO) => Promise<number>): Promise<number> {
    if (redirects.length === 0) return run(io);
    const ins = new Map<number, ReadableStream<Uint8Array> | undefined>([[0, io.stdin]]);
    const outs = new Map<number, Output>([[1, io.stdout], [2, io.stderr]]);
    for (const r of redirects) {
      const target = r.heredoc ? '' : await expandString(this, r.target);
      const error = this.applyRedirect(r, target, ins, outs);
      if (error) {
        io.stderr(`${this.name}: ${error}\n`);
        return 1;
      }
    }
    return run({ stdin: ins.get(0), stdout: outs.get(1) ?? discard, stderr: outs.get(2) ?? discard });
  }

  /** applyRedirect updates the fd tables; it returns ash's error text when a file cannot be opened. */
  private applyRedirect(r: Redirect, target: string, ins: Map<number, ReadableStream<Uint8Array> | undefined>, outs: Map<number, Output>): string | undefined {
    if (r.heredoc) {
      // Heredoc bodies expand when the command runs; expansion is synchronous here only for literals.
      ins.set(r.fd, heredocStream(this, r));
      return undefined;
    }
    if (r.op === '>&' || r.op === '<&') {
      if (target === '-') {
        outs.set(r.fd, discard);
        ins.set(r.fd, undefined);
      } else if (/^\d+$/.test(target)) {
        if (r.op === '>&') outs.set(r.fd, outs.get(Number(target)) ?? discard);
        else ins.set(r.fd, ins.get(Number(target)));
      } else return `${target}: bad file descriptor`;
      return undefined;
    }
    const path = resolvePath(this.cwd, target);
    if (r.op === '<' || r.op === '<>') {
      if (path === '/dev/null') {
        ins.set(r.fd, streamOf(''));
        return undefined;
      }
      try {
        ins.set(r.fd, streamOf(this.fs.readFile(path)));
      } catch (err) {
        const code = (err as { code?: string }).code;
        return `can't open ${target}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`;
      }
      return undefined;
    }
    if (path === '/dev/null') {
      outs.set(r.fd, discard);
      return undefined;
    }
    if (path === '/dev/stdout' || path === '/dev/stderr') {
      outs.set(r.fd, outs.get(path === '/dev/stdout' ? 1 : 2) ?? discard);
      return undefined;
    }
    try {
      const stat = this.fs.stat(path);
      if (stat?.type === 'dir') return `can't create ${target}: Is a directory`;
      if (r.op !== '>>' || !stat) this.fs.writeFile(path, '');
    } catch (err) {
      const code = (err as { code?: string }).code;
      return `can't create ${target}: ${code === 'ENOENT' ? 'nonexistent directory' : (err as Error).message}`;
    }
    outs.set(r.fd, (chunk) => this.fs.writeFile(path, chunk, { append: true }));
    return undefined;
  }
  // #endregion redirects

  checkAborted(): void {
    if (this.signal?.aborted) throw new ExitSignal(130);
  }
}

/** heredocStream expands a heredoc body lazily, when the command first reads it. */
function heredocStream(sh: Shell, r: Redirect): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      const text = await expandString(sh, r.heredoc!.body);
      if (text) controller.enqueue(encoder.encode(text));
      controller.close();
    },
  });
}
