// Mirrors k8s.io/kube-openapi/pkg/common (OpenAPIDefinition, the generated GetOpenAPIDefinitions):
// one compact description of every type's fields, from which the OpenAPI documents, strategic
// merge patch meta, strict decoding and `kubectl explain` all derive. Descriptions are short.
import type { GroupVersionKind } from '../../apimachinery/runtime/schema/group-version.js';

/** ListExt carries the list annotations upstream writes as +patchStrategy / +listType tags. */
export interface ListExt {
  strategy?: string;
  mergeKey?: string;
  listType?: 'atomic' | 'map' | 'set';
  mapKeys?: string[];
}

/** TypeSpec is the type of a value: a primitive, a reference to a named type, a list or a map. */
export type TypeSpec =
  | { t: 'string'; format?: string; enum?: string[] }
  | { t: 'integer'; format: 'int32' | 'int64' }
  | { t: 'number'; format: 'double' }
  | { t: 'boolean' }
  | { t: 'object' }
  | { t: 'ref'; name: string }
  | { t: 'list'; items: TypeSpec; ext: ListExt }
  | { t: 'map'; values: TypeSpec };

export interface FieldSpec {
  type: TypeSpec;
  description: string;
  required?: boolean;
  /** pointer marks an optional struct (Go pointer): its $ref is not given `default: {}`. */
  pointer?: boolean;
  /** strategy is a patch strategy on a non-list field (Deployment's `strategy` retains keys). */
  strategy?: string;
  /** default is the value upstream's OpenAPI shows as the field's default. */
  default?: unknown;
}

/** Special names types that are not structs on the wire (IntOrString, Quantity, Time…). */
export type Special = 'IntOrString' | 'Quantity' | 'Time' | 'MicroTime' | 'FieldsV1' | 'RawExtension';

export interface TypeDef {
  /** name as upstream: io.k8s.api.core.v1.Pod */
  name: string;
  description: string;
  fields: Record<string, FieldSpec>;
  gvks?: GroupVersionKind[];
  special?: Special;
}

// ---- value types, for list items and map values ----
export const T = {
  str: { t: 'string' } as TypeSpec,
  int32: { t: 'integer', format: 'int32' } as TypeSpec,
  int64: { t: 'integer', format: 'int64' } as TypeSpec,
  bool: { t: 'boolean' } as TypeSpec,
  ref: (name: string): TypeSpec => ({ t: 'ref', name }),
};

interface Opts {
  required?: boolean;
  pointer?: boolean;
  default?: unknown;
}

const field = (type: TypeSpec, description: string, o: Opts = {}): FieldSpec => ({ type, description, ...o });

export const str = (d: string, o: Opts & { enum?: string[]; format?: string } = {}): FieldSpec => {
  const { enum: e, format, ...rest } = o;
  const type: TypeSpec = { t: 'string' };
  if (format) type.format = format;
  if (e) type.enum = e;
  return field(type, d, rest);
};
export const int32 = (d: string, o: Opts = {}) => field(T.int32, d, o);
export const int64 = (d: string, o: Opts = {}) => field(T.int64, d, o);
export const bool = (d: string, o: Opts = {}) => field(T.bool, d, o);
export const num = (d: string, o: Opts = {}) => field({ t: 'number', format: 'double' }, d, o);
export const obj = (d: string, o: Opts = {}) => field({ t: 'object' }, d, o);
export const ref = (name: string, d: string, o: Opts = {}) => field(T.ref(name), d, o);
/** refP is a reference to an optional (pointer) struct. */
export const refP = (name: string, d: string, o: Opts = {}) => field(T.ref(name), d, { pointer: true, ...o });
export const listOf = (items: TypeSpec, d: string, ext: ListExt = {}, o: Opts = {}) =>
  field({ t: 'list', items, ext }, d, o);
export const mapOf = (values: TypeSpec, d: string, o: Opts = {}) => field({ t: 'map', values }, d, o);
/** strList is an atomic list of strings, the most common list. */
export const strList = (d: string, ext: ListExt = { listType: 'atomic' }) => listOf(T.str, d, ext);
/** strMap is map[string]string (labels, selectors, config data). */
export const strMap = (d: string, o: Opts = {}) => mapOf(T.str, d, o);

/** struct declares a named type; required fields are those marked required. */
export function struct(name: string, description: string, fields: Record<string, FieldSpec>, gvks?: GroupVersionKind[]): TypeDef {
  const def: TypeDef = { name, description, fields };
  if (gvks) def.gvks = gvks;
  return def;
}

export function special(name: string, description: string, kind: Special): TypeDef {
  return { name, description, fields: {}, special: kind };
}

/** gvk is shorthand for a GroupVersionKind. */
export const gvk = (group: string, version: string, kind: string): GroupVersionKind => ({ group, version, kind });

// Name prefixes as upstream spells them.
export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
export const CORE = 'io.k8s.api.core.v1.';
export const APPS = 'io.k8s.api.apps.v1.';
export const BATCH = 'io.k8s.api.batch.v1.';
export const AUTOSCALING = 'io.k8s.api.autoscaling.v1.';
export const POLICY = 'io.k8s.api.policy.v1.';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const RAW_EXTENSION = 'io.k8s.apimachinery.pkg.runtime.RawExtension';

/** metadataField is the `metadata` every top-level kind carries. */
export const metadataField = () =>
  ref(META + 'ObjectMeta', "Standard object metadata: name, namespace, labels, annotations and the fields the server sets.");
export const listMetaField = () => ref(META + 'ListMeta', 'Standard list metadata: resourceVersion and continue token.');
export const apiVersionField = () =>
  str('Versioned schema of this object (group/version); the server converts to the version it stores.');
export const kindField = () => str('REST resource kind this object represents, in CamelCase.');

/** timeField is a metav1.Time (RFC 3339) field. */
export const timeField = (d: string) => ref(META + 'Time', d);
/** resourceListField is a ResourceList: resource names to quantities. */
export const resourceListField = (d: string) => mapOf(T.ref(QUANTITY), d);

/** topLevel declares a v1 kind with the apiVersion, kind and metadata every top-level object carries. */
export function topLevel(prefix: string, group: string, kind: string, description: string, fields: Record<string, FieldSpec>): TypeDef {
  return struct(prefix + kind, description, { apiVersion: apiVersionField(), kind: kindField(), metadata: metadataField(), ...fields }, [gvk(group, 'v1', kind)]);
}

/** goTypeName is the Go type name used in decode errors ("v1.ContainerPort", "intstr.IntOrString"). */
export function goTypeName(name: string): string {
  const parts = name.split('.');
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

/** listDef declares the <Kind>List type that list responses carry. */
export function listDef(prefix: string, kind: string, group: string, version: string, what: string): TypeDef {
  return struct(`${prefix}${kind}List`, `A list of ${what}.`, {
    apiVersion: apiVersionField(),
    kind: kindField(),
    metadata: listMetaField(),
    items: listOf(T.ref(prefix + kind), `The ${what}.`, {}, { required: true }),
  }, [gvk(group, version, `${kind}List`)]);
}
