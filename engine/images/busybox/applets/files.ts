// File applets of busybox (coreutils/cat.c, ls.c, head.c, tail.c, touch.c, mkdir.c, rm.c, cp.c,
// mv.c, tee.c), over the container's FileSystem. ls prints one name per line as it does without a
// terminal; ls -l uses busybox's column widths.
import type { Program, ProcessContext } from '../../types.js';
import { getopt, lines, path, readInputs } from './util.js';
import { basename } from '../../fs/path.js';
import { readAll } from '../../../shell/io.js';

export const cat: Program = async (ctx) => {
  const { rest } = getopt(ctx.argv);
  if (rest.length === 0 || rest.includes('-')) {
    const inputs = await readInputs(ctx, 'cat', rest);
    if (typeof inputs === 'number') return inputs;
    for (const i of inputs) ctx.stdout(i.text);
    return 0;
  }
  let status = 0;
  for (const f of rest) {
    try {
      ctx.stdout(ctx.fs.readFile(path(ctx, f)));
    } catch (err) {
      ctx.stderr(`cat: can't open '${f}': ${(err as Error).message}\n`);
      status = 1;
    }
  }
  return status;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function modeString(type: 'file' | 'dir', mode: number): string {
  let s = type === 'dir' ? 'd' : '-';
  for (const shift of [6, 3, 0]) {
    const bits = (mode >> shift) & 7;
    s += (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? 'x' : '-');
  }
  return s;
}

function longLine(ctx: ProcessContext, full: string, name: string): string {
  const st = ctx.fs.stat(full)!;
  const d = new Date(st.mtimeMs || ctx.clock.now());
  const time = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${modeString(st.type, st.mode)} ${String(st.type === 'dir' ? 2 : 1).padStart(4)} root     root     ${String(st.size).padStart(9)} ${time} ${name}`;
}

export const ls: Program = async (ctx) => {
  const { flags, rest } = getopt(ctx.argv);
  const targets = rest.length > 0 ? rest : ['.'];
  let status = 0;
  const out: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const full = path(ctx, t);
    const st = ctx.fs.stat(full);
    if (!st) {
      ctx.stderr(`ls: ${t}: No such file or directory\n`);
      status = 1;
    } else if (st.type === 'file' || flags.has('d')) out.push(flags.has('l') ? longLine(ctx, full, t) : t);
    else dirs.push(t);
  }
  for (const t of dirs) {
    const full = path(ctx, t);
    let names = ctx.fs.readdir(full);
    if (!flags.has('a')) names = names.filter((n) => !n.startsWith('.'));
    else names = ['.', '..', ...names];
    if (targets.length > 1) out.push(`${out.length > 0 ? '\n' : ''}${t}:`);
    if (flags.has('l')) out.push(`total ${names.length * 4}`);
    for (const n of names) out.push(flags.has('l') ? longLine(ctx, n === '.' || n === '..' ? full : `${full}/${n}`, n) : n);
  }
  if (out.length > 0) ctx.stdout(out.join('\n') + '\n');
  return status;
};

function countOption(ctx: ProcessContext): { n: number; rest: string[]; fromStart: boolean } {
  const args = ctx.argv.slice(1);
  let n = 10;
  let fromStart = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n') {
      const v = args[++i] ?? '10';
      fromStart = v.startsWith('+');
      n = Math.abs(Number(v));
    } else if (/^-n[+-]?\d+$/.test(a)) {
      fromStart = a[2] === '+';
      n = Math.abs(Number(a.slice(2)));
    } else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else rest.push(a);
  }
  return { n, rest, fromStart };
}

export const head: Program = async (ctx) => {
  const { n, rest } = countOption(ctx);
  if (rest.length === 0 && ctx.stdin) {
    // Read only as much as needed, so `yes | head` ends.
    const reader = ctx.stdin.getReader();
    let text = '';
    const decoder = new TextDecoder();
    while ((text.match(/\n/g)?.length ?? 0) < n) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    void reader.cancel().catch(() => {});
    const ls = text.split('\n');
    ctx.stdout(ls.slice(0, n).join('\n') + (ls.length > n ? '\n' : ''));
    return 0;
  }
  const inputs = await readInputs(ctx, 'head', rest);
  if (typeof inputs === 'number') return inputs;
  inputs.forEach((i, k) => {
    if (inputs.length > 1) ctx.stdout(`${k > 0 ? '\n' : ''}==> ${i.name} <==\n`);
    const ls = lines(i.text).slice(0, n);
    ctx.stdout(ls.map((l) => l + '\n').join(''));
  });
  return 0;
};

export const tail: Program = async (ctx) => {
  const { n, rest, fromStart } = countOption(ctx);
  const inputs = await readInputs(ctx, 'tail', rest.filter((a) => a !== '-f'));
  if (typeof inputs === 'number') return inputs;
  for (const i of inputs) {
    const ls = lines(i.text);
    const picked = fromStart ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n);
    ctx.stdout(picked.map((l) => l + '\n').join(''));
  }
  return 0;
};

export const touch: Program = async (ctx) => {
  let status = 0;
  for (const f of getopt(ctx.argv).rest) {
    try {
      if (!ctx.fs.stat(path(ctx, f))) ctx.fs.writeFile(path(ctx, f), '');
      else ctx.fs.writeFile(path(ctx, f), '', { append: true });
    } catch (err) {
      ctx.stderr(`touch: ${f}: ${(err as Error).message}\n`);
      status = 1;
    }
  }
  return status;
};

export const mkdir: Program = async (ctx) => {
  const { flags, rest } = getopt(ctx.argv, 'm');
  let status = 0;
  for (const d of rest) {
    try {
      ctx.fs.mkdir(path(ctx, d), { recursive: flags.has('p') });
    } catch (err) {
      ctx.stderr(`mkdir: can't create directory '${d}': ${(err as Error).message}\n`);
      status = 1;
    }
  }
  return status;
};

export const rm: Program = async (ctx) => {
  const { flags, rest } = getopt(ctx.argv);
  const recursive = flags.has('r') || flags.has('R');
  let status = 0;
  for (const f of rest) {
    const st = ctx.fs.stat(path(ctx, f));
    if (!st) {
      if (!flags.has('f')) {
        ctx.stderr(`rm: can't remove '${f}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (st.type === 'dir' && !recursive) {
      ctx.stderr(`rm: '${f}' is a directory\n`);
      status = 1;
      continue;
    }
    try {
      ctx.fs.rm(path(ctx, f), { recursive });
    } catch (err) {
      ctx.stderr(`rm: can't remove '${f}': ${(err as Error).message}\n`);
      status = 1;
    }
  }
  return status;
};

export const cp: Program = async (ctx) => {
  const { rest } = getopt(ctx.argv);
  const dest = rest.pop();
  if (!dest || rest.length === 0) {
    ctx.stderr('cp: need at least two arguments\n');
    return 1;
  }
  const destDir = ctx.fs.stat(path(ctx, dest))?.type === 'dir';
  let status = 0;
  for (const src of rest) {
    try {
      const data = ctx.fs.readFile(path(ctx, src));
      ctx.fs.writeFile(path(ctx, destDir ? `${dest}/${basename(src)}` : dest), data);
    } catch (err) {
      ctx.stderr(`cp: can't stat '${src}': ${(err as Error).message}\n`);
      status = 1;
    }
  }
  return status;
};

export const mv: Program = async (ctx) => {
  const code = await cp(ctx);
  if (code !== 0) return code;
  for (const src of getopt(ctx.argv).rest.slice(0, -1)) ctx.fs.rm(path(ctx, src));
  return 0;
};

export const tee: Program = async (ctx) => {
  const { flags, rest } = getopt(ctx.argv);
  const data = await readAll(ctx.stdin);
  for (const f of rest) ctx.fs.writeFile(path(ctx, f), data, { append: flags.has('a') });
  ctx.stdout(data);
  return 0;
};
