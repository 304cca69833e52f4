// Mirrors k8s.io/apimachinery/pkg/util/strategicpatch/meta.go: what a strategic merge patch needs
// to know about a type — for each field its patch strategy, its merge key, and the meta of what
// it holds. `engine/api` builds these from the OpenAPI schemas (x-kubernetes-patch-strategy,
// x-kubernetes-patch-merge-key); the patch code only sees this interface.

export type ValueShape = 'struct' | 'map' | 'list' | 'primitive';

export interface FieldPatchMeta {
  /** shape of the field's value. A list of structs has shape 'list' and elem describing the items. */
  shape: ValueShape;
  /** patchStrategy as tagged upstream: "merge", "replace", "retainKeys" or "merge,retainKeys". */
  patchStrategy?: string;
  /** patchMergeKey names the key that identifies list items ("name", "containerPort", …). */
  patchMergeKey?: string;
  /** elem describes the value: the struct itself, a map's values, or a list's items. */
  elem?: PatchMeta;
}

export interface PatchMeta {
  /** field returns the meta of a field of a struct, or undefined when the type does not know it. */
  field(name: string): FieldPatchMeta | undefined;
}

/** emptyPatchMeta knows no fields: patches fall back to JSON merge semantics (lists replaced). */
export const emptyPatchMeta: PatchMeta = { field: () => undefined };
