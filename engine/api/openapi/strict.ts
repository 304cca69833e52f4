// Mirrors sigs.k8s.io/json's strict decoding (unknown and duplicate fields) and encoding/json's
// UnmarshalTypeError messages as the API server reports them for a typed kind.
import type { GroupVersionKind } from '../../apimachinery/runtime/schema/group-version.js';
import { goTypeName, type TypeSpec } from './builder.js';
import { schemaNameFor, typeDef } from './registry.js';

type Visit = (name: string, t: TypeSpec, value: unknown, path: string, goPath: string[], struct: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** walkStruct visits every field of a struct value; unknownFn sees fields the schema lacks. */
function walkStruct(
  typeName: string,
  value: Record<string, unknown>,
  path: string,
  goPath: string[],
  visit: Visit,
  unknownFn: (path: string) => void,
): void {
  const def = typeDef(typeName);
  const struct = goTypeName(typeName).split('.')[1]!;
  for (const [key, v] of Object.entries(value)) {
    const p = path ? `${path}.${key}` : key;
    const f = def.fields[key];
    if (!f) {
      unknownFn(p);
      continue;
    }
    walkValue(f.type, v, p, [...goPath, key], struct, visit, unknownFn);
  }
}

function walkValue(
  t: TypeSpec,
  v: unknown,
  path: string,
  goPath: string[],
  struct: string,
  visit: Visit,
  unknownFn: (path: string) => void,
): void {
  if (v === null) return; // null decodes to the zero value
  visit(path, t, v, path, goPath, struct);
  if (t.t === 'ref' && !typeDef(t.name).special && isObject(v)) walkStruct(t.name, v, path, goPath, visit, unknownFn);
  else if (t.t === 'list' && Array.isArray(v)) v.forEach((item, i) => walkValue(t.items, item, `${path}[${i}]`, goPath, struct, visit, unknownFn));
  else if (t.t === 'map' && isObject(v))
    for (const [k, item] of Object.entries(v)) walkValue(t.values, item, `${path}.${k}`, goPath, struct, visit, unknownFn);
}

function walkRoot(gvk: GroupVersionKind, obj: unknown, visit: Visit, unknownFn: (path: string) => void): void {
  const name = schemaNameFor(gvk);
  if (!name || !isObject(obj)) return;
  walkStruct(name, obj, '', [], visit, unknownFn);
}

/**
 * unknownFields returns the paths of fields the kind's schema does not know, in document order
 * ("spec.containers[0].imagee"); the server answers `strict decoding error: unknown field "…"`.
 */
export function unknownFields(gvk: GroupVersionKind, obj: unknown): string[] {
  const out: string[] = [];
  walkRoot(gvk, obj, () => {}, (p) => out.push(p));
  return out;
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
  const out: string[] = [];
  const kindName = schemaNameFor(gvk);
  if (!kindName) return out;
  if (!isObject(obj)) {
    out.push(`json: cannot unmarshal ${jsonKind(obj)} into Go value of type ${goTypeName(kindName)}`);
    return out;
  }
  walkRoot(
    gvk,
    obj,
    (_p, t, v, _path, goPath, struct) => {
      const bad = mismatch(t, v);
      if (bad) out.push(`json: cannot unmarshal ${bad} into Go struct field ${struct}.${goPath.join('.')} of type ${goType(t)}`);
    },
    () => {},
  );
  return out;
}
