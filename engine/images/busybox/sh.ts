// busybox's sh applet (ash): runs the shell of engine/shell with the image's programs as its
// commands, the way busybox finds applets before searching PATH.
import type { Program, ProcessContext } from '../types.js';
import { Shell } from '../../shell/interpreter.js';
import type { ShellCommand } from '../../shell/types.js';
import { basename, resolvePath } from '../fs/path.js';
import { readAll } from '../../shell/io.js';

/** programCommand adapts a Program to the shell's command contract, inside the caller's process. */
export function programCommand(ctx: ProcessContext, program: Program): ShellCommand {
  return (inv) => program({ ...ctx, argv: inv.argv, env: inv.env, cwd: inv.cwd, stdin: inv.stdin, stdout: inv.stdout, stderr: inv.stderr });
}

/** makeShell returns an `sh` program whose commands are the given programs (by name or path). */
export function makeShell(programs: () => Record<string, Program>): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let script: string;
    let name = 'sh';
    let positional: string[] = [];
    if (args[0] === '-c') {
      if (args[1] === undefined) {
        ctx.stderr('sh: -c requires an argument\n');
        return 2;
      }
      script = args[1];
      name = args[2] ?? 'sh';
      positional = args.slice(3);
    } else if (args[0] !== undefined && !args[0].startsWith('-')) {
      try {
        script = ctx.fs.readText(resolvePath(ctx.cwd, args[0]));
      } catch (err) {
        ctx.stderr(`sh: can't open '${args[0]}': ${(err as Error).message}\n`);
        return 2;
      }
      name = args[0];
      positional = args.slice(1);
    } else {
      script = new TextDecoder().decode(await readAll(ctx.stdin));
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
    return shell.run(script, { stdin: args[0] === '-c' ? ctx.stdin : undefined, stdout: ctx.stdout, stderr: ctx.stderr });
  };
}
