// Shell arithmetic ($(( … )), XCU 2.6.4) over integers: + - * / % comparisons, && || !, unary
// minus, parentheses and bare variable names. No assignment operators.

export class ArithError extends Error {}

type Tok = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(0x[0-9a-fA-F]+|\d+)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|&&|\|\||<<|>>|[-+*/%()<>!~&|^]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new ArithError(`arithmetic syntax error`);
    pos = re.lastIndex;
    if (m[1]) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2]) out.push({ t: 'name', v: m[2] });
    else out.push({ t: 'op', v: m[3]! });
  }
  return out;
}

// BINARY lists binary operators from lowest to highest precedence.
const BINARY: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '||': return a || b ? 1 : 0;
    case '&&': return a && b ? 1 : 0;
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ArithError('divide by zero');
      return op === '/' ? Math.trunc(a / b) : a % b;
  }
  throw new ArithError('arithmetic syntax error');
}

/** evalArith evaluates expr; lookup returns a variable's value ('' when unset → 0). */
export function evalArith(expr: string, lookup: (name: string) => string): number {
  const toks = tokenize(expr);
  if (toks.length === 0) return 0;
  let i = 0;
  const value = (name: string): number => {
    const raw = lookup(name).trim();
    if (raw === '') return 0;
    if (/^-?\d+$/.test(raw)) return Number(raw);
    if (/^[A-Za-z_]\w*$/.test(raw)) return value(raw);
    throw new ArithError(`arithmetic syntax error`);
  };
  const level = (n: number): number => {
    if (n >= BINARY.length) return unary();
    let left = level(n + 1);
    for (;;) {
      const tok = toks[i];
      if (!tok || tok.t !== 'op' || !BINARY[n]!.includes(tok.v)) return left;
      i++;
      left = apply(tok.v, left, level(n + 1));
    }
  };
  const unary = (): number => {
    const tok = toks[i++];
    if (!tok) throw new ArithError('arithmetic syntax error');
    if (tok.t === 'num') return tok.v;
    if (tok.t === 'name') return value(tok.v);
    if (tok.v === '-') return -unary();
    if (tok.v === '+') return unary();
    if (tok.v === '!') return unary() ? 0 : 1;
    if (tok.v === '~') return ~unary();
    if (tok.v === '(') {
      const v = level(0);
      const close = toks[i++];
      if (!close || close.v !== ')') throw new ArithError('arithmetic syntax error');
      return v;
    }
    throw new ArithError('arithmetic syntax error');
  };
  const result = level(0);
  if (i < toks.length) throw new ArithError('arithmetic syntax error');
  return result;
}
