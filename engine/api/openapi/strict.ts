// Mirrors sigs.k8s.io/json's strict decoding (unknown and duplicate fields) and encoding/json's
// UnmarshalTypeError messages as the API server reports them for a typed kind.
import type { GroupVersionKind } from '../../apimachinery/runtime/schema/group-version.js';
import { goTypeName, type TypeSpec } from './builder.js';
import { schemaNameFor, typeDef } from './registry.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Findings are what one walk over a decoded object finds, each list in document order. */
export interface Findings {
  /** typeErrors are encoding/json's messages for values of the wrong JSON type. */
  typeErrors: string[];
  /** unknownFields are the paths of fields the schema lacks ("spec.containers[0].imagee"). */
  unknownFields: string[];
}

const structNames = new Map<string, string>();

/** structNameOf is the Go struct name a type's decode errors print ("ContainerPort"). */
function structNameOf(typeName: string): string {
  let s = structNames.get(typeName);
  if (s === undefined) structNames.set(typeName, (s = goTypeName(typeName).split('.')[1]!));
  return s;
}

/**
 * Walker visits every value once. The paths are kept as stacks and printed only for a finding:
 * segs holds field names and map keys (joined by ".") and list indices (printed "[i]"); goPath
 * holds the field names only, as encoding/json names a struct field.
 */
class Walker implements Findings {
  readonly typeErrors: string[] = [];
  readonly unknownFields: string[] = [];
  private readonly segs: (string | number)[] = [];
  private readonly goPath: string[] = [];

  struct(typeName: string, value: Record<string, unknown>): void {
    const fields = typeDef(typeName).fields;
    const struct = structNameOf(typeName);
    for (const key of Object.keys(value)) {
      const f = fields[key];
      this.segs.push(key);
      if (!f) this.unknownFields.push(this.path());
      else {
        this.goPath.push(key);
        this.value(f.type, value[key], struct);
        this.goPath.pop();
      }
      this.segs.pop();
    }
  }

  private value(t: TypeSpec, v: unknown, struct: string): void {
    if (v === null) return; // null decodes to the zero value
    const bad = mismatch(t, v);
    if (bad) this.typeErrors.push(`json: cannot unmarshal ${bad} into Go struct field ${struct}.${this.goPath.join('.')} of type ${goType(t)}`);
    if (t.t === 'ref') {
      if (isObject(v) && !typeDef(t.name).special) this.struct(t.name, v);
    } else if (t.t === 'list') {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          this.segs.push(i);
          this.value(t.items, v[i], struct);
          this.segs.pop();
        }
      }
    } else if (t.t === 'map' && isObject(v)) {
      for (const k of Object.keys(v)) {
        this.segs.push(k);
        this.value(t.values, v[k], struct);
        this.segs.pop();
      }
    }
  }

  private path(): string {
    let p = '';
    for (const s of this.segs) p += typeof s === 'number' ? `[${s}]` : p ? `.${s}` : s;
    return p;
  }
}

/**
 * decodeFindings walks a decoded object of a kind once for both strict-decoding checks: values of
 * the wrong JSON type (always an error) and unknown fields (an error, a warning or nothing,
 * according to fieldValidation). An unknown kind finds nothing.
 */
export function decodeFindings(gvk: GroupVersionKind, obj: unknown): Findings {
  const kindName = schemaNameFor(gvk);
  if (!kindName) return { typeErrors: [], unknownFields: [] };
  if (!isObject(obj)) return { typeErrors: [`json: cannot unmarshal ${jsonKind(obj)} into Go value of type ${goTypeName(kindName)}`], unknownFields: [] };
  const w = new Walker();
  w.struct(kindName, obj);
  return { typeErrors: w.typeErrors, unknownFields: w.unknownFields };
}

/**
 * unknownFields returns the paths of fields the kind's schema does not know, in document order
 * ("spec.containers[0].imagee"); the server answers `strict decoding error: unknown field "…"`.
 */
export function unknownFields(gvk: GroupVersionKind, obj: unknown): string[] {
  return isObject(obj) ? decodeFindings(gvk, obj).unknownFields : [];
}

/** goType prints a TypeSpec as Go would name it in a decode error. */
function goType(t: TypeSpec): string {
  switch (t.t) {
    case 'string':
      return 'string';
    case 'integer':
      return t.format;
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'object':
      return 'map[string]interface {}';
    case 'ref':
      return goTypeName(t.name);
    case 'list':
      return `[]${goType(t.items)}`;
    case 'map':
      return `map[string]${goType(t.values)}`;
  }
}

/** jsonKind names a JSON value as encoding/json does: string, number, bool, array, object. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

const INT_RANGE: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** mismatch returns the JSON kind text for a value that does not fit t, or '' when it fits. */
function mismatch(t: TypeSpec, v: unknown): string {
  switch (t.t) {
    case 'string':
      return typeof v === 'string' ? '' : jsonKind(v);
    case 'integer': {
      if (typeof v !== 'number') return jsonKind(v);
      const [lo, hi] = INT_RANGE[t.format]!;
      return Number.isInteger(v) && v >= lo && v <= hi ? '' : `number ${v}`;
    }
    case 'number':
      return typeof v === 'number' ? '' : jsonKind(v);
    case 'boolean':
      return typeof v === 'boolean' ? '' : jsonKind(v);
    case 'object':
      return isObject(v) ? '' : jsonKind(v);
    case 'ref': {
      const special = typeDef(t.name).special;
      if (special === 'IntOrString') return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)) ? '' : jsonKind(v);
      if (special === 'Quantity') return typeof v === 'string' || typeof v === 'number' ? '' : jsonKind(v);
      if (special === 'Time' || special === 'MicroTime') return typeof v === 'string' ? '' : jsonKind(v);
      if (special) return '';
      return isObject(v) ? '' : jsonKind(v);
    }
    case 'list':
      return Array.isArray(v) ? '' : jsonKind(v);
    case 'map':
      return isObject(v) ? '' : jsonKind(v);
  }
}

/**
 * typeErrors returns encoding/json's messages for values of the wrong JSON type, e.g.
 * `json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`.
 * Go stops at the first; the server reports that one.
 */
export function typeErrors(gvk: GroupVersionKind, obj: unknown): string[] {
  return decodeFindings(gvk, obj).typeErrors;
}
