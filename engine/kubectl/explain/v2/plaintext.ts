// Mirrors k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl (v1.32): renders an OpenAPI v3
// group-version document for a resource and field path. Each Go template is one function here;
// where the template writes before it fails, `out` keeps what was written (kubectl prints it too).
// v1.32's template prints no EXTERNAL DOCS sections, so neither does this.
import { deepEqual } from '../../../apimachinery/api/equality/semantic.js';
import { ExplainError, goValue, indent, isSchema, mapAdditional, resolveRef, sortedKeys, truthy, wrap, type Schema } from './funcs.js';

export interface GVR {
  group: string;
  version: string;
  resource: string;
}

export interface RenderResult {
  out: string;
  error?: ExplainError;
}

type History = Record<string, number>;

interface Ctx {
  doc: Schema;
  recursive: boolean;
}

/** gvrString is schema.GroupVersionResource.String(): "apps/v1, Resource=deployments". */
export const gvrString = (g: GVR) => `${g.group}/${g.version}, Resource=${g.resource}`;

/** renderPlaintext renders `kubectl explain` output for gvr and fieldPath from doc. */
export function renderPlaintext(doc: Schema, gvr: GVR, fieldPath: string[], recursive: boolean): RenderResult {
  const ctx: Ctx = { doc, recursive };
  const gvk = findGVK(doc, gvr);
  if (!truthy(gvk)) return { out: '', error: new ExplainError(`error: GVR (${gvrString(gvr)}) not found in OpenAPI schema`) };
  const g = gvk as Schema;
  let out = '';
  if (truthy(g.group)) out += `GROUP:      ${goValue(g.group)}\n`;
  out += `KIND:       ${goValue(g.kind)}\n`;
  out += `VERSION:    ${goValue(g.version)}\n\n`;
  try {
    const body = schemaFor(ctx, g, fieldPath);
    if (!body) return { out, error: new ExplainError(`error: GVK ${goValue(g)} not found in OpenAPI schema`) };
    return { out: out + body + '\n' };
  } catch (err) {
    if (err instanceof ExplainError) return { out, error: err };
    throw err;
  }
}

/** findGVK reads x-kubernetes-group-version-kind from the resource's list or item operations. */
function findGVK(doc: Schema, gvr: GVR): unknown {
  const prefix = gvr.group ? `/apis/${gvr.group}` : '/api';
  const searchPaths = [
    [prefix, gvr.version, gvr.resource],
    [prefix, gvr.version, gvr.resource, '{name}'],
    [prefix, gvr.version, 'namespaces', '{namespace}', gvr.resource],
    [prefix, gvr.version, 'namespaces', '{namespace}', gvr.resource, '{name}'],
  ].map((p) => p.join('/'));
  const paths = isSchema(doc.paths) ? doc.paths : {};
  let gvk: unknown;
  for (const p of searchPaths) {
    const el = paths[p];
    if (!truthy(el) || !isSchema(el)) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = el[method];
      if (!truthy(op) || !isSchema(op)) continue;
      gvk = op['x-kubernetes-group-version-kind'];
      if (truthy(gvk)) break;
    }
  }
  return gvk;
}

/** schemaFor is the "schema" template: the component declaring gvk, followed along fieldPath. */
function schemaFor(ctx: Ctx, gvk: Schema, fieldPath: string[]): string {
  const schemas = isSchema(ctx.doc.components) && isSchema(ctx.doc.components.schemas) ? ctx.doc.components.schemas : {};
  for (const name of sortedKeys(schemas)) {
    const s = schemas[name];
    if (!isSchema(s)) continue;
    const gvks = s['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks) || !gvks.some((x) => deepEqual(x, gvk))) continue;
    const out = output(ctx, s, {}, fieldPath);
    if (out) return out;
    throw new ExplainError(`error: field "${fieldPath[fieldPath.length - 1] ?? ''}" does not exist`);
  }
  return '';
}

/** output is the "output" template: walks fieldPath, then prints DESCRIPTION and FIELDS. */
function output(ctx: Ctx, schema: Schema, history: History, fieldPath: string[]): string {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : '';
  const next: History = { ...history, [ref]: 1 };
  const resolved = resolveRef(ref, ctx.doc) ?? schema;
  if (!fieldPath.length) {
    let s = 'DESCRIPTION:\n' + indent(4, wrap(76, description(ctx, resolved) || '<empty>')) + '\n';
    const fields = fieldList(ctx, resolved, 1, undefined);
    if (fields) s += 'FIELDS:\n' + fields;
    return s;
  }
  if (ref && history[ref]) return ''; // a cycle
  const props = isSchema(resolved.properties) ? resolved.properties : undefined;
  const first = fieldPath[0]!;
  if (props && truthy(props[first]) && isSchema(props[first])) {
    const sub = props[first];
    let s = '';
    if (fieldPath.length === 1) s += `FIELD: ${first} <${typeGuess(ctx, sub)}>\n` + extractEnum(sub, true, -1, 0) + '\n\n';
    return s + output(ctx, sub, {}, fieldPath.slice(1));
  }
  if (truthy(resolved.items) && isSchema(resolved.items)) return output(ctx, resolved.items, next, fieldPath);
  const ap = mapAdditional(resolved);
  if (ap) return output(ctx, ap, next, fieldPath);
  for (const sub of Array.isArray(resolved.allOf) ? resolved.allOf : []) {
    if (!isSchema(sub)) continue;
    const s = output(ctx, sub, next, fieldPath);
    if (s) return s;
  }
  return '';
}

/** fieldList prints each field (and with --recursive, their fields) indented by level. */
function fieldList(ctx: Ctx, schema: Schema, level: number, history: History | undefined): string {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : '';
  if (ref && (history ?? {})[ref]) return '';
  const next: History = { ...history, [ref]: 1 };
  const resolved = resolveRef(ref, ctx.doc) ?? schema;
  let s = '';
  const props = isSchema(resolved.properties) ? resolved.properties : {};
  for (const k of sortedKeys(props)) {
    s += fieldDetail(ctx, k, resolved, ctx.recursive, level);
    if (ctx.recursive && isSchema(props[k])) s += fieldList(ctx, props[k], level + 1, next);
  }
  for (const sub of Array.isArray(resolved.allOf) ? resolved.allOf : []) if (isSchema(sub)) s += fieldList(ctx, sub, level, next);
  if (truthy(resolved.items) && isSchema(resolved.items)) s += fieldList(ctx, resolved.items, level, next);
  const ap = mapAdditional(resolved);
  if (ap) s += fieldList(ctx, ap, level, next);
  return s;
}

/** fieldDetail prints "name\t<type> -required-", enum values and (unless short) the description. */
function fieldDetail(ctx: Ctx, name: string, schema: Schema, short: boolean, level: number): string {
  const pad = level * 2;
  const field = (schema.properties as Schema)[name] as Schema;
  let s = indent(pad, name) + `\t<${typeGuess(ctx, field)}>`;
  if (Array.isArray(schema.required) && schema.required.includes(name)) s += ' -required-';
  s += extractEnum(field, false, 4, pad) + '\n';
  if (!short) {
    const desc = typeof field.description === 'string' && field.description ? field.description : '<no description>';
    s += indent(pad + 2, wrap(78 - pad, desc)) + '\n';
    s += '\n';
  }
  return s;
}

/** description joins the descriptions of a schema, its allOf parts, its items and map values. */
function description(ctx: Ctx, schema: Schema): string {
  const s = resolveRef(schema.$ref, ctx.doc) ?? schema;
  if (!truthy(s)) return '';
  let out = truthy(s.description) ? `${String(s.description)}\n` : '';
  for (const sub of Array.isArray(s.allOf) ? s.allOf : []) if (isSchema(sub)) out += description(ctx, sub);
  if (truthy(s.items) && isSchema(s.items)) out += description(ctx, s.items);
  const ap = mapAdditional(s);
  if (ap) out += description(ctx, ap);
  return out;
}

/** typeGuess names a schema's type as explain does: string, Object, []Container, map[string]string. */
export function typeGuess(ctx: Ctx, schema: Schema): string {
  if (!truthy(schema)) throw new Error("expected schema argument to subtemplate 'typeguess'");
  if (truthy(schema.items) && isSchema(schema.items)) return '[]' + typeGuess(ctx, schema.items);
  const ap = mapAdditional(schema);
  if (ap) return 'map[string]' + typeGuess(ctx, ap);
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  if (allOf.length === 1 && !truthy(schema.properties) && isSchema(allOf[0])) return typeGuess(ctx, allOf[0]);
  if (truthy(schema.$ref)) {
    const ref = String(schema.$ref);
    const target = resolveRef(ref, ctx.doc);
    if (!target || !truthy(target.type) || target.type === 'object') return ref.split('/').pop()!.split('.').pop() || 'Object';
    return String(target.type);
  }
  if (schema.type === 'object') return 'Object';
  return truthy(schema.type) ? String(schema.type) : 'Object';
}

/** extractEnum prints "ENUM:" with one value a line (long view) or "enum: a, b, c, d, ...." (list view). */
function extractEnum(schema: Schema, long: boolean, limit: number, pad: number): string {
  const values = Array.isArray(schema.enum) ? schema.enum : [];
  if (!values.length) return '';
  const lim = limit || -1;
  let s = long ? 'ENUM:' : '\n' + ' '.repeat(pad) + 'enum: ';
  for (let i = 0; i < values.length; i++) {
    if (lim > -1 && i >= lim) {
      s += ', ....';
      break;
    }
    if (i > 0 && !long) s += ', ';
    else if (long) s += '\n    ';
    const v = values[i];
    s += v === '' ? '""' : goValue(v);
  }
  return s;
}
