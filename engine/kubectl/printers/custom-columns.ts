// Mirrors k8s.io/kubectl/pkg/cmd/get/customcolumn.go: `-o custom-columns=HEADER:.json.path,…`.
// Each column is a relaxed JSONPath; several results join with ",", no result prints "<none>".
import { evalSteps, parsePath } from './jsonpath.js';
import type { TabWriter } from './tabwriter.js';

export interface Column {
  header: string;
  path: ReturnType<typeof parsePath>;
}

export function parseCustomColumns(spec: string): Column[] {
  if (!spec) throw new Error('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: parsePath(relaxed(part.slice(colon + 1))) };
  });
}

/** relaxed mirrors RelaxedJSONPathExpression: "{.a}", ".a" and "a" all mean ".a". */
function relaxed(expr: string): string {
  let e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1);
  return e.startsWith('.') || e.startsWith('$') ? e : `.${e}`;
}

export function printCustomColumns(cols: Column[], objs: unknown[], w: TabWriter, noHeaders: boolean): void {
  if (!noHeaders) w.write(cols.map((c) => c.header).join('\t') + '\n');
  for (const obj of objs) {
    const cells = cols.map((c) => {
      const vals = evalSteps(c.path, [obj]).filter((v) => v !== undefined);
      if (!vals.length) return '<none>';
      return vals.map(goPrint).join(',');
    });
    w.write(cells.join('\t') + '\n');
  }
}

/** goPrint formats like fmt's %v on unstructured values (maps as map[k:v], lists as [a b]). */
export function goPrint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goPrint(o[k])}`).join(' ')}]`;
  }
  return String(v);
}
