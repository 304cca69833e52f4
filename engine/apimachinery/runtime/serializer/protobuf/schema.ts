// Mirrors what go-to-protobuf (k8s.io/code-generator/cmd/go-to-protobuf) records in generated.proto
// and the Go struct tags beside it, reduced to what a decoder needs: for each message, the field
// numbers with their JSON names, wire types and the Go shape (pointer, slice, map, inline).

/**
 * ScalarType names the protobuf scalar of a field: s string, b bool, i32/i64/u32/u64 varints,
 * f64 double (fixed64), f32 float (fixed32), bytes ([]byte, base64 in JSON).
 */
export type ScalarType = 's' | 'b' | 'i32' | 'i64' | 'u32' | 'u64' | 'f64' | 'f32' | 'bytes';

/** REP marks a repeated field (a Go slice); JSON omits it when empty. */
export const REP = 1;
/** MAP marks a map<string, T> field, sent as repeated entry messages {key = 1, value = 2}. */
export const MAP = 2;
/**
 * KEEP marks a scalar whose zero value still shows in JSON: a Go pointer (`replicas: 0` is not
 * "unset") or a field without omitempty. Other scalars are omitempty values and zero means absent.
 */
export const KEEP = 4;
/** INLINE marks an embedded struct (`json:",inline"`) whose fields JSON writes into the parent. */
export const INLINE = 8;

/**
 * FieldEntry is [number, JSON name, type, flags]: type is a ScalarType or the full protobuf name of a
 * message ("k8s.io.api.core.v1.PodSpec"); for MAP fields it is the map's value type.
 */
export type FieldEntry = readonly [number: number, json: string, type: string, flags?: number];

/** MessageTable maps full protobuf message names to their fields. */
export type MessageTable = Readonly<Record<string, readonly FieldEntry[]>>;

const scalars = new Set<string>(['s', 'b', 'i32', 'i64', 'u32', 'u64', 'f64', 'f32', 'bytes']);

/** isScalar says whether a field type is a scalar rather than a message name. */
export function isScalar(type: string): type is ScalarType {
  return scalars.has(type);
}

/** The apimachinery messages with their own JSON forms, decoded by hand rather than from a table. */
export const TIME = 'k8s.io.apimachinery.pkg.apis.meta.v1.Time';
export const MICRO_TIME = 'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime';
export const FIELDS_V1 = 'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1';
export const INT_OR_STRING = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';
export const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';
export const RAW_EXTENSION = 'k8s.io.apimachinery.pkg.runtime.RawExtension';
