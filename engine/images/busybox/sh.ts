// busybox's sh applet (ash): runs the shell of engine/shell with the image's programs as its
// commands, the way busybox finds applets before searching PATH. Without -c or a script file it
// reads commands from stdin as they come, interactive (prompts, Ctrl-C) with -i or a terminal.
import type { Program, ProcessContext } from '../types.js';
import { Shell } from '../../shell/interpreter.js';
import type { ShellCommand } from '../../shell/types.js';
import { basename, resolvePath } from '../fs/path.js';
import { isatty } from '../../shell/io.js';
import { CommandLoop } from '../../shell/interactive.js';

/**
 * programCommand adapts a Program to the shell's command contract, inside the caller's process; the
 * command ends with the shell's signal (an interactive shell's Ctrl-C ends just the command line).
 */
export function programCommand(ctx: ProcessContext, program: Program): ShellCommand {
  return (inv) => program({ ...ctx, argv: inv.argv, env: inv.env, cwd: inv.cwd, stdin: inv.stdin, stdout: inv.stdout, stderr: inv.stderr, aborted: inv.signal ?? ctx.aborted });
}

/** makeShell returns an `sh` program whose commands are the given programs (by name or path). */
export function makeShell(programs: () => Record<string, Program>): Program {
  return async (ctx) => {
    let args = ctx.argv.slice(1);
    let script: string | undefined;
    let name = 'sh';
    let positional: string[] = [];
    let interactive = false;
    // Option letters before the operands (-i interactive, -s read stdin; -l, -x and friends change nothing here).
    let command = false;
    while (args[0] !== undefined && /^-[a-z]+$/.test(args[0])) {
      if (args[0].includes('i')) interactive = true;
      command = args[0].includes('c');
      args = args.slice(1);
      if (command) break;
    }
    if (command) {
      if (args[0] === undefined) {
        ctx.stderr('sh: -c requires an argument\n');
        return 2;
      }
      script = args[0];
      name = args[1] ?? 'sh';
      positional = args.slice(2);
    } else if (args[0] !== undefined && !args[0].startsWith('-')) {
      try {
        script = ctx.fs.readText(resolvePath(ctx.cwd, args[0]));
      } catch (err) {
        ctx.stderr(`sh: can't open '${args[0]}': ${(err as Error).message}\n`);
        return 2;
      }
      name = args[0];
      positional = args.slice(1);
    } else if (isatty(ctx.stdin)) {
      interactive = true;
    }
    const table = programs();
    const shell = new Shell({
      fs: ctx.fs,
      env: ctx.env,
      cwd: ctx.cwd,
      name,
      args: positional,
      signal: ctx.aborted,
      commands: (cmd) => {
        const program = table[cmd.includes('/') ? basename(cmd) : cmd];
        return program ? programCommand(ctx, program) : undefined;
      },
    });
    if (script !== undefined) return shell.run(script, { stdin: command ? ctx.stdin : undefined, stdout: ctx.stdout, stderr: ctx.stderr });
    const loop = new CommandLoop(shell, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, interactive, hostname: ctx.hostname, signal: ctx.aborted });
    // An interactive ash catches SIGINT (for the line) and ignores SIGTERM; a hangup ends it.
    if (interactive) ctx.onSignal((signal) => (signal === 'SIGINT' ? loop.interrupt() : signal === 'SIGHUP' ? loop.end(129) : undefined));
    return loop.run();
  };
}
