// Mirrors k8s.io/client-go/util/jsonpath (parser.go, jsonpath.go): kubectl's JSONPath templates —
// literal text, {.field}, {..field}, [n], [a:b], [*], ['key'], unions, filters [?(@.x=="y")],
// {range …}{end} and quoted literals {"\n"}. Missing keys print nothing (kubectl allows them).

type Step =
  | { t: 'field'; names: string[] }
  | { t: 'recursive'; name: string }
  | { t: 'index'; start?: number; end?: number; step?: number; single: boolean }
  | { t: 'wild' }
  | { t: 'filter'; left: Step[]; op?: string; right?: Step[] | string | number };

type Node =
  | { t: 'text'; text: string }
  | { t: 'path'; steps: Step[] }
  | { t: 'range'; steps: Step[]; body: Node[] };

export class JSONPathError extends Error {}

/** parseTemplate splits a template into text and {…} expressions, nesting range/end. */
export function parseTemplate(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1]!.push({ t: 'text', text: tpl.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1]!.push({ t: 'text', text: tpl.slice(i, open) });
    const close = findClose(tpl, open);
    if (close < 0) throw new JSONPathError(`unclosed action`);
    const inner = tpl.slice(open + 1, close).trim();
    i = close + 1;
    const top = stack[stack.length - 1]!;
    if (inner === 'end') {
      if (stack.length === 1) throw new JSONPathError('not in range, nothing to end');
      stack.pop();
    } else if (inner.startsWith('range ')) {
      const node: Node = { t: 'range', steps: parsePath(inner.slice(6).trim()), body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (/^(["']).*\1$/s.test(inner)) {
      top.push({ t: 'text', text: unquote(inner) });
    } else {
      top.push({ t: 'path', steps: parsePath(inner) });
    }
  }
  if (stack.length > 1) throw new JSONPathError('unclosed range');
  return root;
}

function findClose(s: string, open: number): number {
  let quote = '';
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j]!;
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return j;
  }
  return -1;
}

function unquote(q: string): string {
  const body = q.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/** parsePath parses ".a.b[0]['c'][?(@.x=='y')]..d" into steps. */
export function parsePath(src: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (src[0] === '$') i = 1;
  if (src[i] === '@') i++;
  const readName = () => {
    let name = '';
    while (i < src.length && !'.[ '.includes(src[i]!)) {
      if (src[i] === '\\' && i + 1 < src.length) i++;
      name += src[i++];
    }
    return name;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (src.startsWith('..', i)) {
      i += 2;
      steps.push({ t: 'recursive', name: readName() });
    } else if (c === '.') {
      i++;
      const name = readName();
      if (name === '*') steps.push({ t: 'wild' });
      else if (name) steps.push({ t: 'field', names: [name] });
    } else if (c === '[') {
      const close = bracketEnd(src, i);
      const body = src.slice(i + 1, close).trim();
      i = close + 1;
      steps.push(parseBracket(body));
    } else if (c === ' ') {
      i++;
    } else {
      // A bare first field ("metadata.name" without the leading dot).
      steps.push({ t: 'field', names: [readName()] });
    }
  }
  return steps;
}

function bracketEnd(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let j = open; j < s.length; j++) {
    const c = s[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  throw new JSONPathError(`unterminated array`);
}

function parseBracket(body: string): Step {
  if (body === '*') return { t: 'wild' };
  if (body.startsWith('?(') && body.endsWith(')')) return parseFilter(body.slice(2, -1).trim());
  if (/^['"]/.test(body)) return { t: 'field', names: body.split(',').map((s) => unquote(s.trim())) };
  if (body.includes(':')) {
    const [a, b, c] = body.split(':').map((x) => (x.trim() === '' ? undefined : Number(x)));
    return { t: 'index', start: a, end: b, step: c, single: false };
  }
  if (/^-?\d+$/.test(body)) return { t: 'index', start: Number(body), single: true };
  throw new JSONPathError(`invalid array index ${body}`);
}

function parseFilter(expr: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/.exec(expr);
  if (!m) return { t: 'filter', left: parsePath(expr) };
  const rhs = m[3]!.trim();
  const right = /^['"]/.test(rhs) ? unquote(rhs) : /^-?\d+(\.\d+)?$/.test(rhs) ? Number(rhs) : parsePath(rhs);
  return { t: 'filter', left: parsePath(m[1]!.trim()), op: m[2]!, right };
}

/** evalSteps returns every value the path reaches from the given roots. */
export function evalSteps(steps: Step[], roots: unknown[]): unknown[] {
  let cur = roots;
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of cur) apply(s, v, next);
    cur = next;
  }
  return cur;
}

function apply(s: Step, v: unknown, out: unknown[]): void {
  switch (s.t) {
    case 'field':
      if (v && typeof v === 'object' && !Array.isArray(v))
        for (const n of s.names) if (n in (v as object)) out.push((v as Record<string, unknown>)[n]);
      return;
    case 'wild':
      if (Array.isArray(v)) out.push(...v);
      else if (v && typeof v === 'object') for (const k of Object.keys(v).sort()) out.push((v as Record<string, unknown>)[k]);
      return;
    case 'recursive':
      walk(v, (x) => {
        if (!s.name) out.push(x);
        else if (x && typeof x === 'object' && !Array.isArray(x) && s.name in x) out.push((x as Record<string, unknown>)[s.name]);
      });
      return;
    case 'index': {
      if (!Array.isArray(v)) return;
      const len = v.length;
      const norm = (n: number) => (n < 0 ? Math.max(0, len + n) : Math.min(n, len));
      if (s.single) {
        const idx = s.start! < 0 ? len + s.start! : s.start!;
        if (idx < 0 || idx >= len) throw new JSONPathError(`array index out of bounds: index ${s.start}, length ${len}`);
        out.push(v[idx]);
        return;
      }
      const start = norm(s.start ?? 0);
      const end = norm(s.end ?? len);
      for (let k = start; k < end; k += s.step ?? 1) out.push(v[k]);
      return;
    }
    case 'filter': {
      const items = Array.isArray(v) ? v : [v];
      for (const item of items) if (matches(s, item)) out.push(item);
      return;
    }
  }
}

function walk(v: unknown, fn: (x: unknown) => void): void {
  fn(v);
  if (Array.isArray(v)) v.forEach((x) => walk(x, fn));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], fn);
}

function matches(s: Extract<Step, { t: 'filter' }>, item: unknown): boolean {
  const left = evalSteps(s.left, [item]);
  if (!s.op) return left.length > 0;
  const rights = typeof s.right === 'object' ? evalSteps(s.right, [item]) : [s.right];
  for (const l of left)
    for (const r of rights) {
      const [a, b] = typeof l === 'number' || typeof r === 'number' ? [Number(l), Number(r)] : [String(l), String(r)];
      switch (s.op) {
        case '==': if (a === b) return true; break;
        case '!=': if (a !== b) return true; break;
        case '<': if (a < b) return true; break;
        case '>': if (a > b) return true; break;
        case '<=': if (a <= b) return true; break;
        case '>=': if (a >= b) return true; break;
      }
    }
  return false;
}

/** formatValue prints one result as jsonpath does: strings raw, the rest as compact JSON. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return JSON.stringify(v);
}

/** executeTemplate renders a template against data. */
export function executeTemplate(tpl: string | Node[], data: unknown): string {
  const nodes = typeof tpl === 'string' ? parseTemplate(tpl) : tpl;
  return render(nodes, data);
}

function render(nodes: Node[], cur: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.text;
    else if (n.t === 'path') out += evalSteps(n.steps, [cur]).map(formatValue).join(' ');
    else for (const item of evalSteps(n.steps, [cur])) out += render(n.body, item);
  }
  return out;
}
