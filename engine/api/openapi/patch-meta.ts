// Mirrors k8s.io/apimachinery/pkg/util/strategicpatch (PatchMetaFromOpenAPI): the patch strategies
// and merge keys of a kind, read from the same definitions that feed the OpenAPI documents.
import type { GroupVersionKind } from '../../apimachinery/runtime/schema/group-version.js';
import { emptyPatchMeta, type FieldPatchMeta, type PatchMeta } from '../../apimachinery/util/strategicpatch/meta.js';
import type { TypeSpec } from './builder.js';
import { schemaNameFor, typeDef } from './registry.js';

const cache = new Map<string, PatchMeta>();

/** patchMetaForType returns the PatchMeta of a named definition; special types know no fields. */
export function patchMetaForType(name: string): PatchMeta {
  let meta = cache.get(name);
  if (!meta) {
    const def = typeDef(name);
    meta = {
      field(fieldName: string): FieldPatchMeta | undefined {
        const f = def.fields[fieldName];
        if (!f) return undefined;
        const m = fieldMeta(f.type);
        if (f.strategy) m.patchStrategy = f.strategy;
        return m;
      },
    };
    cache.set(name, meta);
  }
  return meta;
}

function isStruct(t: TypeSpec): t is { t: 'ref'; name: string } {
  return t.t === 'ref' && !typeDef(t.name).special;
}

function fieldMeta(t: TypeSpec): FieldPatchMeta {
  if (isStruct(t)) return { shape: 'struct', elem: patchMetaForType(t.name) };
  if (t.t === 'list') {
    const m: FieldPatchMeta = { shape: 'list' };
    if (t.ext.strategy) m.patchStrategy = t.ext.strategy;
    if (t.ext.mergeKey) m.patchMergeKey = t.ext.mergeKey;
    if (isStruct(t.items)) m.elem = patchMetaForType(t.items.name);
    return m;
  }
  if (t.t === 'map') {
    const m: FieldPatchMeta = { shape: 'map' };
    if (isStruct(t.values)) m.elem = patchMetaForType(t.values.name);
    return m;
  }
  return { shape: 'primitive' };
}

/** patchMetaFor returns the PatchMeta of a kind; unknown kinds get emptyPatchMeta (JSON merge semantics). */
export function patchMetaFor(gvk: GroupVersionKind): PatchMeta {
  const name = schemaNameFor(gvk);
  return name ? patchMetaForType(name) : emptyPatchMeta;
}
