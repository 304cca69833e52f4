// Text applets of busybox (findutils/grep.c, coreutils/wc.c, sort.c, base64, seq, yes, tr):
// the options labs use, with busybox's output shapes.
import type { Program } from '../../types.js';
import { getopt, lines, readInputs } from './util.js';
import { readAll } from '../../../shell/io.js';

/** breToRegExp turns a POSIX basic regular expression into a JavaScript one. */
function breToRegExp(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i]!;
      out += '(){}|+?'.includes(n) ? n : '\\' + n;
    } else if ('(){}|+?'.includes(c)) out += '\\' + c;
    else out += c;
  }
  return out;
}

export const grep: Program = async (ctx) => {
  const { flags, values, rest } = getopt(ctx.argv, 'e');
  const pattern = values.get('e') ?? rest.shift();
  if (pattern === undefined) {
    ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
    return 2;
  }
  let source = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') ? pattern : breToRegExp(pattern);
  if (flags.has('w')) source = `\\b(?:${source})\\b`;
  if (flags.has('x')) source = `^(?:${source})$`;
  const re = new RegExp(source, flags.has('i') ? 'i' : '');
  const inputs = await readInputs(ctx, 'grep', rest);
  if (typeof inputs === 'number') return 2;
  let matched = 0;
  const out: string[] = [];
  for (const input of inputs) {
    let count = 0;
    lines(input.text).forEach((line, i) => {
      if (re.test(line) === flags.has('v')) return;
      count++;
      if (flags.has('c') || flags.has('q') || flags.has('l')) return;
      const prefix = (inputs.length > 1 ? `${input.name}:` : '') + (flags.has('n') ? `${i + 1}:` : '');
      if (flags.has('o')) for (const m of line.matchAll(new RegExp(re.source, re.flags + 'g'))) out.push(prefix + m[0]);
      else out.push(prefix + line);
    });
    if (flags.has('c')) out.push((inputs.length > 1 ? `${input.name}:` : '') + count);
    if (flags.has('l') && count > 0) out.push(input.name === '-' ? '(standard input)' : input.name);
    matched += count;
  }
  if (flags.has('q')) return matched > 0 ? 0 : 1;
  if (out.length > 0) ctx.stdout(out.join('\n') + '\n');
  return matched > 0 ? 0 : 1;
};

export const wc: Program = async (ctx) => {
  const { flags, rest } = getopt(ctx.argv);
  const inputs = await readInputs(ctx, 'wc', rest);
  if (typeof inputs === 'number') return inputs;
  const which = ['l', 'w', 'c'].filter((f) => flags.has(f) || (f === 'c' && flags.has('m')));
  const cols = which.length > 0 ? which : ['l', 'w', 'c'];
  const totals = [0, 0, 0];
  const print = (counts: number[], name: string): void => {
    const picked = cols.map((c) => counts['lwc'.indexOf(c)]!);
    const text = picked.length === 1 && name === '-' ? String(picked[0]) : picked.map((n) => String(n).padStart(picked.length === 1 ? 0 : 9)).join(' ').replace(/^ +/, (m) => m);
    ctx.stdout(name === '-' ? `${text}\n` : `${text} ${name}\n`);
  };
  for (const i of inputs) {
    const counts = [(i.text.match(/\n/g) ?? []).length, i.text.split(/\s+/).filter(Boolean).length, new TextEncoder().encode(i.text).length];
    counts.forEach((n, k) => (totals[k]! += n));
    print(counts, i.name);
  }
  if (inputs.length > 1) print(totals, 'total');
  return 0;
};

export const sort: Program = async (ctx) => {
  const { flags, values, rest } = getopt(ctx.argv, 'kt');
  const inputs = await readInputs(ctx, 'sort', rest);
  if (typeof inputs === 'number') return inputs;
  let all = inputs.flatMap((i) => lines(i.text));
  const field = values.has('k') ? Number.parseInt(values.get('k')!, 10) : 0;
  const sep = values.get('t');
  const key = (l: string): string => {
    if (!field) return l;
    const parts = sep ? l.split(sep) : l.trim().split(/\s+/);
    return parts.slice(field - 1).join(sep ?? ' ');
  };
  const numeric = flags.has('n') || /n/.test(values.get('k') ?? '');
  all.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (numeric) return (parseFloat(ka) || 0) - (parseFloat(kb) || 0) || (ka < kb ? -1 : ka > kb ? 1 : 0);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (flags.has('r')) all.reverse();
  if (flags.has('u')) all = all.filter((l, i) => i === 0 || key(l) !== key(all[i - 1]!));
  ctx.stdout(all.map((l) => l + '\n').join(''));
  return 0;
};

export const base64: Program = async (ctx) => {
  const { flags, rest } = getopt(ctx.argv);
  const inputs = await readInputs(ctx, 'base64', rest);
  if (typeof inputs === 'number') return inputs;
  const data = rest.length === 0 ? await Promise.resolve(new TextEncoder().encode(inputs[0]!.text)) : new TextEncoder().encode(inputs[0]!.text);
  if (flags.has('d')) {
    try {
      const bin = atob(new TextDecoder().decode(data).replace(/\s+/g, ''));
      ctx.stdout(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
      return 0;
    } catch {
      ctx.stderr('base64: invalid input\n');
      return 1;
    }
  }
  let bin = '';
  for (const b of data) bin += String.fromCharCode(b);
  const encoded = btoa(bin);
  ctx.stdout((encoded.match(/.{1,76}/g) ?? ['']).join('\n') + '\n');
  return 0;
};

export const seq: Program = async (ctx) => {
  const nums = ctx.argv.slice(1).map(Number);
  if (nums.length === 0 || nums.some(Number.isNaN)) {
    ctx.stderr(`seq: invalid number '${ctx.argv.slice(1).find((a) => Number.isNaN(Number(a))) ?? ''}'\n`);
    return 1;
  }
  const [first, inc, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  const out: string[] = [];
  for (let x = first; inc > 0 ? x <= last : x >= last; x += inc) out.push(String(x));
  if (out.length > 0) ctx.stdout(out.join('\n') + '\n');
  return 0;
};

export const yes: Program = async (ctx) => {
  const line = (ctx.argv.length > 1 ? ctx.argv.slice(1).join(' ') : 'y') + '\n';
  for (let i = 0; !ctx.aborted.aborted; i++) {
    ctx.stdout(line); // a closed pipe throws here and ends the program, like SIGPIPE
    await Promise.resolve();
    if (i % 1024 === 1023) await ctx.clock.sleep(0);
  }
  return 0;
};

export const tr: Program = async (ctx) => {
  const { flags, rest } = getopt(ctx.argv);
  const expand = (s: string): string => s.replace(/(.)-(.)/g, (_m, a: string, b: string) => {
    let r = '';
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) r += String.fromCharCode(c);
    return r;
  }).replace(/\\n/g, '\n');
  const from = expand(rest[0] ?? '');
  const to = expand(rest[1] ?? '');
  const text = new TextDecoder().decode(await readAll(ctx.stdin));
  let out = '';
  for (const ch of text) {
    const i = from.indexOf(ch);
    if (flags.has('d')) {
      if (i < 0) out += ch;
    } else out += i < 0 ? ch : to[Math.min(i, to.length - 1)] ?? ch;
  }
  ctx.stdout(out);
  return 0;
};
