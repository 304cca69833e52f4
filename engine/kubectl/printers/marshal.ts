// Mirrors sigs.k8s.io/yaml and encoding/json as kubectl's YAML and JSON printers use them on
// unstructured objects: map keys sorted, JSON indented by four spaces with HTML characters
// escaped, YAML in go-yaml v2's style (sequences not indented, YAML 1.1 look-alikes quoted).
import { parse, Scalar, stringify } from 'yaml';

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** toJSON marshals like json.MarshalIndent(obj, "", "    ") on an unstructured object. */
export function toJSON(obj: unknown, indent = '    '): string {
  return JSON.stringify(sortKeys(obj), null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/**
 * goQuoted marks the strings go-yaml v2 double-quotes: those that would read back as another type
 * (numbers, booleans, null, "") — other strings that need quoting get single quotes, as a cron schedule does.
 */
function goQuoted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(goQuoted);
  if (v && typeof v === 'object' && !(v instanceof Scalar)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = goQuoted(x);
    return out;
  }
  if (typeof v === 'string' && !v.includes('\n') && (v === '' || typeof safeParse(v) !== 'string')) {
    const s = new Scalar(v);
    s.type = 'QUOTE_DOUBLE';
    return s;
  }
  return v;
}

function safeParse(v: string): unknown {
  try {
    return parse(v, { version: '1.1' });
  } catch {
    return v;
  }
}

/** toYAML marshals like sigs.k8s.io/yaml.Marshal. */
export function toYAML(obj: unknown): string {
  return stringify(goQuoted(sortKeys(obj)), { sortMapEntries: true, indentSeq: false, lineWidth: 0, version: '1.1', singleQuote: true });
}
