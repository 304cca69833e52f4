// A recursive-descent parser for the shell language (POSIX XCU 2.10 grammar, as busybox ash reads
// it), scanning characters directly so `$( … )` can recurse into the same parser. Errors are
// ash's: "syntax error: unexpected …" and "syntax error: unterminated quoted string".
import type {
  AndOr, Assignment, CaseCommand, Command, ForCommand, IfCommand, List, ParamOp, Pipeline, Redirect, RedirectOp, SimpleCommand, WhileCommand, Word, WordPart,
} from './ast.js';

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(`syntax error: ${message}`);
    this.name = 'ShellSyntaxError';
  }
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);
const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const SPECIAL_PARAMS = new Set(['?', '$', '#', '@', '*', '!', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
  expand: boolean;
}

/** parse turns shell source into a List. */
export function parse(source: string): List {
  const p = new Parser(source);
  const list = p.parseList(new Set());
  p.expectEnd();
  return list;
}

/** parseWordText parses text as the inside of double quotes (heredoc bodies, arithmetic). */
export function parseWordText(text: string, quoted = true): Word {
  return new Parser(text).readDoubleQuoted(null, quoted);
}

class Parser {
  private pos = 0;
  private pending: PendingHeredoc[] = [];

  constructor(private readonly src: string) {}

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  /** skipBlanks passes spaces, tabs, line continuations and comments (not newlines). */
  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.peek(1) === '\n') this.pos += 2;
      else if (c === '#') {
        while (!this.eof() && this.peek() !== '\n') this.pos++;
      } else return;
    }
  }

  /** newline consumes one newline and any heredoc bodies waiting for it. */
  private newline(): void {
    this.pos++;
    const waiting = this.pending;
    this.pending = [];
    for (const h of waiting) this.readHeredoc(h);
  }

  private skipNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() === '\n') this.newline();
      else return;
    }
  }

  private readHeredoc(h: PendingHeredoc): void {
    const lines: string[] = [];
    for (;;) {
      if (this.eof()) break; // ash accepts end of input as the delimiter
      const end = this.src.indexOf('\n', this.pos);
      let line = this.src.slice(this.pos, end < 0 ? undefined : end);
      this.pos = end < 0 ? this.src.length : end + 1;
      if (h.stripTabs) line = line.replace(/^\t+/, '');
      if (line === h.delimiter) break;
      lines.push(line + '\n');
    }
    const text = lines.join('');
    h.redirect.heredoc = {
      expand: h.expand,
      body: h.expand ? parseWordText(text, true) : [{ kind: 'lit', text, quoted: true }],
    };
  }

  expectEnd(): void {
    this.skipNewlines();
    if (!this.eof()) throw new ShellSyntaxError(`unexpected "${this.describeNext()}"`);
  }

  private describeNext(): string {
    const op = this.peekOperator();
    if (op) return op === '\n' ? 'newline' : op;
    const word = this.peekRawWord();
    return word || this.peek();
  }

  private peekOperator(): string | undefined {
    for (const op of ['&&', '||', ';;', '<<-', '<<', '>>', '>&', '<&', '>|', '<>', ';', '&', '|', '(', ')', '<', '>', '\n']) {
      if (this.startsWith(op)) return op;
    }
    return undefined;
  }

  /** peekRawWord returns the next word's text if it is plain (for reserved-word checks). */
  private peekRawWord(): string {
    let end = this.pos;
    while (end < this.src.length && !META.has(this.src[end]!)) end++;
    return this.src.slice(this.pos, end);
  }

  private atReserved(word: string): boolean {
    this.skipBlanks();
    if (this.peekRawWord() !== word) return false;
    return true;
  }

  private expectReserved(word: string): void {
    this.skipNewlines();
    if (!this.atReserved(word)) {
      if (this.eof()) throw new ShellSyntaxError(`unexpected end of file (expecting "${word}")`);
      throw new ShellSyntaxError(`unexpected "${this.describeNext()}" (expecting "${word}")`);
    }
    this.pos += word.length;
  }

  // #region list
  /** parseList reads and-or lists until end of input, `)` or one of the terminator words. */
  parseList(terminators: Set<string>, closeParen = false): List {
    const list: List = [];
    for (;;) {
      this.skipNewlines();
      if (this.eof()) break;
      if (this.peek() === ')' && closeParen) break;
      if (this.peek() === ')' || this.startsWith(';;')) {
        if (terminators.has(';;') && this.startsWith(';;')) break;
        throw new ShellSyntaxError(`unexpected "${this.describeNext()}"`);
      }
      const raw = this.peekRawWord();
      if (terminators.has(raw)) break;
      const andOr = this.parseAndOr();
      list.push(andOr);
      this.skipBlanks();
      if (this.startsWith(';;')) continue;
      const c = this.peek();
      if (c === ';') this.pos++;
      else if (c === '&') {
        this.pos++;
        andOr.background = true;
      } else if (c === '\n') this.newline();
      else if (this.eof() || c === ')') continue;
      else {
        const next = this.peekRawWord();
        if (terminators.has(next)) continue;
        throw new ShellSyntaxError(`unexpected "${this.describeNext()}"`);
      }
    }
    return list;
  }
  // #endregion list

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      const op = this.startsWith('&&') ? '&&' : this.startsWith('||') ? '||' : undefined;
      if (!op) break;
      this.pos += 2;
      this.skipNewlines();
      rest.push({ op, pipeline: this.parsePipeline() });
    }
    return { first, rest, background: false };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let negate = false;
    if (this.peekRawWord() === '!') {
      this.pos++;
      negate = true;
    }
    const commands: Command[] = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '|' || this.startsWith('||')) break;
      this.pos++;
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negate, commands };
  }

  private parseCommand(): Command {
    this.skipBlanks();
    const raw = this.peekRawWord();
    let cmd: Command;
    if (this.peek() === '(') {
      this.pos++;
      const body = this.parseList(new Set(), true);
      this.skipNewlines();
      if (this.peek() !== ')') throw new ShellSyntaxError(this.eof() ? 'unexpected end of file (expecting ")")' : `unexpected "${this.describeNext()}" (expecting ")")`);
      this.pos++;
      cmd = { type: 'group', subshell: true, body, redirects: [] };
    } else if (raw === '{') {
      this.pos++;
      const body = this.parseList(new Set(['}']));
      this.expectReserved('}');
      cmd = { type: 'group', subshell: false, body, redirects: [] };
    } else if (raw === 'if') cmd = this.parseIf();
    else if (raw === 'for') cmd = this.parseFor();
    else if (raw === 'while' || raw === 'until') cmd = this.parseWhile(raw === 'until');
    else if (raw === 'case') cmd = this.parseCase();
    else if (RESERVED.has(raw) && raw !== '!') throw new ShellSyntaxError(`unexpected "${raw}"`);
    else if (this.eof()) throw new ShellSyntaxError('unexpected end of file');
    else {
      const fn = this.tryFunction();
      if (fn) return fn;
      return this.parseSimple();
    }
    this.parseRedirects(cmd.redirects);
    return cmd;
  }

  private tryFunction(): Command | undefined {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*\([ \t]*\)/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    this.skipNewlines();
    const body = this.parseCommand();
    return { type: 'function', name: m[1]!, body, redirects: [] };
  }

  private parseIf(): IfCommand {
    this.pos += 2;
    const clauses: IfCommand['clauses'] = [];
    const stops = new Set(['then', 'elif', 'else', 'fi']);
    let elseBody: List | undefined;
    for (;;) {
      const cond = this.parseList(stops);
      this.expectReserved('then');
      const body = this.parseList(stops);
      clauses.push({ cond, body });
      this.skipNewlines();
      if (this.atReserved('elif')) {
        this.pos += 4;
        continue;
      }
      if (this.atReserved('else')) {
        this.pos += 4;
        elseBody = this.parseList(stops);
      }
      this.expectReserved('fi');
      return { type: 'if', clauses, elseBody, redirects: [] };
    }
  }

  private parseFor(): ForCommand {
    this.pos += 3;
    this.skipBlanks();
    const name = this.peekRawWord();
    if (!NAME.test(name)) throw new ShellSyntaxError(`bad for loop variable`);
    this.pos += name.length;
    this.skipNewlines();
    let items: Word[] | undefined;
    if (this.atReserved('in')) {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipBlanks();
        const c = this.peek();
        if (c === ';' || c === '\n' || this.eof()) break;
        items.push(this.readWord());
      }
    }
    this.skipBlanks();
    if (this.peek() === ';') this.pos++;
    this.expectReserved('do');
    const body = this.parseList(new Set(['done']));
    this.expectReserved('done');
    return { type: 'for', name, items, body, redirects: [] };
  }

  private parseWhile(until: boolean): WhileCommand {
    this.pos += until ? 5 : 5;
    const cond = this.parseList(new Set(['do']));
    this.expectReserved('do');
    const body = this.parseList(new Set(['done']));
    this.expectReserved('done');
    return { type: 'while', until, cond, body, redirects: [] };
  }

  private parseCase(): CaseCommand {
    this.pos += 4;
    this.skipBlanks();
    const word = this.readWord();
    this.skipNewlines();
    this.expectReserved('in');
    const items: CaseCommand['items'] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atReserved('esac')) break;
      if (this.peek() === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        patterns.push(this.readWord());
        this.skipBlanks();
        if (this.peek() === '|') {
          this.pos++;
          continue;
        }
        if (this.peek() !== ')') throw new ShellSyntaxError(`unexpected "${this.describeNext()}" (expecting ")")`);
        this.pos++;
        break;
      }
      const body = this.parseList(new Set(['esac', ';;']));
      items.push({ patterns, body });
      this.skipNewlines();
      if (this.startsWith(';;')) this.pos += 2;
    }
    this.expectReserved('esac');
    return { type: 'case', word, items, redirects: [] };
  }

  private parseSimple(): SimpleCommand {
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      this.skipBlanks();
      if (this.eof()) break;
      if (this.tryRedirect(cmd.redirects)) continue;
      const c = this.peek();
      if (META.has(c)) break;
      if (cmd.words.length === 0) {
        const assign = this.tryAssignment();
        if (assign) {
          cmd.assigns.push(assign);
          continue;
        }
      }
      cmd.words.push(this.readWord());
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      throw new ShellSyntaxError(`unexpected "${this.describeNext()}"`);
    }
    return cmd;
  }

  private tryAssignment(): Assignment | undefined {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    const c = this.peek();
    const value = this.eof() || META.has(c) ? [] : this.readWord();
    return { name: m[1]!, value };
  }

  private parseRedirects(into: Redirect[]): void {
    for (;;) {
      this.skipBlanks();
      if (!this.tryRedirect(into)) return;
    }
  }

  private tryRedirect(into: Redirect[]): boolean {
    const m = /^(\d*)(<<-|<<|>>|>&|<&|>\||<>|>|<)/.exec(this.src.slice(this.pos));
    if (!m) return false;
    const op = m[2] as RedirectOp;
    this.pos += m[0].length;
    const fd = m[1] ? Number(m[1]) : op.startsWith('<') ? 0 : 1;
    this.skipBlanks();
    if (this.eof() || META.has(this.peek())) {
      throw new ShellSyntaxError(`unexpected "${this.eof() ? 'end of file' : this.describeNext()}"`);
    }
    const start = this.pos;
    const target = this.readWord();
    const redirect: Redirect = { fd, op, target };
    if (op === '<<' || op === '<<-') {
      const rawDelim = this.src.slice(start, this.pos);
      const expand = !/['"\\]/.test(rawDelim);
      const delimiter = target.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
      this.pending.push({ redirect, delimiter, stripTabs: op === '<<-', expand });
    }
    into.push(redirect);
    return true;
  }

  // #region words
  /** readWord reads one word with its quoting; it stops at an unquoted metacharacter. */
  readWord(): Word {
    const parts: WordPart[] = [];
    const lit = (text: string, quoted: boolean): void => {
      const last = parts[parts.length - 1];
      if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
      else parts.push({ kind: 'lit', text, quoted });
    };
    while (!this.eof()) {
      const c = this.peek();
      if (META.has(c)) break;
      if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        const text = this.src.slice(this.pos + 1, end);
        this.pos = end + 1;
        parts.push({ kind: 'lit', text, quoted: true });
      } else if (c === '"') {
        this.pos++;
        const inner = this.readDoubleQuoted('"', true);
        parts.push(...(inner.length > 0 ? inner : [{ kind: 'lit' as const, text: '', quoted: true }]));
      } else if (c === '\\') {
        const next = this.peek(1);
        this.pos += 2;
        if (next === '\n' || next === '') continue;
        lit(next, true);
      } else if (c === '$') {
        const part = this.readDollar(false);
        if (part) parts.push(part);
        else lit('$', false);
      } else if (c === '`') {
        parts.push(this.readBackquote(false));
      } else {
        lit(c, false);
        this.pos++;
      }
    }
    return parts;
  }

  /** readDoubleQuoted reads until `close` (or end of text when close is null). */
  readDoubleQuoted(close: string | null, quoted: boolean): Word {
    const parts: WordPart[] = [];
    let text = '';
    const flush = (): void => {
      if (text) parts.push({ kind: 'lit', text, quoted });
      text = '';
    };
    for (;;) {
      if (this.eof()) {
        if (close !== null) throw new ShellSyntaxError('unterminated quoted string');
        break;
      }
      const c = this.peek();
      if (close !== null && c === close) {
        this.pos++;
        break;
      }
      if (c === '\\' && '$`"\\\n'.includes(this.peek(1)) && this.peek(1) !== '') {
        const next = this.peek(1);
        this.pos += 2;
        if (next === '"' && close === null) text += '\\"';
        else if (next !== '\n') text += next;
      } else if (c === '$') {
        const part = this.readDollar(quoted);
        if (part) {
          flush();
          parts.push(part);
        } else text += '$';
      } else if (c === '`') {
        flush();
        parts.push(this.readBackquote(quoted));
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private readBackquote(quoted: boolean): WordPart {
    let end = this.pos + 1;
    let body = '';
    while (end < this.src.length && this.src[end] !== '`') {
      if (this.src[end] === '\\' && end + 1 < this.src.length) {
        body += this.src[end + 1];
        end += 2;
      } else body += this.src[end++];
    }
    if (end >= this.src.length) throw new ShellSyntaxError('unterminated quoted string');
    this.pos = end + 1;
    return { kind: 'cmdsub', body: parse(body), quoted };
  }

  /** readDollar reads `$…` at pos; undefined means a literal dollar sign. */
  private readDollar(quoted: boolean): WordPart | undefined {
    const next = this.peek(1);
    if (next === '(' && this.peek(2) === '(') {
      const start = this.pos + 3;
      let depth = 0;
      let i = start;
      for (; i < this.src.length; i++) {
        const ch = this.src[i];
        if (ch === '(') depth++;
        else if (ch === ')') {
          if (depth === 0 && this.src[i + 1] === ')') break;
          depth--;
        }
      }
      if (i >= this.src.length) throw new ShellSyntaxError('unterminated arithmetic expression');
      const expr = parseWordText(this.src.slice(start, i), true);
      this.pos = i + 2;
      return { kind: 'arith', expr, quoted };
    }
    if (next === '(') {
      this.pos += 2;
      const body = this.parseList(new Set(), true);
      this.skipNewlines();
      if (this.peek() !== ')') throw new ShellSyntaxError('unexpected end of file (expecting ")")');
      this.pos++;
      return { kind: 'cmdsub', body, quoted };
    }
    if (next === '{') return this.readBraceParam(quoted);
    if (SPECIAL_PARAMS.has(next)) {
      this.pos += 2;
      return { kind: 'param', name: next, quoted };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos + 1));
    if (!m) {
      this.pos++;
      return undefined;
    }
    this.pos += 1 + m[0].length;
    return { kind: 'param', name: m[0], quoted };
  }

  private readBraceParam(quoted: boolean): WordPart {
    this.pos += 2;
    let len = false;
    if (this.peek() === '#' && this.peek(1) !== '}') {
      len = true;
      this.pos++;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#@*!0-9-])/.exec(this.src.slice(this.pos));
    if (!m) throw new ShellSyntaxError('bad substitution');
    this.pos += m[0].length;
    if (len) {
      if (this.peek() !== '}') throw new ShellSyntaxError('bad substitution');
      this.pos++;
      return { kind: 'param', name: m[0], op: 'len', quoted };
    }
    if (this.peek() === '}') {
      this.pos++;
      return { kind: 'param', name: m[0], quoted };
    }
    const opm = /^(:-|:=|:\+|:\?|##|%%|-|=|\+|\?|#|%)/.exec(this.src.slice(this.pos));
    if (!opm) throw new ShellSyntaxError('bad substitution');
    this.pos += opm[0].length;
    const arg = this.readBraceArg(quoted);
    return { kind: 'param', name: m[0], op: opm[0] as ParamOp, arg, quoted };
  }

  private readBraceArg(quoted: boolean): Word {
    const parts: WordPart[] = [];
    let text = '';
    const flush = (): void => {
      if (text) parts.push({ kind: 'lit', text, quoted });
      text = '';
    };
    for (;;) {
      if (this.eof()) throw new ShellSyntaxError('missing }');
      const c = this.peek();
      if (c === '}') {
        this.pos++;
        break;
      }
      if (c === "'" && !quoted) {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        flush();
        parts.push({ kind: 'lit', text: this.src.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '"') {
        this.pos++;
        flush();
        parts.push(...this.readDoubleQuoted('"', true));
      } else if (c === '\\') {
        text += this.peek(1);
        this.pos += 2;
      } else if (c === '$') {
        const part = this.readDollar(quoted);
        if (part) {
          flush();
          parts.push(part);
        } else text += '$';
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }
  // #endregion words
}
