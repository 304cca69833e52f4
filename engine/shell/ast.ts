// The shell's syntax tree, after the POSIX shell grammar (XCU 2.10) as busybox ash implements it,
// reduced to what labs use: simple commands, pipelines, and-or lists, if/for/while/until, groups,
// subshells and functions. Words stay unexpanded until execution.

/** WordPart is a piece of a word; `quoted` parts are exempt from field splitting and globbing. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; op?: ParamOp; arg?: Word; quoted: boolean }
  | { kind: 'cmdsub'; body: List; quoted: boolean }
  | { kind: 'arith'; expr: Word; quoted: boolean };

export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%' | 'len';

export type Word = WordPart[];

export type RedirectOp = '>' | '>>' | '>|' | '<' | '>&' | '<&' | '<<' | '<<-' | '<>';

export interface Redirect {
  fd: number;
  op: RedirectOp;
  target: Word;
  /** heredoc holds the body of `<<`; expand is false when the delimiter was quoted. */
  heredoc?: { body: Word; expand: boolean };
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface IfCommand {
  type: 'if';
  clauses: { cond: List; body: List }[];
  elseBody?: List;
  redirects: Redirect[];
}

export interface ForCommand {
  type: 'for';
  name: string;
  /** items is undefined for `for x; do` (iterate over "$@"). */
  items?: Word[];
  body: List;
  redirects: Redirect[];
}

export interface WhileCommand {
  type: 'while';
  until: boolean;
  cond: List;
  body: List;
  redirects: Redirect[];
}

export interface GroupCommand {
  type: 'group';
  /** subshell is true for `( … )`: changes to variables and cwd do not leak out. */
  subshell: boolean;
  body: List;
  redirects: Redirect[];
}

export interface CaseCommand {
  type: 'case';
  word: Word;
  items: { patterns: Word[]; body: List }[];
  redirects: Redirect[];
}

export interface FunctionDef {
  type: 'function';
  name: string;
  body: Command;
  redirects: Redirect[];
}

export type Command = SimpleCommand | IfCommand | ForCommand | WhileCommand | GroupCommand | CaseCommand | FunctionDef;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  background: boolean;
}

export type List = AndOr[];
