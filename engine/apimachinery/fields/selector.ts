// Mirrors k8s.io/apimachinery/pkg/fields/selector.go: field selectors (`a=b`, `a==b`, `a!=b`,
// comma-joined, values escaped with `\`), their matching, transforming and canonical strings.
import * as selection from '../selection/operator.js';
import type { Operator } from '../selection/operator.js';

/** Fields is a flat map of field paths ("metadata.name", "spec.nodeName") to values. */
export type Fields = Readonly<Record<string, string>>;

const get = (fs: Fields, k: string) => (Object.prototype.hasOwnProperty.call(fs, k) ? fs[k]! : '');

export interface Requirement {
  field: string;
  operator: Operator;
  value: string;
}

/** TransformFunc rewrites a term (e.g. to reject unknown fields or convert versions); it may throw. */
export type TransformFunc = (field: string, value: string) => [string, string];

export interface Selector {
  matches(fs: Fields): boolean;
  empty(): boolean;
  /** requiresExactMatch returns the value a field must equal, if the selector demands one. */
  requiresExactMatch(field: string): string | undefined;
  transform(fn: TransformFunc): Selector;
  requirements(): Requirement[];
  toString(): string;
}

class HasTerm implements Selector {
  constructor(readonly field: string, readonly value: string) {}
  matches(fs: Fields) {
    return get(fs, this.field) === this.value;
  }
  empty() {
    return false;
  }
  requiresExactMatch(field: string) {
    return field === this.field ? this.value : undefined;
  }
  transform(fn: TransformFunc): Selector {
    const [field, value] = fn(this.field, this.value);
    return field === '' && value === '' ? everything() : new HasTerm(field, value);
  }
  requirements(): Requirement[] {
    return [{ field: this.field, operator: selection.Equals, value: this.value }];
  }
  toString() {
    return `${this.field}=${escapeValue(this.value)}`;
  }
}

class NotHasTerm implements Selector {
  constructor(readonly field: string, readonly value: string) {}
  matches(fs: Fields) {
    return get(fs, this.field) !== this.value;
  }
  empty() {
    return false;
  }
  requiresExactMatch() {
    return undefined;
  }
  transform(fn: TransformFunc): Selector {
    const [field, value] = fn(this.field, this.value);
    return field === '' && value === '' ? everything() : new NotHasTerm(field, value);
  }
  requirements(): Requirement[] {
    return [{ field: this.field, operator: selection.NotEquals, value: this.value }];
  }
  toString() {
    return `${this.field}!=${escapeValue(this.value)}`;
  }
}

class AndTerm implements Selector {
  constructor(readonly terms: readonly Selector[]) {}
  matches(fs: Fields) {
    return this.terms.every((t) => t.matches(fs));
  }
  empty() {
    return this.terms.every((t) => t.empty());
  }
  requiresExactMatch(field: string) {
    for (const t of this.terms) {
      const v = t.requiresExactMatch(field);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  transform(fn: TransformFunc): Selector {
    return new AndTerm(this.terms.map((t) => t.transform(fn)).filter((t) => !t.empty()));
  }
  requirements(): Requirement[] {
    return this.terms.flatMap((t) => t.requirements());
  }
  toString() {
    return this.terms.map((t) => t.toString()).join(',');
  }
}

const everythingSelector: Selector = new AndTerm([]);

/** everything matches all objects. */
export const everything = () => everythingSelector;
export const oneTermEqualSelector = (k: string, v: string): Selector => new HasTerm(k, v);
export const oneTermNotEqualSelector = (k: string, v: string): Selector => new NotHasTerm(k, v);
export const andSelectors = (...selectors: Selector[]): Selector => new AndTerm(selectors);

/** selectorFromSet matches objects whose fields equal the set's values (keys sorted for a stable string). */
export function selectorFromSet(fs: Fields | undefined): Selector {
  if (!fs) return everythingSelector;
  const items = Object.keys(fs)
    .sort()
    .map((k) => new HasTerm(k, fs[k]!));
  return items.length === 1 ? items[0]! : new AndTerm(items);
}

/** escapeValue escapes `\`, `,` and `=` so a value can sit inside a selector string. */
export function escapeValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** unescapeValue undoes escapeValue, rejecting unknown escapes and bare `,`/`=`. */
export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    // Go prints the rune with %v, i.e. as its number.
    else if (c === ',' || c === '=') throw new Error(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

// splitTerms splits on commas that are not escaped, keeping escapes in the terms.
function splitTerms(sel: string): string[] {
  if (sel.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(sel.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(sel.slice(start));
  return terms;
}

// termOperators lists "==" before "=" so a value never keeps a leading "=".
const termOperators = ['!=', '==', '='];

function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** parseAndTransformSelector parses a field selector and runs each term through fn. */
export function parseAndTransformSelector(selector: string, fn: TransformFunc): Selector {
  const parts = splitTerms(selector).sort();
  const items: Selector[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new Error(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [lhs, op, rhs] = split;
    const value = unescapeValue(rhs);
    items.push(op === '!=' ? new NotHasTerm(lhs, value) : new HasTerm(lhs, value));
  }
  return items.length === 1 ? items[0]!.transform(fn) : new AndTerm(items).transform(fn);
}

/** parseSelector parses "metadata.name=web,status.phase!=Running" into a Selector. */
export function parseSelector(selector: string): Selector {
  return parseAndTransformSelector(selector, (f, v) => [f, v]);
}
