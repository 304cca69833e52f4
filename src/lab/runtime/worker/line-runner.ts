// A minimal command-line runner for the Worker runtime: words with quotes and $VARS, `;`, `&&`
// and `||` between commands, and a few built-ins. TO BE REPLACED by the engine's shell
// (pipes, redirections, heredocs) once it lands; keep its interface small so the swap is easy.

export interface CommandIO {
  stdout(s: string): void;
  stderr(s: string): void;
  env: Record<string, string>;
  signal: AbortSignal;
}

/** Program runs one command with its argv (without the program name) and returns the exit code. */
export type Program = (argv: string[], io: CommandIO) => Promise<number>;

export interface Step {
  argv: string[];
  /** op joins this step to the previous one. */
  op: ';' | '&&' | '||';
}

/** Segment is one command of a list, its words not yet expanded. */
interface Segment {
  text: string;
  op: Step['op'];
}

/** splitList cuts a line at `;`, `&&` and `||` outside quotes, and drops a trailing comment. */
function splitList(line: string): Segment[] {
  const out: Segment[] = [];
  let op: Step['op'] = ';';
  let start = 0;
  let quote = '';
  const cut = (end: number, next: Step['op']) => {
    const text = line.slice(start, end);
    if (text.trim()) out.push({ text, op });
    else if (next !== ';' || op !== ';') throw new Error(`syntax error near unexpected token \`${next === ';' ? op : next}'`);
    op = next;
  };
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    else if (c === ';') (cut(i, ';'), (start = i + 1));
    else if ((c === '&' || c === '|') && line[i + 1] === c) (cut(i, c === '&' ? '&&' : '||'), (start = i + 2), i++);
  }
  if (quote) throw new Error(`unexpected EOF while looking for matching \`${quote}'`);
  const text = line.slice(start, i);
  if (text.trim()) out.push({ text, op });
  else if (op !== ';') throw new Error('syntax error: unexpected end of line');
  return out;
}

/** parseWords splits one command into words, honouring quotes and expanding $VARS from env. */
function parseWords(text: string, env: Record<string, string>): string[] {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) argv.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length) word += text[++j];
        else if (text[j] === '$') j = expand(text, j, env, (s) => (word += s));
        else word += text[j];
      }
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (c === '$') {
      i = expand(text, i, env, (s) => (word += s));
      inWord = true;
    } else if (c === ' ' || c === '\t') endWord();
    else {
      word += c;
      inWord = true;
    }
  }
  endWord();
  return argv;
}

/** parseLine splits a command line into steps, expanding with env; it throws on bad syntax. */
export function parseLine(line: string, env: Record<string, string>): Step[] {
  return splitList(line).map((s) => ({ argv: parseWords(s.text, env), op: s.op }));
}

/** expand appends the value of $NAME or ${NAME} at line[i] and returns the index of its last char. */
function expand(line: string, i: number, env: Record<string, string>, out: (s: string) => void): number {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*|\?))/.exec(line.slice(i));
  if (!m) {
    out('$');
    return i;
  }
  out(env[m[1] ?? m[2]!] ?? '');
  return i + m[0].length - 1;
}

/** runLine runs every step of a line; `&&` and `||` look at the previous exit code. */
export async function runLine(line: string, programs: Record<string, Program>, io: CommandIO): Promise<number> {
  let steps: Segment[];
  try {
    steps = splitList(line);
  } catch (err) {
    io.stderr(`sh: ${(err as Error).message}\n`);
    return 2;
  }
  let code = 0;
  for (const step of steps) {
    if (step.op === '&&' && code !== 0) continue;
    if (step.op === '||' && code === 0) continue;
    if (io.signal.aborted) return 130;
    // Words expand when their command runs, so `X=1; echo $X` sees the new value.
    const [name, ...args] = parseWords(step.text, io.env);
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(name!);
    if (assignment && args.length === 0) {
      io.env[assignment[1]!] = assignment[2]!;
      code = 0;
    } else {
      const program = programs[name!];
      if (!program) {
        io.stderr(`sh: ${name}: command not found\n`);
        code = 127;
      } else {
        code = await program(args, io);
      }
    }
    io.env['?'] = String(code);
  }
  return code;
}
