// The lab terminal's shell in the Worker runtime: the engine's shell (engine/shell) kept alive
// across command lines, so variables, functions and the working folder persist as in an
// interactive sh, with a fresh AbortSignal per line for Ctrl-C.
import { Shell } from '../../../../engine/shell/interpreter.js';
import type { Command } from '../../../../engine/shell/ast.js';
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

export { needsMore } from '../../../../engine/shell/continuation.js';
