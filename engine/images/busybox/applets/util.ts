// Shared pieces of busybox applets: option parsing in getopt's spirit and file reading with
// busybox's error messages.
import type { ProcessContext } from '../../types.js';
import { resolvePath } from '../../fs/path.js';
import { readAll } from '../../../shell/io.js';

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  rest: string[];
}

/** getopt splits argv[1:] into single-letter flags, flags with values (withValue) and operands. */
export function getopt(argv: string[], withValue = ''): ParsedArgs {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (a.length < 2 || a[0] !== '-' || /^-\d+$/.test(a) && !withValue.includes('#')) {
      rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      if (withValue.includes(f)) {
        values.set(f, a.slice(j + 1) || argv[++i] || '');
        break;
      }
      flags.add(f);
    }
  }
  return { flags, values, rest };
}

/** readInputs returns the text of each file operand, or of stdin when there are none (or "-"). */
export async function readInputs(ctx: ProcessContext, applet: string, files: string[]): Promise<{ name: string; text: string }[] | number> {
  const out: { name: string; text: string }[] = [];
  let failed = false;
  if (files.length === 0) files = ['-'];
  for (const f of files) {
    if (f === '-') {
      out.push({ name: '-', text: new TextDecoder().decode(await readAll(ctx.stdin)) });
      continue;
    }
    try {
      out.push({ name: f, text: ctx.fs.readText(resolvePath(ctx.cwd, f)) });
    } catch (err) {
      ctx.stderr(`${applet}: can't open '${f}': ${(err as Error).message}\n`);
      failed = true;
    }
  }
  return failed && out.length === 0 ? 1 : out;
}

export function lines(text: string): string[] {
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

export function path(ctx: ProcessContext, p: string): string {
  return resolvePath(ctx.cwd, p);
}
