// Word expansion (XCU 2.6): parameters, command substitution and arithmetic, then field splitting
// of unquoted results on IFS whitespace, then pathname expansion.
import type { List, Word, WordPart } from './ast.js';
import { ArithError, evalArith } from './arith.js';
import { expandGlob, hasGlob, patternChars, patternSource, type PatternChar } from './glob.js';
import type { FileSystem } from './types.js';

/** ExpandHost is the shell state expansion reads and writes. */
export interface ExpandHost {
  readonly fs: FileSystem;
  readonly cwd: string;
  getParam(name: string): string | undefined;
  positional(): string[];
  setVar(name: string, value: string): void;
  commandSubstitution(body: List): Promise<string>;
  /** fail reports an expansion error ("sh: x: parameter not set") and ends the shell. */
  fail(message: string): never;
}

/** Field is one resulting word, kept as characters with their quoting for globbing. */
type Field = { chars: PatternChar[]; real: boolean };

/** expandWords expands command words into argv. */
export async function expandWords(host: ExpandHost, words: Word[], glob = true): Promise<string[]> {
  const out: string[] = [];
  for (const word of words) {
    for (const field of await expandFields(host, word)) {
      if (glob && hasGlob(field.chars)) {
        const matches = expandGlob(host.fs, host.cwd, field.chars);
        if (matches.length > 0) {
          out.push(...matches);
          continue;
        }
      }
      out.push(field.chars.map((c) => c.ch).join(''));
    }
  }
  return out;
}

/** expandString expands a word without splitting or globbing (assignments, redirections, heredocs). */
export async function expandString(host: ExpandHost, word: Word): Promise<string> {
  let s = '';
  for (const part of word) s += part.kind === 'lit' ? part.text : await partValue(host, part);
  return s;
}

/** expandPattern expands a word into pattern characters (case patterns, ${x#pat}). */
export async function expandPattern(host: ExpandHost, word: Word): Promise<PatternChar[]> {
  const chars: PatternChar[] = [];
  for (const part of word) {
    const text = part.kind === 'lit' ? part.text : await partValue(host, part);
    chars.push(...patternChars(text, part.quoted));
  }
  return chars;
}

async function expandFields(host: ExpandHost, word: Word): Promise<Field[]> {
  const fields: Field[] = [{ chars: [], real: false }];
  const current = (): Field => fields[fields.length - 1]!;
  for (const part of word) {
    if (part.kind === 'lit') {
      current().chars.push(...patternChars(part.text, part.quoted));
      if (part.quoted) current().real = true;
      continue;
    }
    if (part.kind === 'param' && part.name === '@' && !part.op && part.quoted) {
      const args = host.positional();
      args.forEach((arg, i) => {
        if (i > 0) fields.push({ chars: [], real: true });
        current().chars.push(...patternChars(arg, true));
        current().real = true;
      });
      continue;
    }
    const value = await partValue(host, part);
    if (part.quoted) {
      current().chars.push(...patternChars(value, true));
      current().real = true;
      continue;
    }
    // Unquoted expansion: split on IFS whitespace.
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && (current().chars.length > 0 || current().real)) fields.push({ chars: [], real: false });
      if (piece) {
        current().chars.push(...patternChars(piece, false));
        current().real = true;
      }
    });
  }
  return fields.filter((f) => f.real || f.chars.length > 0);
}

async function partValue(host: ExpandHost, part: Exclude<WordPart, { kind: 'lit' }>): Promise<string> {
  switch (part.kind) {
    case 'cmdsub':
      return (await host.commandSubstitution(part.body)).replace(/\n+$/, '');
    case 'arith': {
      const text = await expandString(host, part.expr);
      try {
        return String(evalArith(text, (name) => host.getParam(name) ?? ''));
      } catch (err) {
        if (err instanceof ArithError) host.fail(`arithmetic syntax error`);
        throw err;
      }
    }
    case 'param':
      return paramValue(host, part);
  }
}

async function paramValue(host: ExpandHost, part: Extract<WordPart, { kind: 'param' }>): Promise<string> {
  const value = host.getParam(part.name);
  const arg = async (): Promise<string> => (part.arg ? expandString(host, part.arg) : '');
  const unsetOrNull = value === undefined || value === '';
  switch (part.op) {
    case undefined:
      return value ?? '';
    case 'len':
      return String((value ?? '').length);
    case ':-':
      return unsetOrNull ? arg() : value!;
    case '-':
      return value === undefined ? arg() : value;
    case ':=':
    case '=': {
      if (part.op === ':=' ? unsetOrNull : value === undefined) {
        const v = await arg();
        host.setVar(part.name, v);
        return v;
      }
      return value!;
    }
    case ':+':
      return unsetOrNull ? '' : arg();
    case '+':
      return value === undefined ? '' : arg();
    case ':?':
    case '?': {
      if (part.op === ':?' ? unsetOrNull : value === undefined) {
        const msg = await arg();
        host.fail(`${part.name}: ${msg || (part.op === ':?' && value === '' ? 'parameter null or not set' : 'parameter not set')}`);
      }
      return value!;
    }
    case '#':
    case '##':
    case '%':
    case '%%':
      return trim(value ?? '', part.op, await expandPattern(host, part.arg ?? []));
  }
}

function trim(value: string, op: '#' | '##' | '%' | '%%', pattern: PatternChar[]): string {
  const longest = op === '##' || op === '%%';
  if (op === '#' || op === '##') {
    const re = new RegExp(`^${patternSource(pattern, longest)}`, 's');
    // A lazy pattern anchored at the start gives the shortest prefix.
    const m = re.exec(value);
    return m ? value.slice(m[0].length) : value;
  }
  for (let i = longest ? 0 : value.length; longest ? i <= value.length : i >= 0; i += longest ? 1 : -1) {
    if (new RegExp(`^${patternSource(pattern)}$`, 's').test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}
