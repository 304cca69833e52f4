// ash's "is this command complete?" question, asked before reading another line with PS2: an open
// quote, a trailing `\`, `|`, `&&` or `||`, an open `if`/`for`/`{`, or a heredoc still waiting for
// its delimiter line. The parser answers most of it; heredocs need the lines themselves.
import type { Command, List, Redirect, Word } from './ast.js';
import { parse, ShellSyntaxError } from './parser.js';

/**
 * needsMore says whether a command line is unfinished and the terminal should ask for another
 * line (sh's PS2 prompt): an open quote, a trailing `\`, `|`, `&&` or `||`, an open `if`/`for`/
 * `{`, or a heredoc whose delimiter line has not come yet.
 */
export function needsMore(source: string): boolean {
  if (/(^|[^\\])(\\\\)*\\$/.test(source)) return true;
  let list: List;
  try {
    list = parse(source);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    return /end of file|unterminated|missing \}/.test(err.message);
  }
  // The parser takes the end of input as a heredoc's delimiter (as ash does); a terminal waits.
  const lines = source.split('\n');
  let next = 1;
  for (const h of heredocs(list)) {
    const delimiter = h.target.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
    const strip = h.op === '<<-';
    let found = -1;
    for (let i = next; i < lines.length; i++) {
      if ((strip ? lines[i]!.replace(/^\t+/, '') : lines[i]) === delimiter) {
        found = i;
        break;
      }
    }
    if (found < 0) return true;
    next = found + 1;
  }
  return false;
}

/** heredocs lists the heredoc redirections of a list in source order. */
function heredocs(list: List): Redirect[] {
  const out: Redirect[] = [];
  const visitList = (l: List) => {
    for (const andOr of l) for (const p of [andOr.first, ...andOr.rest.map((r) => r.pipeline)]) for (const c of p.commands) visit(c);
  };
  const visitWord = (w: Word) => {
    for (const part of w) if (part.kind === 'cmdsub') visitList(part.body);
  };
  const visit = (c: Command) => {
    switch (c.type) {
      case 'simple':
        c.words.forEach(visitWord);
        break;
      case 'if':
        for (const cl of c.clauses) visitList(cl.cond), visitList(cl.body);
        if (c.elseBody) visitList(c.elseBody);
        break;
      case 'for':
        visitList(c.body);
        break;
      case 'while':
        visitList(c.cond), visitList(c.body);
        break;
      case 'group':
        visitList(c.body);
        break;
      case 'case':
        for (const item of c.items) visitList(item.body);
        break;
      case 'function':
        visit(c.body);
        break;
    }
    out.push(...c.redirects.filter((r) => r.op === '<<' || r.op === '<<-'));
  };
  visitList(list);
  return out;
}
