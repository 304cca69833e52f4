// Mirrors k8s.io/kubectl/pkg/explain/v2/funcs.go (v1.32): the template helpers explain's plaintext
// renderer uses — wrap (go-wordwrap's WrapString), indent, resolveRef — written as functions.

export type Schema = Record<string, unknown>;

/** explainError is an error the template throws on purpose; kubectl prints its text as is. */
export class ExplainError extends Error {}

const utf8 = new TextEncoder();
const byteLen = (s: string) => utf8.encode(s).length;
const isSpace = (c: string) => /\s/u.test(c);

/**
 * wrap mirrors go-wordwrap's WrapString(s, lim): breaks at white space so lines stay within lim
 * bytes where it can; an over-long word stays whole; existing newlines are kept.
 */
export function wrap(lim: number, s: string): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const c of s) {
    if (c === '\n') {
      if (!word) {
        if (current + byteLen(space) > lim) current = 0;
        else buf += space;
        space = '';
      } else {
        buf += space + word;
        space = '';
        word = '';
      }
      buf += c;
      current = 0;
    } else if (isSpace(c)) {
      if (!space || word) {
        current += byteLen(space) + byteLen(word);
        buf += space + word;
        space = '';
        word = '';
      }
      space += c;
    } else {
      word += c;
      if (current + byteLen(space) + byteLen(word) > lim && byteLen(word) < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (!word) {
    if (current + byteLen(space) <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** indent pads the first line and every line after a newline (empty ones too), as kubectl's indent. */
export function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.split('\n').join('\n' + pad);
}

export const isSchema = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);

/** truthy is Go template truth: empty strings, maps, lists, zero and nil are false. */
export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** resolveRef follows a local "#/components/schemas/…" reference; anything else resolves to undefined. */
export function resolveRef(ref: unknown, doc: Schema): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let cur: Schema = doc;
  for (const raw of ref.slice(1).split('/')) {
    if (!raw) continue;
    const k = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    const next = cur[k];
    if (!isSchema(next)) return undefined;
    cur = next;
  }
  return cur;
}

/** mapAdditional returns additionalProperties when it is a schema (not the boolean form). */
export function mapAdditional(s: Schema): Schema | undefined {
  const ap = s.additionalProperties;
  return truthy(ap) && isSchema(ap) ? ap : undefined;
}

/** sortedKeys ranges a map as Go templates do: keys in byte order. */
export function sortedKeys(m: unknown): string[] {
  return isSchema(m) ? Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : [];
}

/** goValue prints a JSON value as Go's %v prints the decoded value. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') return `map[${sortedKeys(v).map((k) => `${k}:${goValue((v as Schema)[k])}`).join(' ')}]`;
  return String(v);
}
