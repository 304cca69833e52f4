// Mirrors k8s.io/apimachinery/pkg/util/validation/field/errors.go: validation errors that carry a
// field path, a type and the offending value, printed exactly as Kubernetes prints them.

export type ErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const typeText: Record<ErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** omitValue marks an error whose bad value should not be printed. */
export const omitValue = Symbol('omitValue');

export interface FieldError {
  type: ErrorType;
  field: string;
  badValue: unknown;
  detail: string;
}

export type ErrorList = FieldError[];

/** Path builds field paths such as `spec.containers[0].ports[1].containerPort`. */
export class Path {
  private constructor(private readonly text: string) {}

  static root(name: string, ...more: string[]): Path {
    return more.reduce((p, n) => p.child(n), new Path(name));
  }

  child(name: string, ...more: string[]): Path {
    const first = new Path(this.text ? `${this.text}.${name}` : name);
    return more.reduce((p, n) => p.child(n), first);
  }

  index(i: number): Path {
    return new Path(`${this.text}[${i}]`);
  }

  key(k: string): Path {
    return new Path(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

function make(type: ErrorType, path: Path | string, badValue: unknown, detail = ''): FieldError {
  return { type, field: String(path), badValue, detail };
}

export const required = (p: Path | string, detail = '') => make('FieldValueRequired', p, '', detail);
export const notFound = (p: Path | string, value: unknown) => make('FieldValueNotFound', p, value);
export const duplicate = (p: Path | string, value: unknown) => make('FieldValueDuplicate', p, value);
export const invalid = (p: Path | string, value: unknown, detail: string) => make('FieldValueInvalid', p, value, detail);
export const forbidden = (p: Path | string, detail: string) => make('FieldValueForbidden', p, '', detail);
export const internalError = (p: Path | string, err: unknown) => make('InternalError', p, null, String(err));
export const typeInvalid = (p: Path | string, value: unknown, detail: string) =>
  make('FieldValueTypeInvalid', p, value, detail);

export function notSupported(p: Path | string, value: unknown, validValues: string[]): FieldError {
  const detail = validValues.length ? `supported values: ${validValues.map((v) => JSON.stringify(v)).join(', ')}` : '';
  return make('FieldValueNotSupported', p, value, detail);
}

export function tooLong(p: Path | string, value: unknown, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long';
  return make('FieldValueTooLong', p, value, detail);
}

export function tooMany(p: Path | string, actual: number, max: number): FieldError {
  return make('FieldValueTooMany', p, actual, `must have at most ${max} items`);
}

/** formatValue prints a bad value as Go's %q / %v / %#v would for the common cases. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
  }
  if (isStringMap(value)) {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** errorBody is the message without the field path ("Invalid value: 80: must be …"). */
export function errorBody(err: FieldError): string {
  let s: string;
  switch (err.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = typeText[err.type];
      break;
    default:
      s = err.badValue === omitValue ? typeText[err.type] : `${typeText[err.type]}: ${formatValue(err.badValue)}`;
  }
  if (err.detail) s += `: ${err.detail}`;
  return s;
}

/** errorString is the whole message ("spec.replicas: Invalid value: -1: must be …"). */
export function errorString(err: FieldError): string {
  return `${err.field}: ${errorBody(err)}`;
}

/** aggregateMessage joins errors as utilerrors.Aggregate does: one alone, several in brackets. */
export function aggregateMessage(errs: ErrorList): string {
  const unique = [...new Set(errs.map(errorString))];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}
