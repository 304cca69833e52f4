// Mirrors k8s.io/apimachinery/pkg/labels/selector.go: requirements, selectors and their matching and
// canonical strings. The lexer and parser live in parser.ts; errors are thrown instead of returned.
import * as selection from '../selection/operator.js';
import type { Operator } from '../selection/operator.js';
import { aggregateMessage, invalid, notSupported, Path, type ErrorList } from '../util/validation/field/errors.js';
import { compareStrings, getLabel, hasLabel, type Labels } from './labels.js';
import { isQualifiedName, isValidLabelValue } from '../util/validation/validation.js';

const unaryOperators: Operator[] = [selection.Exists, selection.DoesNotExist];
export const binaryOperators: Operator[] = [
  selection.In,
  selection.NotIn,
  selection.Equals,
  selection.DoubleEquals,
  selection.NotEquals,
  selection.GreaterThan,
  selection.LessThan,
];
const validRequirementOperators = [...binaryOperators, ...unaryOperators];

/** AggregateError carries field errors; its message is utilerrors.Aggregate's. */
export class FieldErrorsError extends Error {
  constructor(readonly errors: ErrorList) {
    super(aggregateMessage(errors));
    this.name = 'FieldErrorsError';
  }
}

/** pathString prints a possibly nil path as Go's (*field.Path).String does. */
export const pathString = (p: Path | undefined) => (p ? p.toString() : '<nil>');
const child = (p: Path | undefined, name: string) => (p ? p.child(name) : Path.root(name));

/** Requirement is one key/operator/values term; build it with newRequirement. */
export class Requirement {
  constructor(
    readonly key: string,
    readonly operator: Operator,
    readonly values: readonly string[],
  ) {}

  private hasValue(v: string): boolean {
    return this.values.includes(v);
  }

  matches(ls: Labels | undefined): boolean {
    switch (this.operator) {
      case selection.In:
      case selection.Equals:
      case selection.DoubleEquals:
        return hasLabel(ls, this.key) && this.hasValue(getLabel(ls, this.key));
      case selection.NotIn:
      case selection.NotEquals:
        return !hasLabel(ls, this.key) || !this.hasValue(getLabel(ls, this.key));
      case selection.Exists:
        return hasLabel(ls, this.key);
      case selection.DoesNotExist:
        return !hasLabel(ls, this.key);
      case selection.GreaterThan:
      case selection.LessThan: {
        if (!hasLabel(ls, this.key) || this.values.length !== 1) return false;
        const have = parseInt64(getLabel(ls, this.key));
        const want = parseInt64(this.values[0]!);
        if (have === undefined || want === undefined) return false;
        return this.operator === selection.GreaterThan ? have > want : have < want;
      }
      default:
        return false;
    }
  }

  /** toString prints the requirement as upstream, values sorted ("tier in (backend,frontend)"). */
  toString(): string {
    let s = this.operator === selection.DoesNotExist ? `!${this.key}` : this.key;
    switch (this.operator) {
      case selection.Exists:
      case selection.DoesNotExist:
        return s;
      case selection.Equals: s += '='; break;
      case selection.DoubleEquals: s += '=='; break;
      case selection.NotEquals: s += '!='; break;
      case selection.In: s += ' in '; break;
      case selection.NotIn: s += ' notin '; break;
      case selection.GreaterThan: s += '>'; break;
      case selection.LessThan: s += '<'; break;
    }
    const set = this.operator === selection.In || this.operator === selection.NotIn;
    const vals = [...this.values].sort(compareStrings).join(',');
    return set ? `${s}(${vals})` : s + vals;
  }

  equal(x: Requirement): boolean {
    return this.key === x.key && this.operator === x.operator && this.values.length === x.values.length &&
      this.values.every((v, i) => v === x.values[i]);
  }
}

/** parseInt64 is strconv.ParseInt(s, 10, 64): optional sign, decimal digits, within int64. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v > 9223372036854775807n || v < -9223372036854775808n ? undefined : v;
}

/** newRequirement validates and builds a Requirement, throwing FieldErrorsError as upstream errs. */
export function newRequirement(key: string, op: Operator, vals: readonly string[], path?: Path): Requirement {
  const errs: ErrorList = [];
  const keyErr = validateLabelKey(key, child(path, 'key'));
  if (keyErr) errs.push(keyErr);
  const valuePath = child(path, 'values');
  switch (op) {
    case selection.In:
    case selection.NotIn:
      if (vals.length === 0) errs.push(invalid(valuePath, [...vals], "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case selection.Equals:
    case selection.DoubleEquals:
    case selection.NotEquals:
      if (vals.length !== 1) errs.push(invalid(valuePath, [...vals], 'exact-match compatibility requires one single value'));
      break;
    case selection.Exists:
    case selection.DoesNotExist:
      if (vals.length !== 0) errs.push(invalid(valuePath, [...vals], 'values set must be empty for exists and does not exist'));
      break;
    case selection.GreaterThan:
    case selection.LessThan:
      if (vals.length !== 1) errs.push(invalid(valuePath, [...vals], "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errs.push(notSupported(child(path, 'operator'), op, validRequirementOperators));
  }
  vals.forEach((v, i) => {
    const e = isValidLabelValue(v);
    if (e.length) errs.push(invalid(valuePath.index(i).key(key), v, e.join('; ')));
  });
  if (errs.length) throw new FieldErrorsError(errs);
  return new Requirement(key, op, [...vals]);
}

export function validateLabelKey(k: string, path: Path | undefined) {
  const errs = isQualifiedName(k);
  return errs.length ? invalid(pathString(path), k, errs.join('; ')) : undefined;
}

export interface Selector {
  matches(ls: Labels | undefined): boolean;
  /** empty reports whether the selector does not restrict the selection space. */
  empty(): boolean;
  toString(): string;
  add(...reqs: Requirement[]): Selector;
  /** requirements returns the terms, and selectable=false for the Nothing selector. */
  requirements(): { requirements: Requirement[]; selectable: boolean };
  /** requiresExactMatch returns the single value a label must have, if the selector demands one. */
  requiresExactMatch(label: string): string | undefined;
}

const byKey = (a: Requirement, b: Requirement) => compareStrings(a.key, b.key);

/** InternalSelector is the AND of its requirements, kept sorted by key (stable). */
export class InternalSelector implements Selector {
  readonly reqs: readonly Requirement[];
  constructor(reqs: readonly Requirement[] = []) {
    this.reqs = [...reqs].sort(byKey);
  }
  matches(ls: Labels | undefined): boolean {
    return this.reqs.every((r) => r.matches(ls));
  }
  empty(): boolean {
    return this.reqs.length === 0;
  }
  toString(): string {
    return this.reqs.map((r) => r.toString()).join(',');
  }
  add(...reqs: Requirement[]): Selector {
    return new InternalSelector([...this.reqs, ...reqs]);
  }
  requirements() {
    return { requirements: [...this.reqs], selectable: true };
  }
  requiresExactMatch(label: string): string | undefined {
    const r = this.reqs.find((x) => x.key === label);
    if (!r) return undefined;
    const exact = r.operator === selection.Equals || r.operator === selection.DoubleEquals || r.operator === selection.In;
    return exact && r.values.length === 1 ? r.values[0] : undefined;
  }
}

class NothingSelector implements Selector {
  matches(): boolean {
    return false;
  }
  empty(): boolean {
    return false;
  }
  toString(): string {
    return '';
  }
  add(): Selector {
    return this;
  }
  requirements() {
    return { requirements: [], selectable: false };
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
}

const everythingSelector: Selector = new InternalSelector();
const nothingSelector: Selector = new NothingSelector();

/** everything matches all labels. */
export const everything = () => everythingSelector;
/** nothing matches no labels (a nil LabelSelector). */
export const nothing = () => nothingSelector;
export const newSelector = (): Selector => new InternalSelector();

/** selectorFromSet matches exactly the given labels; an empty set selects everything. No validation. */
export function selectorFromSet(ls: Labels | undefined): Selector {
  if (!ls) return everythingSelector;
  return new InternalSelector(Object.keys(ls).map((k) => new Requirement(k, selection.Equals, [ls[k]!])));
}

/** validatedSelectorFromSet is selectorFromSet with key and value validation. */
export function validatedSelectorFromSet(ls: Labels | undefined): Selector {
  if (!ls) return everythingSelector;
  return new InternalSelector(Object.keys(ls).map((k) => newRequirement(k, selection.Equals, [ls[k]!])));
}
