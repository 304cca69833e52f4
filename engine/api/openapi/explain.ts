// Mirrors k8s.io/kubectl/pkg/explain (v2 template rendering): resolves a field path of a kind and
// describes it — its type as kubectl prints it, its description and, for objects, its fields.
import type { GroupVersionKind } from '../../apimachinery/runtime/schema/group-version.js';
import type { FieldSpec, TypeSpec } from './builder.js';
import { schemaNameFor, typeDef } from './registry.js';

export interface ExplainedField {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface Explanation {
  gvk: GroupVersionKind;
  /** field is the dotted path explained ("" for the kind itself). */
  field: string;
  type: string;
  description: string;
  /** fields are the children when the explained value is (or holds) an object. */
  fields: ExplainedField[];
  /** enum lists the allowed values when the schema declares them. */
  enum?: string[];
}

/** typeText prints a type as kubectl explain does: Object, []Container, map[string]string, IntOrString. */
export function typeText(t: TypeSpec): string {
  switch (t.t) {
    case 'string':
    case 'integer':
    case 'boolean':
      return t.t;
    case 'number':
      return 'number';
    case 'object':
      return 'Object';
    case 'ref': {
      const d = typeDef(t.name);
      if (d.special === 'Time' || d.special === 'MicroTime') return 'string';
      if (d.special === 'IntOrString') return 'IntOrString';
      if (d.special === 'Quantity') return 'Quantity';
      if (d.special) return 'Object';
      return d.name.split('.').pop()!;
    }
    case 'list':
      return `[]${typeText(t.items)}`;
    case 'map':
      return `map[string]${typeText(t.values)}`;
  }
}

/** structOf returns the struct type a value (or a list/map of them) holds. */
function structOf(t: TypeSpec): string | undefined {
  if (t.t === 'ref') return typeDef(t.name).special ? undefined : t.name;
  if (t.t === 'list') return structOf(t.items);
  if (t.t === 'map') return structOf(t.values);
  return undefined;
}

function childrenOf(name: string | undefined): ExplainedField[] {
  if (!name) return [];
  return Object.entries(typeDef(name).fields)
    .map(([n, f]) => ({ name: n, type: typeText(f.type), required: !!f.required, description: f.description }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * explainField describes `kubectl explain <kind>.<path>`; path is dotted ("spec.containers.ports")
 * or a list. Returns undefined for an unknown kind or field (kubectl: `field "x" does not exist`).
 */
export function explainField(gvk: GroupVersionKind, path: string | string[]): Explanation | undefined {
  const root = schemaNameFor(gvk);
  if (!root) return undefined;
  const parts = (Array.isArray(path) ? path : path.split('.')).filter((p) => p !== '');
  let current: string | undefined = root;
  let field: FieldSpec | undefined;
  for (const part of parts) {
    if (!current) return undefined;
    field = typeDef(current).fields[part];
    if (!field) return undefined;
    current = structOf(field.type);
  }
  if (!field) {
    const d = typeDef(root);
    return { gvk, field: '', type: 'Object', description: d.description, fields: childrenOf(root) };
  }
  const e: Explanation = {
    gvk,
    field: parts.join('.'),
    type: typeText(field.type),
    description: field.description,
    fields: childrenOf(current),
  };
  if (field.type.t === 'string' && field.type.enum) e.enum = field.type.enum;
  return e;
}
