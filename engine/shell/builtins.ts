// Builtins that change the shell itself (ash's cd, export, read, exit, …); stateless ones such as
// echo and test live in commands/ so images can also offer them as programs.
import type { Shell } from './interpreter.js';
import { ExitSignal, LoopSignal, ReturnSignal } from './interpreter.js';
import { lineInput } from './io.js';
import { parse, ShellSyntaxError } from './parser.js';
import type { ShellIO } from './types.js';
import { resolvePath } from '../images/fs/path.js';

export type Builtin = (sh: Shell, argv: string[], io: ShellIO) => Promise<number>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function assignArgs(sh: Shell, args: string[], io: ShellIO, onName: (name: string) => void): number {
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!NAME.test(name)) {
      io.stderr(`${sh.name}: ${argvName(arg)}: bad variable name\n`);
      return 1;
    }
    if (eq >= 0) sh.setVar(name, arg.slice(eq + 1));
    onName(name);
  }
  return 0;
}

function argvName(arg: string): string {
  return arg.split('=')[0] ?? arg;
}

function count(sh: Shell, arg: string | undefined, io: ShellIO, what: string): number | undefined {
  if (arg === undefined) return 1;
  if (!/^\d+$/.test(arg) || Number(arg) < 1) {
    io.stderr(`${sh.name}: ${what}: Illegal number: ${arg}\n`);
    return undefined;
  }
  return Number(arg);
}

export const builtins: Record<string, Builtin> = {
  async cd(sh, argv, io) {
    let target = argv[1] ?? sh.vars.get('HOME') ?? '/';
    if (target === '-') {
      target = sh.vars.get('OLDPWD') ?? sh.cwd;
      io.stdout(`${target}\n`);
    }
    const path = resolvePath(sh.cwd, target);
    const stat = sh.fs.stat(path);
    if (!stat || stat.type !== 'dir') {
      io.stderr(`${sh.name}: cd: can't cd to ${target}: ${stat ? 'Not a directory' : 'No such file or directory'}\n`);
      return 2;
    }
    sh.vars.set('OLDPWD', sh.cwd);
    sh.setVar('PWD', path);
    return 0;
  },
  async pwd(sh, _argv, io) {
    io.stdout(`${sh.cwd}\n`);
    return 0;
  },
  async export(sh, argv, io) {
    const args = argv.slice(1).filter((a) => a !== '-p');
    if (args.length === 0) {
      for (const k of [...sh.exported].sort()) {
        const v = sh.vars.get(k);
        if (v !== undefined) io.stdout(`export ${k}='${v.replace(/'/g, `'"'"'`)}'\n`);
      }
      return 0;
    }
    return assignArgs(sh, args, io, (name) => sh.exported.add(name));
  },
  async readonly(sh, argv, io) {
    return assignArgs(sh, argv.slice(1), io, () => {});
  },
  async local(sh, argv, io) {
    return assignArgs(sh, argv.slice(1), io, () => {});
  },
  async unset(sh, argv) {
    for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
      sh.vars.delete(name);
      sh.exported.delete(name);
      sh.functions.delete(name);
    }
    return 0;
  },
  async exit(sh, argv, io) {
    const arg = argv[1];
    if (arg !== undefined && !/^\d+$/.test(arg)) {
      io.stderr(`${sh.name}: exit: Illegal number: ${arg}\n`);
      throw new ExitSignal(2);
    }
    throw new ExitSignal(arg === undefined ? sh.status : Number(arg) & 0xff);
  },
  async return(sh, argv) {
    throw new ReturnSignal(argv[1] === undefined ? sh.status : Number(argv[1]) & 0xff);
  },
  async break(sh, argv, io) {
    const n = count(sh, argv[1], io, 'break');
    if (n === undefined) return 2;
    if (sh.loopDepth === 0) return 0;
    throw new LoopSignal('break', Math.min(n, sh.loopDepth));
  },
  async continue(sh, argv, io) {
    const n = count(sh, argv[1], io, 'continue');
    if (n === undefined) return 2;
    if (sh.loopDepth === 0) return 0;
    throw new LoopSignal('continue', Math.min(n, sh.loopDepth));
  },
  async shift(sh, argv, io) {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n > sh.args.length) {
      io.stderr(`${sh.name}: shift: can't shift that many\n`);
      return 1;
    }
    sh.args = sh.args.slice(n);
    return 0;
  },
  async set(sh, argv, io) {
    const args = argv.slice(1);
    if (args.length === 0) {
      for (const [k, v] of [...sh.vars].sort(([a], [b]) => a.localeCompare(b))) io.stdout(`${k}='${v}'\n`);
      return 0;
    }
    while (args.length > 0 && /^[-+][a-z]+$/.test(args[0]!)) {
      const flag = args.shift()!;
      if (flag.includes('e')) sh.errexit = flag.startsWith('-');
    }
    if (args[0] === '--') args.shift();
    if (args.length > 0 || argv.includes('--')) sh.args = args;
    return 0;
  },
  async read(sh, argv, io) {
    const names = argv.slice(1).filter((a) => !a.startsWith('-'));
    const raw = argv.includes('-r');
    if (!io.stdin) return 1;
    let line = await lineInput(io.stdin).readLine();
    if (line === undefined) {
      for (const n of names) sh.setVar(n, '');
      return 1;
    }
    if (!raw) line = line.replace(/\\(.)/g, '$1');
    const targets = names.length > 0 ? names : ['REPLY'];
    const fields = line.trim().split(/[ \t]+/);
    targets.forEach((n, i) => {
      sh.setVar(n, i === targets.length - 1 ? fields.slice(i).join(' ') : fields[i] ?? '');
    });
    return 0;
  },
  async wait(sh) {
    const jobs = sh.jobs;
    sh.jobs = [];
    const codes = await Promise.all(jobs);
    return codes[codes.length - 1] ?? 0;
  },
  async eval(sh, argv, io) {
    return runSource(sh, argv.slice(1).join(' '), io);
  },
  async '.'(sh, argv, io) {
    return source(sh, argv, io);
  },
  async source(sh, argv, io) {
    return source(sh, argv, io);
  },
  async trap() {
    return 0;
  },
  async umask() {
    return 0;
  },
  async type(sh, argv, io) {
    let status = 0;
    for (const name of argv.slice(1)) {
      const kind = describe(sh, name);
      if (kind) io.stdout(`${name} is ${kind}\n`);
      else {
        io.stdout(`${name}: not found\n`);
        status = 127;
      }
    }
    return status;
  },
  async command(sh, argv, io) {
    if (argv[1] === '-v' || argv[1] === '-V') {
      const name = argv[2] ?? '';
      const kind = describe(sh, name);
      if (!kind) return 127;
      io.stdout(argv[1] === '-v' ? `${kind.startsWith('/') ? kind : name}\n` : `${name} is ${kind}\n`);
      return 0;
    }
    if (argv.length < 2) return 0;
    return sh.dispatch(argv.slice(1), [], io);
  },
  async exec(sh, argv, io) {
    if (argv.length < 2) return 0;
    throw new ExitSignal(await sh.dispatch(argv.slice(1), [], io));
  },
};

function describe(sh: Shell, name: string): string | undefined {
  if (sh.functions.has(name)) return 'a function';
  if (name in builtins || ['echo', 'printf', 'test', '[', 'true', 'false', ':'].includes(name)) return 'a shell builtin';
  if (sh.commands(name)) return `/bin/${name}`;
  return undefined;
}

async function source(sh: Shell, argv: string[], io: ShellIO): Promise<number> {
  const file = argv[1];
  if (!file) return 0;
  let text: string;
  try {
    text = sh.fs.readText(resolvePath(sh.cwd, file));
  } catch {
    io.stderr(`${sh.name}: .: can't open '${file}'\n`);
    return 2;
  }
  return runSource(sh, text, io);
}

async function runSource(sh: Shell, text: string, io: ShellIO): Promise<number> {
  try {
    return await sh.execList(parse(text), io);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    io.stderr(`${sh.name}: ${err.message}\n`);
    return 2;
  }
}
