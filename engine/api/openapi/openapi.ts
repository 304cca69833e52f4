// Mirrors k8s.io/kube-openapi/pkg/builder3 (the /openapi/v3/<group>/<version> documents' components):
// each definition rendered as OpenAPI v3 with Kubernetes' extensions, refs wrapped in allOf when they
// carry a description or default, as the upstream documents do.
import type { GroupVersionKind } from '../../apimachinery/runtime/schema/group-version.js';
import { META, type FieldSpec, type TypeDef, type TypeSpec } from './builder.js';
import { definitions, typeDef } from './registry.js';

export type OpenAPISchema = Record<string, unknown>;

const refPath = (name: string) => `#/components/schemas/${name}`;

/** valueSchema renders a type without description (list items, map values). */
function valueSchema(t: TypeSpec): OpenAPISchema {
  switch (t.t) {
    case 'string': {
      const s: OpenAPISchema = { type: 'string' };
      if (t.format) s.format = t.format;
      if (t.enum) s.enum = t.enum;
      return s;
    }
    case 'integer':
      return { type: 'integer', format: t.format };
    case 'number':
      return { type: 'number', format: t.format };
    case 'boolean':
      return { type: 'boolean' };
    case 'object':
      return { type: 'object' };
    case 'ref':
      return typeDef(t.name).special ? { $ref: refPath(t.name) } : { allOf: [{ $ref: refPath(t.name) }], default: {} };
    case 'list':
      return listSchema(t.items, t.ext);
    case 'map':
      return { type: 'object', additionalProperties: valueSchema(t.values) };
  }
}

function listSchema(items: TypeSpec, ext: { strategy?: string; mergeKey?: string; listType?: string; mapKeys?: string[] }): OpenAPISchema {
  const s: OpenAPISchema = { type: 'array', items: valueSchema(items) };
  if (ext.mapKeys) s['x-kubernetes-list-map-keys'] = ext.mapKeys;
  if (ext.listType) s['x-kubernetes-list-type'] = ext.listType;
  if (ext.mergeKey) s['x-kubernetes-patch-merge-key'] = ext.mergeKey;
  if (ext.strategy) s['x-kubernetes-patch-strategy'] = ext.strategy;
  return s;
}

function fieldSchema(f: FieldSpec): OpenAPISchema {
  let s: OpenAPISchema;
  if (f.type.t === 'ref') {
    s = { allOf: [{ $ref: refPath(f.type.name) }] };
    if (!f.pointer && !typeDef(f.type.name).special) s.default = {};
  } else {
    s = valueSchema(f.type);
  }
  if (f.default !== undefined) s.default = f.default;
  s.description = f.description;
  if (f.strategy) s['x-kubernetes-patch-strategy'] = f.strategy;
  return s;
}

function specialSchema(d: TypeDef): OpenAPISchema {
  switch (d.special) {
    case 'IntOrString':
      return { description: d.description, format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'Quantity':
      return { description: d.description, oneOf: [{ type: 'string' }, { type: 'number' }] };
    case 'Time':
    case 'MicroTime':
      return { description: d.description, format: 'date-time', type: 'string' };
    default:
      return { description: d.description, type: 'object' };
  }
}

/** toOpenAPI renders one definition as an OpenAPI v3 schema. */
export function toOpenAPI(d: TypeDef): OpenAPISchema {
  if (d.special) return specialSchema(d);
  const properties: Record<string, OpenAPISchema> = {};
  const required: string[] = [];
  for (const [name, f] of Object.entries(d.fields)) {
    properties[name] = fieldSchema(f);
    if (f.required) required.push(name);
  }
  const s: OpenAPISchema = { description: d.description, type: 'object', properties };
  if (required.length) s.required = required;
  if (d.gvks) s['x-kubernetes-group-version-kind'] = d.gvks.map((g) => ({ group: g.group, kind: g.kind, version: g.version }));
  return s;
}

function refsOf(t: TypeSpec, out: string[]): void {
  if (t.t === 'ref') out.push(t.name);
  else if (t.t === 'list') refsOf(t.items, out);
  else if (t.t === 'map') refsOf(t.values, out);
}

/** closure returns the names reachable from roots through field references. */
export function closure(roots: string[]): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const out: string[] = [];
    for (const f of Object.values(typeDef(name).fields)) refsOf(f.type, out);
    stack.push(...out);
  }
  return [...seen].sort();
}

const inGroupVersion = (d: TypeDef, group: string, version: string) =>
  (d.gvks ?? []).some((g: GroupVersionKind) => g.group === group && g.version === version);

/**
 * schemasForGroupVersion returns `components.schemas` for /openapi/v3/api/v1 or
 * /openapi/v3/apis/<group>/<version>: every kind served there and all it refers to, plus Status.
 */
export function schemasForGroupVersion(group: string, version: string): Record<string, OpenAPISchema> {
  const roots = [...definitions.values()].filter((d) => inGroupVersion(d, group, version)).map((d) => d.name);
  if (roots.length === 0) return {};
  roots.push(META + 'Status');
  const schemas: Record<string, OpenAPISchema> = {};
  for (const name of closure(roots)) schemas[name] = toOpenAPI(typeDef(name));
  return schemas;
}

/** groupVersions lists the group/versions that have schemas (core first). */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const d of definitions.values())
    for (const g of d.gvks ?? []) if (g.group !== 'meta.k8s.io') seen.set(`${g.group}/${g.version}`, { group: g.group, version: g.version });
  return [...seen.values()].sort((a, b) => (a.group === b.group ? a.version.localeCompare(b.version) : a.group.localeCompare(b.group)));
}
