// printf (coreutils/printf.c): the format is reused until the arguments run out; %s %d %i %u %x
// %X %o %c %b %f %% with flags, width and precision.
import type { CommandInvocation } from '../types.js';
import { unescape } from './echo.js';

export async function printf(inv: CommandInvocation): Promise<number> {
  const [format, ...args] = inv.argv.slice(1);
  if (format === undefined) {
    inv.stderr('printf: usage: printf FORMAT [ARGUMENT...]\n');
    return 2;
  }
  let status = 0;
  let out = '';
  let first = true;
  while (first || args.length > 0) {
    first = false;
    let consumed = false;
    const fmt = unescape(format.replace(/%%/g, '\u0000')).text;
    out += fmt.replace(/%([-+ #0]*)(\d*)(?:\.(\d+))?([sdiuxXocbf])/g, (_m, flags: string, width: string, prec: string | undefined, conv: string) => {
      consumed = true;
      const arg = args.shift() ?? '';
      let s: string;
      switch (conv) {
        case 's': s = prec !== undefined ? arg.slice(0, Number(prec)) : arg; break;
        case 'b': s = unescape(arg).text; break;
        case 'c': s = arg.slice(0, 1); break;
        case 'f': s = toNumber(arg).toFixed(prec !== undefined ? Number(prec) : 6); break;
        default: {
          let n = toNumber(arg);
          if (Number.isNaN(n)) {
            inv.stderr(`printf: invalid number '${arg}'\n`);
            status = 1;
            n = 0;
          }
          n = Math.trunc(n);
          s = conv === 'x' ? n.toString(16) : conv === 'X' ? n.toString(16).toUpperCase() : conv === 'o' ? n.toString(8) : String(n);
          if (flags.includes('+') && n >= 0 && 'di'.includes(conv)) s = '+' + s;
        }
      }
      const w = Number(width || 0);
      if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : flags.includes('0') && conv !== 's' ? s.padStart(w, '0') : s.padStart(w);
      return s;
    });
    if (!consumed) break;
  }
  inv.stdout(out.replace(/\u0000/g, '%'));
  return status;
}

function toNumber(arg: string): number {
  if (arg === '') return 0;
  if (/^'./.test(arg) || /^"./.test(arg)) return arg.charCodeAt(1);
  const n = Number(arg);
  return n;
}
