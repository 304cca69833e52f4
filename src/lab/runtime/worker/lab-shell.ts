// The lab terminal's shell in the Worker runtime: the engine's shell (engine/shell) kept alive
// across command lines, so variables, functions and the working folder persist as in an
// interactive sh, with a fresh AbortSignal per line for Ctrl-C.
import { Shell } from '../../../../engine/shell/interpreter.js';
import type { Command, List, Redirect, Word } from '../../../../engine/shell/ast.js';
import { parse, ShellSyntaxError } from '../../../../engine/shell/parser.js';
import type { CommandLookup, FileSystem } from '../../../../engine/shell/types.js';

export interface LineOutput {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** INTERRUPTED is the exit status of a line stopped by Ctrl-C (128 + SIGINT). */
export const INTERRUPTED = 130;

export class LabShell {
  private readonly vars = new Map<string, string>();
  private readonly exported = new Set<string>();
  private readonly functions = new Map<string, Command>();
  private status = 0;

  constructor(
    private readonly fs: FileSystem,
    private readonly commands: CommandLookup,
    env: Record<string, string>,
    public cwd: string,
  ) {
    for (const [k, v] of Object.entries(env)) this.vars.set(k, v), this.exported.add(k);
    this.vars.set('PWD', cwd);
    this.vars.set('IFS', ' \t\n');
  }

  /** run runs one (complete) command line; an aborted signal ends it with status 130 at once. */
  async run(source: string, out: LineOutput, signal: AbortSignal): Promise<number> {
    const sh = new Shell({ fs: this.fs, commands: this.commands, cwd: this.cwd, signal });
    // The maps are shared, not copied: what the line sets stays set for the next one.
    sh.vars = this.vars;
    sh.exported = this.exported;
    sh.functions = this.functions;
    sh.status = this.status;
    const decode = decoder();
    const io = { stdin: undefined, stdout: decode(out.stdout), stderr: decode(out.stderr) };
    const interrupted = new Promise<number>((resolve) => {
      if (signal.aborted) resolve(INTERRUPTED);
      signal.addEventListener('abort', () => resolve(INTERRUPTED), { once: true });
    });
    // A command that ignores the signal must not hold the prompt; it finishes unseen.
    const code = await Promise.race([sh.run(source, io).catch((err: unknown) => (out.stderr(`sh: ${(err as Error).message}\n`), 1)), interrupted]);
    this.cwd = sh.cwd;
    this.status = code;
    return code;
  }

  /** env returns the exported variables (what a command would inherit). */
  env(): Record<string, string> {
    return Object.fromEntries([...this.exported].filter((k) => this.vars.has(k)).map((k) => [k, this.vars.get(k)!]));
  }
}

/** decoder turns byte chunks into text without splitting multi-byte characters. */
function decoder() {
  return (write: (s: string) => void) => {
    const d = new TextDecoder();
    return (chunk: Uint8Array | string) => write(typeof chunk === 'string' ? chunk : d.decode(chunk, { stream: true }));
  };
}

/**
 * needsMore says whether a command line is unfinished and the terminal should ask for another
 * line (sh's PS2 prompt): an open quote, a trailing `\`, `|`, `&&` or `||`, an open `if`/`for`/
 * `{`, or a heredoc whose delimiter line has not come yet.
 */
export function needsMore(source: string): boolean {
  if (/(^|[^\\])(\\\\)*\\$/.test(source)) return true;
  let list: List;
  try {
    list = parse(source);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    return /end of file|unterminated|missing \}/.test(err.message);
  }
  // The parser takes the end of input as a heredoc's delimiter (as ash does); a terminal waits.
  const lines = source.split('\n');
  let next = 1;
  for (const h of heredocs(list)) {
    const delimiter = h.target.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
    const strip = h.op === '<<-';
    let found = -1;
    for (let i = next; i < lines.length; i++) {
      if ((strip ? lines[i]!.replace(/^\t+/, '') : lines[i]) === delimiter) {
        found = i;
        break;
      }
    }
    if (found < 0) return true;
    next = found + 1;
  }
  return false;
}

/** heredocs lists the heredoc redirections of a list in source order. */
function heredocs(list: List): Redirect[] {
  const out: Redirect[] = [];
  const visitList = (l: List) => {
    for (const andOr of l) for (const p of [andOr.first, ...andOr.rest.map((r) => r.pipeline)]) for (const c of p.commands) visit(c);
  };
  const visitWord = (w: Word) => {
    for (const part of w) if (part.kind === 'cmdsub') visitList(part.body);
  };
  const visit = (c: Command) => {
    switch (c.type) {
      case 'simple':
        c.words.forEach(visitWord);
        break;
      case 'if':
        for (const cl of c.clauses) visitList(cl.cond), visitList(cl.body);
        if (c.elseBody) visitList(c.elseBody);
        break;
      case 'for':
        visitList(c.body);
        break;
      case 'while':
        visitList(c.cond), visitList(c.body);
        break;
      case 'group':
        visitList(c.body);
        break;
      case 'case':
        for (const item of c.items) visitList(item.body);
        break;
      case 'function':
        visit(c.body);
        break;
    }
    out.push(...c.redirects.filter((r) => r.op === '<<' || r.op === '<<-'));
  };
  visitList(list);
  return out;
}
